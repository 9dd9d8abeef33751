from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser, Group

from articles import permissions as perms
from articles.permissions import can, is_analyst
from tests.conftest import make_user

pytestmark = pytest.mark.django_db


def test_roles_are_permissions_of_the_groups() -> None:
    nobody = make_user("nobody")
    staff = make_user("staff", is_staff=True)
    analyst = make_user("a", "analysts")
    admin = make_user("b", "admins")
    root = make_user("root", is_superuser=True)
    admin_only = [
        perms.UPLOAD, perms.RETAG, perms.EDIT_THREADS, perms.ADD_MILESTONE, perms.MANAGE_SOURCES
    ]  # fmt: skip
    for user in (nobody, staff):
        assert not is_analyst(user)
        assert not can(user, perms.UPLOAD)
    assert is_analyst(analyst) and can(analyst, perms.CORRECT, perms.CORRECT_MOVES)
    assert not any(can(analyst, p) for p in admin_only)
    assert not can(analyst, *perms.ACCEPT_CANDIDATE)
    for user in (admin, root):
        assert is_analyst(user) and can(user, perms.CORRECT, perms.CORRECT_MOVES)
        assert all(can(user, p) for p in admin_only)
        assert can(user, *perms.ACCEPT_CANDIDATE)
    assert not is_analyst(AnonymousUser())
    assert not can(None, perms.READ)


def test_inactive_users_have_no_role() -> None:
    user = make_user("gone", "admins", is_active=False)
    assert not can(user, perms.UPLOAD)
    assert not is_analyst(user)


def test_migration_created_groups_with_permissions() -> None:
    analysts = Group.objects.get(name="analysts")
    admins = Group.objects.get(name="admins")
    analyst_perms = set(analysts.permissions.values_list("codename", flat=True))
    assert {"view_article", "view_thread", "add_correction", "add_eventcorrection"} <= analyst_perms
    assert not analyst_perms & {"delete_article", "change_article", "add_ingestbatch"}
    admin_perms = set(admins.permissions.values_list("codename", flat=True))
    assert {"add_milestone", "change_thread", "delete_article", "change_actor"} <= admin_perms
    assert {"add_ingestbatch", "change_article", "add_eventcorrection"} <= admin_perms


def test_the_group_name_alone_gives_nothing() -> None:
    """A group called "admins" without the permissions opens nothing: the permissions count."""
    user = make_user("named")
    bare = Group.objects.create(name="analysts-copy")
    user.groups.add(bare)
    assert not is_analyst(user)
