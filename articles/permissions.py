"""Who may do what: Django permissions, granted to two groups by the migrations.

The groups ("analysts", "admins") are only bundles of permissions; every
check in the views, the admin's actions, the API and the exports asks for
a permission, never for a group name or ``is_staff``. An admin can then
hand one permission to one account in the admin site, and a staff flag
(needed to open the admin at all) gives nothing by itself.

What each action needs is written once here:

- reading pages, the API and exports: ``view_article`` (analysts, admins);
- correcting tags and moves: ``add_correction`` / ``add_eventcorrection``
  (analysts, admins);
- uploading: ``add_ingestbatch``; re-tagging and re-processing:
  ``change_article``; merging, splitting and accepting threads:
  ``change_thread``; milestones: ``add_milestone``; accepting a name into
  the lexicon: ``add_person`` and ``change_candidate``; polling live
  sources: ``change_livesource`` (admins only).

Superusers have every permission; only a superuser may make another
superuser or hand out single permissions (``articles.admin_users``).
"""

from __future__ import annotations

from typing import Any

ADMINS = "admins"
ANALYSTS = "analysts"

READ = "articles.view_article"
EXPORT = READ
CORRECT = "articles.add_correction"
CORRECT_MOVES = "articles.add_eventcorrection"
UPLOAD = "articles.add_ingestbatch"
RETAG = "articles.change_article"
EDIT_THREADS = "articles.change_thread"
ADD_MILESTONE = "articles.add_milestone"
ACCEPT_CANDIDATE = ("articles.add_person", "articles.change_candidate")
VIEW_SOURCES = "articles.view_livesource"
MANAGE_SOURCES = "articles.change_livesource"


def can(user: Any, *perms: str) -> bool:
    """Whether an active, signed-in user holds every one of ``perms``.

    ``has_perm`` reads the permissions once per user object; the cached
    user (``accounts``) carries them, so a warm request asks no query.
    """
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return user.has_perms(perms)


def is_analyst(user: Any) -> bool:
    """May read the pages, the API and the exports."""
    return can(user, READ)


def may_correct(user: Any) -> bool:
    return can(user, CORRECT)
