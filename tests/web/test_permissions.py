from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser, Group

from articles.permissions import is_admin, is_analyst
from tests.conftest import make_user

pytestmark = pytest.mark.django_db


def test_roles_by_group() -> None:
    nobody = make_user("nobody")
    analyst = make_user("a", "analysts")
    admin = make_user("b", "admins")
    root = make_user("root", is_superuser=True)
    assert (is_analyst(nobody), is_admin(nobody)) == (False, False)
    assert (is_analyst(analyst), is_admin(analyst)) == (True, False)
    assert (is_analyst(admin), is_admin(admin)) == (True, True)
    assert (is_analyst(root), is_admin(root)) == (True, True)
    assert not is_analyst(AnonymousUser())
    assert not is_admin(None)


def test_inactive_users_have_no_role() -> None:
    user = make_user("gone", "admins", is_active=False)
    assert not is_admin(user)
    assert not is_analyst(user)


def test_migration_created_groups_with_permissions() -> None:
    analysts = Group.objects.get(name="analysts")
    admins = Group.objects.get(name="admins")
    analyst_perms = set(analysts.permissions.values_list("codename", flat=True))
    assert {"view_article", "view_thread", "add_correction"} <= analyst_perms
    assert "delete_article" not in analyst_perms
    admin_perms = set(admins.permissions.values_list("codename", flat=True))
    assert {"add_milestone", "change_thread", "delete_article", "change_actor"} <= admin_perms
