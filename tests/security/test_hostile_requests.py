"""Every page and API endpoint, fuzzed over its path and query: 2xx/3xx/4xx in bounded time.

The URL conf is enumerated, so a new page is fuzzed without being listed
here. Values are what an attacker, a broken link or a careless script
sends: dates of the year 1 or 9999, impossible dates, windows that end
before they start, ids past 64 bits, lists of hundreds, long strings,
Arabic and other scripts, NUL and control characters, damaged cursors.
A request that answers 500 or takes over ``BOUND`` seconds fails; an
alarm stops a request that hangs instead of hanging the suite.
"""

from __future__ import annotations

import datetime as dt
import os
import signal
import time
from collections.abc import Iterator
from urllib.parse import quote

import pytest
from django.db import connection
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from tests.conftest import make_article, make_user

pytestmark = pytest.mark.django_db

BOUND = 5.0  # seconds; generous on purpose: this catches hangs, it does not time pages
HANG = 30  # seconds before the alarm stops a request that does not return
EXAMPLES = int(os.environ.get("HOSTILE_EXAMPLES", "12"))
SKIP_PREFIXES = ("admin/",)


def _patterns(patterns=None, prefix: str = "") -> Iterator[tuple[str, URLPattern]]:
    for p in get_resolver().url_patterns if patterns is None else patterns:
        route = prefix + str(p.pattern)
        if route.startswith(SKIP_PREFIXES):
            continue
        if isinstance(p, URLResolver):
            yield from _patterns(p.url_patterns, route)
        else:
            yield route, p


ROUTES = sorted(_patterns(), key=lambda item: item[0])

PARAMS = [
    "date_from", "date_to", "start_from", "start_to", "since", "until", "day", "when",
    "actor", "topic", "thread", "source", "role", "actor_mode", "lang", "q", "zoom",
    "after", "before", "page", "bucket", "type", "etype", "eactor", "origin", "state",
    "current", "status", "story", "facets", "watchlist", "batches", "script", "format",
    "cursor", "limit", "offset", "next",
]  # fmt: skip

EXTREME_DATES = [
    "0001-01-01", "9999-12-31", "1899-12-31", "1900-01-01", "2100-12-31", "2101-01-01",
    "2024-02-30", "2024-13-01", "-0001-01-01", "99999-01-01", "20240101", "2024-1-1",
]  # fmt: skip
EXTREME_NUMBERS = ["0", "-1", "1.5", "1e400", "NaN", str(2**63), str(10**40), "٣", "0x10"]

dates = st.dates(dt.date(1, 1, 1), dt.date(9999, 12, 31)).map(dt.date.isoformat)
numbers = st.integers(-(10**30), 10**30).map(str)
short_text = st.text(max_size=40)
# A URL carries UTF-8 bytes: a lone surrogate cannot be sent by any client.
long_text = st.builds(lambda c, n: c * n, st.characters(codec="utf-8"), st.integers(300, 4000))
id_lists = st.lists(st.sampled_from(["QAT", "ISR", "hamas", "x" * 50, "", "؟"]), max_size=120)
values = st.one_of(
    dates,
    st.sampled_from(EXTREME_DATES),
    numbers,
    st.sampled_from(EXTREME_NUMBERS),
    short_text,
    long_text,
    id_lists.map(",".join),
    st.sampled_from(["day", "week", "month", "year", "all", "story", "inline", "1"]),
    st.binary(max_size=30).map(lambda b: b.decode("latin-1")),
)
queries = st.dictionaries(
    st.one_of(st.sampled_from(PARAMS), st.text(min_size=1, max_size=15)),
    st.lists(values, min_size=1, max_size=3),
    max_size=6,
)


@pytest.fixture
def hostile_client(tagged, settings) -> Client:
    """An admin (who may open every page), on a cache of its own, with a DB statement limit."""
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "hostile",
        }
    }
    with connection.cursor() as cursor:
        cursor.execute("SET statement_timeout = %s", [HANG * 1000])
    client = Client()
    client.force_login(make_user("prober", "admins", is_staff=True))
    return client


def _path_values(route: str, pattern: URLPattern, tagged) -> st.SearchStrategy[str]:
    """Path arguments: ids and keys that exist, that do not, and that make no sense."""
    converters = pattern.pattern.converters
    article = tagged["articles"][0].pk
    parts: dict[str, st.SearchStrategy[str]] = {}
    for name, converter in converters.items():
        kind = type(converter).__name__
        if kind == "IntConverter":
            parts[name] = st.one_of(
                st.sampled_from([str(article), "0", "1", str(2**31), str(2**63), str(10**30)]),
                st.integers(0, 10**25).map(str),
            )
        else:
            parts[name] = st.one_of(
                st.sampled_from([tagged["thread"].key, "QAT", "nope", "…", "%00", "x" * 500]),
                st.text(min_size=1, max_size=80).map(lambda s: quote(s, safe="")),
            )
    return st.fixed_dictionaries(parts)


