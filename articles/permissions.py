"""Who may do what: two groups, read by name so an admin can manage them in the admin site.

Reading, exporting and the API need the analysts or admins group, not
just a login, so an account an admin has not placed yet sees nothing.
Analysts (and admins) may correct an article's tags; admins (and
superusers) may also upload, edit the lexicon and threads, re-tag and mark
milestones on threads.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

ADMINS = "admins"
ANALYSTS = "analysts"


def _group_names(user: Any) -> frozenset[str]:
    # Kept on the user object: at most one query per request however often
    # asked, and none when the user came from the cache (``accounts``).
    names = getattr(user, "_nt_group_names", None)
    if names is None:
        names = remember_group_names(user, user.groups.values_list("name", flat=True))
    return names


def remember_group_names(user: Any, names: Iterable[str]) -> frozenset[str]:
    """Keep the user's group names on the user object (and in its cached copy)."""
    user._nt_group_names = frozenset(names)
    return user._nt_group_names


def is_admin(user: Any) -> bool:
    """Superusers and members of the "admins" group."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return bool(user.is_superuser) or ADMINS in _group_names(user)


def is_analyst(user: Any) -> bool:
    """Members of the "analysts" group, and admins, who can do all an analyst can."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return is_admin(user) or ANALYSTS in _group_names(user)
