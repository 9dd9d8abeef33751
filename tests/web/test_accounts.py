"""The signed-in user comes from Redis, and every change to it counts from the next request."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.conftest import make_user

pytestmark = pytest.mark.django_db

LIST = "/articles/"


def _signed_in(username: str, *groups: str) -> tuple[Client, object]:
    user = make_user(username, *groups)
    client = Client()
    client.force_login(user)
    assert client.get(LIST).status_code == (200 if groups else 403)
    return client, user


def test_a_warm_request_reads_no_user_or_group_rows() -> None:
    client, _ = _signed_in("warm", "analysts")
    with CaptureQueriesContext(connection) as queries:
        assert client.get(LIST).status_code == 200
    tables = " ".join(q["sql"] for q in queries.captured_queries)
    assert "auth_user" not in tables
    assert "auth_group" not in tables


def test_leaving_the_group_closes_the_pages_at_once() -> None:
    client, user = _signed_in("leaver", "analysts")
    user.groups.clear()
    assert client.get(LIST).status_code == 403


def test_removing_a_member_from_the_group_side_counts_too() -> None:
    client, user = _signed_in("removed", "analysts")
    Group.objects.get(name="analysts").user_set.remove(user)
    assert client.get(LIST).status_code == 403


def test_joining_a_group_opens_the_pages_at_once() -> None:
    client, user = _signed_in("joiner")
    Group.objects.get_or_create(name="analysts")[0].user_set.add(user)
    assert client.get(LIST).status_code == 200


def test_taking_a_permission_from_the_group_counts_at_once() -> None:
    client, _ = _signed_in("renamed", "analysts")
    group = Group.objects.get(name="analysts")
    group.permissions.remove(Permission.objects.get(codename="view_article"))
    assert client.get(LIST).status_code == 403


def test_a_deactivated_account_is_signed_out() -> None:
    client, user = _signed_in("gone", "analysts")
    user.is_active = False
    user.save()
    response = client.get(LIST)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_a_password_change_ends_other_sessions() -> None:
    client, user = _signed_in("rotated", "analysts")
    user.set_password("another-long-password-43")
    user.save()
    response = client.get(LIST)
    assert response.status_code == 302
