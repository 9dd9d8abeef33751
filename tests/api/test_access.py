"""Who reads the API: analysts and admins, by token or session; nobody else."""

from __future__ import annotations

import pytest
from django.http import HttpRequest
from django.urls import reverse
from knox.models import AuthToken
from rest_framework.test import APIClient

from tests.conftest import api_token

from . import factories

pytestmark = pytest.mark.django_db

PROTECTED = [
    ("api_articles", []),
    ("api_actors", []),
    ("api_topics", []),
    ("api_threads", []),
    ("export_csv", []),
    ("export_json", []),
    ("api_schema", []),
]


@pytest.mark.parametrize(("name", "args"), PROTECTED)
def test_anonymous_is_refused(name: str, args: list, world) -> None:
    response = APIClient().get(reverse(name, args=args))
    assert response.status_code == 401


def test_anonymous_article_detail_is_refused(world) -> None:
    response = APIClient().get(reverse("api_article", args=[world.gaza.pk]))
    assert response.status_code == 401
    assert "text" not in response.json()


@pytest.mark.parametrize("name", ["api_articles", "export_csv", "api_threads"])
def test_user_without_group_is_forbidden_by_token(name: str, world) -> None:
    nobody = factories.user("nobody")
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {api_token(nobody)}")
    assert client.get(reverse(name)).status_code == 403


def test_user_without_group_is_forbidden_by_session(world) -> None:
    factories.user("nobody")
    client = APIClient()
    assert client.login(request=HttpRequest(), username="nobody", password=factories.PASSWORD)
    assert client.get(reverse("api_articles")).status_code == 403


def test_analyst_reads_with_token(analyst_api, world) -> None:
    response = analyst_api.get(reverse("api_articles"))
    assert response.status_code == 200
    assert len(response.json()["results"]) == 5


def test_wrong_token_is_refused(world) -> None:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Token 0000000000000000000000000000000000000000")
    assert client.get(reverse("api_articles")).status_code == 401


def test_analyst_reads_with_session(analyst, world) -> None:
    client = APIClient()
    assert client.login(request=HttpRequest(), username="analyst", password=factories.PASSWORD)
    assert client.get(reverse("api_articles")).status_code == 200


def test_admin_group_reads(world) -> None:
    factories.user("boss", "admins")
    client = APIClient()
    assert client.login(request=HttpRequest(), username="boss", password=factories.PASSWORD)
    assert client.get(reverse("api_threads")).status_code == 200


def test_api_writes_nothing(analyst_api, world) -> None:
    url = reverse("api_article", args=[world.gaza.pk])
    assert analyst_api.delete(url).status_code == 405
    assert analyst_api.post(reverse("api_articles"), {"title": "x"}).status_code == 405


class TestTokenPage:
    def test_requires_login(self, client) -> None:
        response = client.get(reverse("api_token"))
        assert response.status_code == 302
        assert reverse("login") in response["Location"]

    def test_user_without_group_is_forbidden(self, client, db) -> None:
        client.force_login(factories.user("nobody"))
        assert client.get(reverse("api_token")).status_code == 403
        assert client.post(reverse("api_token")).status_code == 403
        assert not AuthToken.objects.exists()

    def test_analyst_creates_then_replaces_token(self, client, analyst) -> None:
        client.force_login(analyst)
        assert client.get(reverse("api_token")).status_code == 200
        response = client.post(reverse("api_token"))
        assert response.status_code == 200
        assert response["Cache-Control"] == "no-store"
        first = response.context["key"]
        stored = AuthToken.objects.get(user=analyst)
        # Only a hash is kept: the value is nowhere in the table, nor on a later page.
        assert first not in (stored.digest, stored.token_key)
        assert first not in client.get(reverse("api_token")).content.decode()
        second = client.post(reverse("api_token")).context["key"]
        assert second != first
        assert AuthToken.objects.filter(user=analyst).count() == 1
        api = APIClient()
        api.credentials(HTTP_AUTHORIZATION=f"Token {first}")
        assert api.get(reverse("api_articles")).status_code == 401
        api.credentials(HTTP_AUTHORIZATION=f"Token {second}")
        assert api.get(reverse("api_articles")).status_code == 200
