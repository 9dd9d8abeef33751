"""The crawler against the local server: limits, redirects, conditional requests, robots, politeness."""

from __future__ import annotations

import threading

import pytest
import redis
from django.conf import settings

from articles.live import Crawler, CrawlerSettings, FetchError
from tests.live.server import page


def make_crawler(**overrides) -> Crawler:
    options = {
        "user_agent": "NegotiationTracker/test",
        "connect_timeout": 2.0,
        "read_timeout": 0.5,
        "total_timeout": 2.0,
        "max_bytes": 200_000,
        "host_delay": 0.0,
        "allow_private": True,  # the tests' server is on 127.0.0.1
        **overrides,
    }
    robots: dict = {}
    return Crawler(
        CrawlerSettings(**options),
        redis.Redis.from_url(settings.CELERY_BROKER_URL),
        (robots.get, robots.__setitem__),
    )


def test_user_agent_and_body(web) -> None:
    web.add("/a.html", page("عنوان", "نص"))
    with make_crawler() as c:
        r = c.get(web.url("/a.html"))
    assert r.status == 200 and "عنوان".encode() in r.body
    path, headers, _ = web.requests[-1]
    assert path == "/a.html"
    assert headers["User-Agent"] == "NegotiationTracker/test"


def test_conditional_requests_come_back_not_modified(web) -> None:
    web.add("/feed.xml", "<rss/>", etag='"v1"', last_modified="Mon, 06 Jan 2025 10:00:00 GMT")
    with make_crawler() as c:
        first = c.get(web.url("/feed.xml"))
        second = c.get(
            web.url("/feed.xml"),
            etag=first.headers["etag"],
            last_modified=first.headers["last-modified"],
        )
    assert first.status == 200 and second.not_modified and second.body == b""
    assert web.requests[-1][1]["If-None-Match"] == '"v1"'


def test_redirects_are_followed_to_the_end_and_loops_stopped(web) -> None:
    web.add("/old", status=301, location="/new")
    web.add("/new", status=302, location=web.url("/final.html"))
    web.add("/final.html", page("t", "x"))
    web.add("/loop", status=302, location="/loop")
    with make_crawler() as c:
        assert c.get(web.url("/old")).url == web.url("/final.html")
        with pytest.raises(FetchError, match="redirects"):
            c.get(web.url("/loop"))


@pytest.mark.parametrize(
    ("status", "transient"), [(404, False), (410, False), (500, True), (503, True)]
)
def test_http_errors_say_whether_to_try_again(web, status, transient) -> None:
    web.add("/x", "err", status=status)
    with make_crawler() as c, pytest.raises(FetchError) as err:
        c.get(web.url("/x"))
    assert err.value.reason == f"HTTP {status}" and err.value.transient is transient


def test_slow_answers_time_out(web) -> None:
    web.add("/slow", page("t", "x"), delay=1.5)
    with make_crawler(read_timeout=0.3) as c, pytest.raises(FetchError, match="timed out") as err:
        c.get(web.url("/slow"))
    assert err.value.transient


def test_size_cap_counts_decoded_bytes(web) -> None:
    # 1 MB of spaces compresses to about a kilobyte: the cap must see the megabyte.
    web.add("/bomb", b" " * 1_000_000, gzip=True)
    web.add("/small.html", page("t", "x") * 3, gzip=True)
    with make_crawler() as c:
        assert b"<article>" in c.get(web.url("/small.html")).body
        with pytest.raises(FetchError, match="limit"):
            c.get(web.url("/bomb"))
    assert web.requests[-1][1]["Accept-Encoding"] == "gzip, deflate"


def test_robots_txt_is_honoured(web) -> None:
    web.add("/robots.txt", "User-agent: *\nDisallow: /private/\n", content_type="text/plain")
    web.add("/private/a.html", page("t", "x"))
    web.add("/public/a.html", page("t", "x"))
    with make_crawler() as c:
        c.get(web.url("/public/a.html"))
        with pytest.raises(FetchError, match="robots.txt"):
            c.get(web.url("/private/a.html"))
        c.get(web.url("/public/a.html"))
    assert web.hits["/private/a.html"] == 0
    assert web.hits["/robots.txt"] == 1  # read once per host


def test_robots_for_our_agent_only(web) -> None:
    web.add(
        "/robots.txt",
        "User-agent: NegotiationTracker\nDisallow: /\n\nUser-agent: *\nAllow: /\n",
        content_type="text/plain",
    )
    web.add("/a.html", page("t", "x"))
    with make_crawler() as c, pytest.raises(FetchError, match="robots.txt"):
        c.get(web.url("/a.html"))


def test_one_request_at_a_time_per_host_with_a_delay(web) -> None:
    for i in range(4):
        web.add(f"/p{i}.html", page("t", "x"), delay=0.1)
    errors: list[Exception] = []

    def fetch(i: int) -> None:
        try:
            with make_crawler(host_delay=0.2) as c:
                c.get(web.url(f"/p{i}.html"))
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=fetch, args=(i,)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert web.max_active == 1
    starts = sorted(t for path, _, t in web.requests if path.startswith("/p"))
    gaps = [b - a for a, b in zip(starts, starts[1:], strict=False)]
    assert len(starts) == 4 and min(gaps) >= 0.28  # 0.1 s answer + 0.2 s delay


def test_only_http_urls(web) -> None:
    web.add("/r", status=302, location="file:///etc/passwd")
    with make_crawler() as c, pytest.raises(FetchError, match="http"):
        c.get(web.url("/r"))


def test_private_addresses_need_a_local_source(web) -> None:
    """A feed on the internet must not send the workers to this machine or the local network."""
    web.add("/a.html", page("t", "x"))
    with make_crawler(allow_private=False) as c, pytest.raises(FetchError, match="private"):
        c.get(web.url("/a.html"))
    assert web.hits["/a.html"] == 0
