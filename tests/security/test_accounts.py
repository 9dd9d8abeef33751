"""The cached signed-in user, API tokens and failed logins."""

from __future__ import annotations

import time
from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.core.cache import cache
from django.http import HttpRequest
from django.test import Client
from django.urls import reverse
from knox.models import AuthToken
from rest_framework.test import APIClient

from articles.accounts import CachedUserBackend, _key
from tests.conftest import TEST_PASSWORD, api_token, make_user

pytestmark = pytest.mark.django_db

LIST = "/articles/"


def _signed_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    assert client.get(LIST).status_code == 200  # the user is now in the cache
    assert cache.get(_key(user.pk)) is not None
    return client


def test_a_user_cached_again_before_the_commit_is_dropped_at_commit(
    django_capture_on_commit_callbacks,
) -> None:
    user = make_user("leaving", "analysts")
    client = _signed_in(user)
    stale = CachedUserBackend().get_user(user.pk)
    with django_capture_on_commit_callbacks(execute=True):
        user.is_active = False
        user.save()
        # Another request, still seeing the committed (active) row, caches it again.
        cache.set(_key(user.pk), stale, 60)
    assert cache.get(_key(user.pk)) is None
    assert client.get(LIST).status_code == 302


def test_a_bulk_update_counts_within_the_cache_lifetime(settings) -> None:
    settings.AUTH_USER_CACHE_SECONDS = 1
    user = make_user("bulk", "analysts")
    client = _signed_in(user)
    User.objects.filter(pk=user.pk).update(is_active=False)  # no signal is sent
    time.sleep(1.3)
    assert client.get(LIST).status_code == 302


def test_the_cached_user_carries_its_permissions(django_assert_max_num_queries) -> None:
    user = make_user("warm", "analysts")
    _signed_in(user)
    cached = CachedUserBackend().get_user(user.pk)
    with django_assert_max_num_queries(0):
        assert cached.has_perm("articles.view_article")
        assert not cached.has_perm("articles.add_ingestbatch")


def _api(token: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    return client


def test_tokens_are_stored_as_hashes_and_expire() -> None:
    user = make_user("reader", "analysts")
    token = api_token(user)
    stored = AuthToken.objects.get(user=user)
    assert token not in stored.digest and len(token) > 40
    lifetime = stored.expiry - stored.created
    assert timedelta(days=1) < lifetime <= timedelta(days=90)
    assert _api(token).get(reverse("api_topics")).status_code == 200
    _, old = AuthToken.objects.create(user=user, expiry=timedelta(seconds=-1))
    assert _api(old).get(reverse("api_topics")).status_code == 401


def test_a_password_change_ends_every_token() -> None:
    user = make_user("rotating", "analysts")
    tokens = [api_token(user), api_token(user)]
    user.set_password("another-long-password-77")
    user.save()
    assert not AuthToken.objects.filter(user=user).exists()
    for token in tokens:
        assert _api(token).get(reverse("api_topics")).status_code == 401
    fresh = api_token(user)
    user.last_name = "unchanged password"
    user.save()
    assert _api(fresh).get(reverse("api_topics")).status_code == 200


def test_a_password_changed_in_the_admin_ends_the_tokens_too() -> None:
    user = make_user("target", "analysts")
    token = api_token(user)
    root = Client()
    root.force_login(make_user("root", is_superuser=True, is_staff=True))
    url = reverse("admin:auth_user_password_change", args=[user.pk])
    response = root.post(url, {"password1": "x-new-pass-1234", "password2": "x-new-pass-1234"})
    assert response.status_code == 302
    assert _api(token).get(reverse("api_topics")).status_code == 401


def test_failed_logins_lock_the_account_on_that_address(settings) -> None:
    settings.AXES_FAILURE_LIMIT = 3
    make_user("guessed", "analysts")
    client = Client()
    url = reverse("login")
    for _ in range(3):
        response = client.post(url, {"username": "guessed", "password": "wrong"})
        assert response.status_code in (200, 429)
    # The right password no longer opens it from here.
    response = client.post(url, {"username": "guessed", "password": TEST_PASSWORD})
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    # Another account on the same address is not locked.
    make_user("other", "analysts")
    response = client.post(url, {"username": "other", "password": TEST_PASSWORD})
    assert response.status_code == 302


def test_a_good_login_still_works_with_axes() -> None:
    make_user("fine", "analysts")
    client = Client()
    assert client.login(request=HttpRequest(), username="fine", password=TEST_PASSWORD)
    assert client.get(LIST).status_code == 200