def _url(route: str, args: dict[str, str]) -> str:
    url = "/" + route
    for name, value in args.items():
        for kind in ("int", "str", "path"):
            url = url.replace(f"<{kind}:{name}>", value)
    return url


class Hang(Exception):
    pass


def _alarm(signum, frame):
    raise Hang(f"no answer within {HANG} s")


def _get(client: Client, url: str, query: dict[str, list[str]]) -> tuple[int, float]:
    previous = signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(HANG)
    started = time.monotonic()
    try:
        response = client.get(url, query)
        if getattr(response, "streaming", False):
            b"".join(response.streaming_content)  # an export's rows are work too
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    return response.status_code, time.monotonic() - started


@pytest.mark.parametrize(("route", "pattern"), ROUTES, ids=[r for r, _ in ROUTES])
def test_endpoint_answers_hostile_queries_without_error(
    route: str, pattern: URLPattern, hostile_client: Client, tagged
) -> None:
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        derandomize=bool(os.environ.get("CI")),
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(args=_path_values(route, pattern, tagged), query=queries)
    def probe(args: dict[str, str], query: dict[str, list[str]]) -> None:
        url = _url(route, args)
        status, seconds = _get(hostile_client, url, query)
        assert status < 500, (url, query, status)
        assert seconds < BOUND, (url, query, round(seconds, 2))

    probe()


WIDE = {"date_from": ["1900-01-01"], "date_to": ["2100-12-31"]}


NARROW = {"date_from": ["2024-01-01"], "date_to": ["2024-12-31"]}


@pytest.mark.parametrize(
    "name",
    [
        "article_list",
        "article_facets",
        "search",
        "api_articles",
        "api_events",
        "export_csv",
        "export_events_csv",
    ],
)
def test_the_widest_allowed_window_costs_about_what_a_year_costs(
    name: str, hostile_client: Client
) -> None:
    """The work of a request must not grow with the width of its date window."""
    from django.urls import reverse

    _get(hostile_client, reverse(name), NARROW)  # warm what a first request warms
    status, narrow = _get(hostile_client, reverse(name), {**NARROW, "q": ["قطر"]})
    assert status < 500
    status, wide = _get(hostile_client, reverse(name), {**WIDE, "q": ["قطر"]})
    assert status < 500 and wide < BOUND, (name, status, wide)
    assert wide - narrow < 1.0, (name, round(narrow, 2), round(wide, 2))


@pytest.mark.parametrize("suffix", ["", "story/", "moves/"])
def test_the_widest_allowed_window_on_a_thread_answers_in_time(
    suffix: str, hostile_client: Client, tagged
) -> None:
    """Also with one article of a mistyped ancient date in the thread (zoom steps must not wrap)."""
    make_article(
        "تاريخ خاطئ",
        "نص عن المفاوضات بتاريخ خاطئ",
        published=timezone.make_aware(dt.datetime(1, 1, 2)),
        thread=tagged["thread"],
    )
    url = f"/threads/{tagged['thread'].key}/{suffix}"
    for zoom in ("day", "week", "month", "year", "all"):
        for window in (WIDE, {}):
            query = {**window, "zoom": [zoom], "day": ["2024-02-10"]}
            status, seconds = _get(hostile_client, url, query)
            assert status < 500 and seconds < BOUND, (url, query, status, seconds)


@pytest.mark.parametrize(
    ("query", "status"),
    [
        ({"date_from": ["0001-01-01"], "date_to": ["9999-12-30"]}, 400),
        ({"date_from": ["2024-03-01"], "date_to": ["2024-01-01"]}, 400),
        ({"q": ["مفاوضات " * 200]}, 400),
        ({"q": ["قطر\x00"]}, 400),
        ({"source": [str(10**30)]}, 400),
        ({"actor": ["QAT"] * 60}, 400),
    ],
)
def test_out_of_bounds_queries_are_refused_everywhere(
    query: dict, status: int, hostile_client: Client
) -> None:
    for url in ("/articles/", "/articles/facets/", "/search/", "/api/articles/", "/api/events/"):
        assert hostile_client.get(url, query).status_code == status, (url, query)


def test_api_filters_refuse_what_the_pages_would_ignore(hostile_client: Client) -> None:
    api = "/api/articles/"
    assert (
        hostile_client.get(api, {"date_from": "2024-03-01", "date_to": "2024-01-01"}).status_code
        == 400
    )
    assert hostile_client.get(api, {"source": "1.5"}).status_code == 400
    assert hostile_client.get(api, {"date_from": "not a date"}).status_code == 400
    assert hostile_client.get("/api/events/", {"date_to": "2024-02-30"}).status_code == 400
    assert hostile_client.get("/api/articles/987654321/").status_code == 404
    assert hostile_client.get("/api/threads/no-such-thread/").status_code == 404
    assert hostile_client.get("/articles/987654321/").status_code == 404


