"""The filter form: rendered once per kind of form, joined with each request's words, dates and options."""

from __future__ import annotations

import re

import pytest
from django.template import RequestContext, Template
from django.test import Client, RequestFactory
from django.urls import reverse

pytestmark = pytest.mark.django_db


def _form(html: str) -> str:
    return re.search(r'<form class="filters".*?</form>', html, re.S).group(0)


def _selected(form: str, select_id: str) -> list[str]:
    menu = re.search(rf'<select id="{select_id}".*?</select>', form, re.S).group(0)
    return re.findall(r'<option value="([^"]*)" selected>', menu)


def test_each_request_gets_its_own_words_dates_and_choices(analyst_client: Client, tagged) -> None:
    """Requests of one kind share pieces; what one typed or chose never shows in another's form."""
    url = reverse("article_list")
    first = _form(
        analyst_client.get(url, {"q": "حماس", "role": "party", "lang": "ar"}).content.decode()
    )
    second = _form(
        analyst_client.get(
            url, {"date_from": "2024-01-01", "date_to": "2024-02-01", "role": "mediator"}
        ).content.decode()
    )
    assert 'name="q" dir="auto" value="حماس"' in first
    assert 'name="q" dir="auto" value=""' in second
    assert 'name="date_from" value="2024-01-01"' in second and 'value="2024-02-01"' in second
    assert 'name="date_from" value=""' in first
    assert _selected(first, "f-role") == ["party"] and _selected(second, "f-role") == ["mediator"]
    assert _selected(first, "f-lang") == ["ar"] and _selected(second, "f-lang") == []


def test_chosen_actors_and_the_match_mode_show_in_their_own_form(
    analyst_client: Client, tagged
) -> None:
    url = reverse("article_list")
    both = _form(
        analyst_client.get(url, {"actor": ["QAT", "EGY"], "actor_mode": "all"}).content.decode()
    )
    none = _form(analyst_client.get(url).content.decode())
    assert re.search(r'name="actor" value="QAT" checked', both)
    assert re.search(r'name="actor" value="EGY" checked', both)
    assert 'value="all" checked' in both and 'value="any" checked' not in both
    assert 'name="actor" value="QAT" checked' not in none
    assert 'value="any" checked' in none
    # The chosen actors' list is there only when there are some.
    assert '<ul class="options">' in both.split('id="f-actor-add"')[0]
    assert '<ul class="options">' not in none.split('id="f-actor-add"')[0]


def test_typed_words_are_escaped_in_the_form(analyst_client: Client, tagged) -> None:
    words = '"><script>alert(1)</script>'
    query = {"q": words, "role": words, "actor_mode": words, "lang": words}
    form = _form(analyst_client.get(reverse("article_list"), query).content.decode())
    assert "<script>alert(1)" not in form
    assert 'value="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"' in form
    # A menu's value that is no choice selects nothing (and makes no kind of form).
    assert _selected(form, "f-role") == [""] and _selected(form, "f-lang") == []


def test_the_timeline_form_keeps_its_zoom_and_leaves_out_the_thread_menu(
    analyst_client: Client, tagged
) -> None:
    url = reverse("thread_detail", args=["gaza-truce"])
    form = _form(analyst_client.get(url, {"zoom": "week"}).content.decode())
    assert '<input type="hidden" name="zoom" value="week">' in form
    assert f'href="{url}?zoom=week"' in form
    assert 'id="f-thread"' not in form
    listed = _form(analyst_client.get(reverse("article_list")).content.decode())
    assert 'name="zoom"' not in listed and 'id="f-thread"' in listed


def test_counted_languages_show_their_counts(analyst_client: Client, tagged) -> None:
    panel = analyst_client.get(reverse("article_facets")).content.decode()
    counts = re.findall(r'<option value="(ar|en)" >[^<(]*\((\d+)\)</option>', _form(panel))
    assert counts and all(int(n) > 0 for _, n in counts)


@pytest.mark.parametrize(
    ("query", "changes"),
    [
        ("", {"after": None}),
        ("", {"page": 2}),
        ("actor=QAT&actor=EGY&after=abc&facets=1", {"after": None, "facets": None}),
        ("q=%D8%AD%D9%85%D8%A7%D8%B3+%D9%82%D8%B7%D8%B1&zoom=day", {"zoom": "year", "x": "a&b"}),
        ("q=a%2Bb&date_from=2024-01-01", {"date_from": None, "after": "2024-01-01T00:00|7"}),
        ("topic=ceasefire", {"topic": ["hostages", "aid"], "role": None}),
        ("a=1&b=2&a=3", {"b": None}),
    ],
)
def test_query_with_writes_what_django_s_querystring_writes(query: str, changes: dict) -> None:
    request = RequestFactory().get("/articles/?" + query if query else "/articles/")
    args = " ".join(f"{key}=v_{key}" for key in changes)
    values = {f"v_{key}": value for key, value in changes.items()}
    ours = Template("{% load links %}{% query_with " + args + " %}")
    django = Template("{% querystring " + args + " %}")
    written = ours.render(RequestContext(request, values))
    assert written == django.render(RequestContext(request, values))
    assert written.startswith("?") or (not query and not written)
