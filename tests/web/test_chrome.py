"""The header every page shows: rendered once per kind of reader, joined with each request's values."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from articles.templatetags.chrome import LINKS, section

pytestmark = pytest.mark.django_db


def _header(html: str) -> str:
    return re.search(r'<header class="site-header">.*?</header>', html, re.S).group(0)


def _current(header: str) -> list[str]:
    return re.findall(r'<a href="([^"]+)" aria-current="page">', header)


@pytest.mark.parametrize(
    ("url", "current"),
    [
        ("home", "/"),
        ("thread_list", "/threads/"),
        ("article_list", "/articles/"),
        ("search", "/search/"),
        ("watchlist_list", "/watchlists/"),
        ("notification_list", None),
    ],
)
def test_the_page_s_section_is_marked_and_no_other(
    analyst_client: Client, tagged, url: str, current: str | None
) -> None:
    header = _header(analyst_client.get(reverse(url)).content.decode())
    assert _current(header) == ([current] if current else [])


def test_a_page_under_a_section_marks_it() -> None:
    urls = {"home": "/", "threads": "/threads/", "articles": "/articles/"}
    urls |= {"search": "/search/", "watchlists": "/watchlists/"}
    assert section("/threads/gaza/", urls) == "threads"
    assert section("/articles/12/", urls) == "articles"
    assert section("/search/", urls) == "search"
    assert section("/searching/", urls) == ""
    assert section("/actors/IRN/", urls) == ""


def test_every_link_of_the_header_resolves(analyst_client: Client) -> None:
    header = _header(analyst_client.get(reverse("home")).content.decode())
    for pattern in ("home", "thread_list", "article_list", "search", "notification_list"):
        assert f'href="{reverse(pattern)}"' in header
    assert set(LINKS.values()) >= {"logout", "set_language", "api_token"}


def test_request_values_are_escaped(analyst_client: Client) -> None:
    words = '"><script>alert(1)</script>'
    html = analyst_client.get(reverse("search"), {"q": words}).content.decode()
    header = _header(html)
    assert "<script>alert(1)" not in header
    assert 'value="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"' in header
    # The language switch returns to this very page, its address escaped too.
    assert re.search(r'name="next" value="/search/\?q=[^"<>]+"', header)


def test_the_search_words_fill_the_quick_search_only_on_the_search_page(
    analyst_client: Client, tagged
) -> None:
    on_search = _header(analyst_client.get(reverse("search"), {"q": "حماس"}).content.decode())
    on_list = _header(analyst_client.get(reverse("article_list"), {"q": "حماس"}).content.decode())
    assert 'id="quick-q"' in on_search and 'value="حماس"' in on_search
    assert 'value="حماس"' not in on_list


def test_the_header_s_token_passes_the_csrf_check(analyst_user) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(analyst_user)
    header = _header(client.get(reverse("home")).content.decode())
    tokens = set(re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', header))
    assert len(tokens) == 1
    refused = client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert refused.status_code == 403
    switched = client.post(
        reverse("set_language"),
        {"language": "en", "next": "/", "csrfmiddlewaretoken": tokens.pop()},
    )
    assert switched.status_code == 302


def test_each_reader_gets_their_own_name_and_links(
    analyst_client: Client, admin_group_client: Client
) -> None:
    """Kinds of reader share pieces in one process; names and rights never leak across."""
    admin = _header(admin_group_client.get(reverse("home")).content.decode())
    analyst = _header(analyst_client.get(reverse("home")).content.decode())
    admin_again = _header(admin_group_client.get(reverse("home")).content.decode())
    assert '<span class="user" dir="auto">chief</span>' in admin
    assert '<span class="user" dir="auto">analyst</span>' in analyst
    assert "chief" not in analyst
    for header, can in ((admin, True), (analyst, False), (admin_again, True)):
        assert (f'href="{reverse("upload")}"' in header) is can
        assert (f'href="{reverse("source_list")}"' in header) is can


def test_a_visitor_sees_no_navigation(client: Client) -> None:
    header = _header(client.get(reverse("login")).content.decode())
    assert "main-nav" not in header and "bell" not in header and "logout" not in header
    assert 'class="lang-switch"' in header


def test_each_language_has_its_own_header(analyst_client: Client) -> None:
    arabic = _header(analyst_client.get(reverse("home")).content.decode())
    analyst_client.post(reverse("set_language"), {"language": "en", "next": "/"})
    english = _header(analyst_client.get(reverse("home")).content.decode())
    assert "الرئيسية" in arabic and 'value="en"' in arabic
    assert ">Home<" in english and 'value="ar"' in english


def _save_form(html: str) -> str:
    return re.search(r'<details class="save-watchlist">.*?</details>', html, re.S).group(0)


def test_the_save_watchlist_form_carries_this_page_s_filters(
    analyst_client: Client, tagged
) -> None:
    into = _save_form(
        analyst_client.get(
            reverse("article_list"), {"actor": "ISR", "watchlist": '7"><b>'}
        ).content.decode()
    )
    new = _save_form(analyst_client.get(reverse("article_list"), {"actor": "QAT"}).content.decode())
    # Opened from a watchlist: its filters go into it, the form names no new one.
    assert 'name="watchlist" value="7&quot;&gt;&lt;b&gt;"' in into
    assert 'name="query" value="?actor=ISR"' in into and 'name="name"' not in into
    # The next reader of the other kind gets the form for a new watchlist, with their filters.
    assert 'name="watchlist"' not in new and 'name="name"' in new
    assert 'name="query" value="?actor=QAT"' in new
    assert 'name="next" value="/articles/?actor=QAT"' in new


def test_the_save_watchlist_form_saves(analyst_client: Client, tagged) -> None:
    form = _save_form(
        analyst_client.get(reverse("article_list"), {"actor": "ISR"}).content.decode()
    )
    fields = dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', form))
    response = analyst_client.post(
        reverse("watchlist_create"), {**fields, "name": "Israel", "email": "off"}
    )
    assert response.status_code == 302
    watchlists = analyst_client.get(reverse("watchlist_list")).content.decode()
    assert "Israel" in watchlists