FORM_FIELDS = [
    "action", "actor", "role", "topic", "thread", "event", "new_type", "type", "sentence",
    "when", "attributed_to", "date", "label_ar", "label_en", "name", "email", "language",
    "query", "next", "actors", "targets", "via", "span",
]  # fmt: skip
forms_data = st.dictionaries(
    st.one_of(st.sampled_from(FORM_FIELDS), st.text(min_size=1, max_size=10)),
    values,
    max_size=8,
)


@pytest.mark.parametrize(
    "route",
    [
        "/articles/{article}/corrections/",
        "/articles/{article}/events/",
        "/threads/{thread}/milestones/",
        "/watchlists/new/",
        "/notifications/read/",
        "/api/token/",
    ],
)
def test_forms_answer_hostile_posts_without_error(
    route: str, hostile_client: Client, tagged
) -> None:
    url = route.format(article=tagged["articles"][0].pk, thread=tagged["thread"].key)

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        derandomize=bool(os.environ.get("CI")),
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(data=forms_data)
    def probe(data: dict[str, str]) -> None:
        previous = signal.signal(signal.SIGALRM, _alarm)
        signal.alarm(HANG)
        started = time.monotonic()
        try:
            response = hostile_client.post(url, data)
        finally:
            signal.alarm(0)
            signal.signal(signal.SIGALRM, previous)
        assert response.status_code < 500, (url, data, response.status_code)
        assert time.monotonic() - started < BOUND, (url, data)

    probe()


ADMIN_PARAMS = [
    "q", "o", "p", "e", "all", "_popup", "status", "lang", "source__id__exact",
    "published_at__year", "published_at__month", "published_at__day", "created_at__gte",
    "thread__id__exact", "is_negotiation__exact", "kind", "enabled__exact",
]  # fmt: skip
admin_queries = st.dictionaries(
    st.sampled_from(ADMIN_PARAMS), st.lists(values, min_size=1, max_size=2), max_size=4
)


def _admin_changelists() -> list[str]:
    from django.contrib import admin

    return sorted(
        f"/admin/{m._meta.app_label}/{m._meta.model_name}/"
        for m in admin.site._registry
        if m._meta.app_label in ("articles", "auth")
    )


@pytest.mark.parametrize("url", _admin_changelists())
def test_admin_lists_answer_hostile_queries_without_error(url: str, hostile_client: Client) -> None:
    @settings(
        max_examples=max(3, EXAMPLES // 3),
        deadline=None,
        database=None,
        derandomize=bool(os.environ.get("CI")),
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(query=admin_queries)
    def probe(query: dict[str, list[str]]) -> None:
        status, seconds = _get(hostile_client, url, query)
        assert status < 500, (url, query, status)
        assert seconds < BOUND, (url, query, round(seconds, 2))

    probe()


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    derandomize=bool(os.environ.get("CI")),
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(username=values, password=values)
# A name longer than any account's: the failed attempt is still counted, not a 500.
@example(username="0" * 300, password="x")
def test_login_answers_hostile_credentials_without_error(db, username: str, password: str) -> None:
    response = Client().post("/accounts/login/", {"username": username, "password": password})
    assert response.status_code in (200, 400, 403, 429), response.status_code


@pytest.mark.parametrize(
    "value", ["¹", "²⁰²⁴", "9" * 5000, "٣١", "٢٠٢٤", " 07 ", "-2147483649", "+0", "2_0_1_5"]
)
def test_date_parts_in_any_digits_are_answered_never_raised(value: str, hostile_client) -> None:
    """``str.isdigit`` holds for superscripts that ``int`` refuses, and ``int``
    refuses thousands of digits: a date part is checked as decimal digits of
    a plausible length, whatever the script."""
    from django.http import QueryDict
    from django.urls import reverse

    from articles.request_limits import problem

    for part in ("day", "month", "year"):
        query = QueryDict(mutable=True)
        query[part] = value
        problem(query)  # no exception
        response = hostile_client.get(reverse("export_csv"), {part: value})
        assert response.status_code < 500, (part, value)
    assert problem(QueryDict("day=٣١")) is None  # Arabic-Indic digits are digits
    assert problem(QueryDict("day=٣٢")) == "day is out of range"
    assert problem(QueryDict("year=" + "9" * 1500)) == "year is out of range"
    # A sign is no way round the range: the admin's drill-down would overflow a C int.
    refused = "published_at__year is out of range"
    assert problem(QueryDict("published_at__year=-2147483649")) == refused
    assert problem(QueryDict("published_at__year=%2B2015")) is None
