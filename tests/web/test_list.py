"""The article list: combinable filters, facets, shareable URLs and seek pagination."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from articles.filters import ArticleFilter
from articles.models import Article
from articles.selectors import articles as selectors
from articles.selectors import cursors, facets, filtering
from tests.conftest import at, make_article

pytestmark = pytest.mark.django_db


def titles(params: dict) -> set[str]:
    qs, flt = filtering.filtered_articles(params)
    assert flt.is_valid(), flt.errors
    return set(qs.values_list("title", flat=True))


def test_filter_parameter_names_are_the_shared_contract() -> None:
    assert set(ArticleFilter.base_filters) == {
        "actor",
        "actor_mode",
        "role",
        "topic",
        "event",
        "thread",
        "source",
        "lang",
        "date_from",
        "date_to",
        "q",
    }


def test_actor_any_and_all(tagged) -> None:
    assert titles({"actor": ["EGY", "QAT"]}) == {a.title for a in tagged["articles"]}
    assert titles({"actor": ["EGY", "QAT"], "actor_mode": "all"}) == {"زيارة وزير"}
    assert titles({"actor": "EGY,QAT", "actor_mode": "all"}) == {"زيارة وزير"}


def test_roles_choose_the_array(tagged) -> None:
    assert titles({"actor": "QAT", "role": "mediator"}) == {
        "استئناف المفاوضات في الدوحة",
        "Qatar hosts talks",
    }
    assert titles({"actor": "QAT", "role": "party"}) == set()
    assert titles({"actor": "EGY", "role": "mentioned"}) == {"مصر تقترح هدنة", "زيارة وزير"}


def test_topic_thread_source_lang_dates(tagged) -> None:
    assert titles({"topic": "hostages"}) == {"مصر تقترح هدنة", "Qatar hosts talks"}
    assert titles({"thread": "gaza-truce", "lang": "en"}) == {"Qatar hosts talks"}
    assert titles({"source": tagged["sources"]["asharq"].pk}) == {"مصر تقترح هدنة", "زيارة وزير"}
    assert titles({"date_from": "2024-02-10", "date_to": "2024-02-20"}) == {
        "مصر تقترح هدنة",
        "زيارة وزير",
    }
    assert titles({"date_to": "2024-03-01"}) == {a.title for a in tagged["articles"]}


def test_full_text_q_folds_arabic_prefixes(tagged) -> None:
    assert titles({"q": "والمفاوضات"}) == {"استئناف المفاوضات في الدوحة", "مصر تقترح هدنة"}


def test_list_page_shows_cards_and_defers_facets(analyst_client: Client, tagged) -> None:
    response = analyst_client.get(reverse("article_list"), {"thread": "gaza-truce"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "استئناف المفاوضات في الدوحة" in html
    assert "زيارة وزير" not in html
    assert response.context["facets"] is None
    # The browser fetches the counted panel for the same filters.
    assert f'data-facets-url="{reverse("article_facets")}?thread=gaza-truce"' in html


@pytest.mark.parametrize("inline", [False, True])
def test_facet_counts(analyst_client: Client, tagged, inline: bool) -> None:
    if inline:  # the link offered without JavaScript
        response = analyst_client.get(
            reverse("article_list"), {"thread": "gaza-truce", "facets": "1"}
        )
    else:
        response = analyst_client.get(reverse("article_facets"), {"thread": "gaza-truce"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "data-facets-url" not in html
    assert '<span class="count">3</span>' in html  # counts beside the filter options
    facets = response.context["facets"]
    assert facets["total"] == 3
    assert {f["value"]: f["count"] for f in facets["actor"]} == {
        "ISR": 3,
        "hamas": 3,
        "QAT": 2,
        "EGY": 1,
    }
    assert {f["value"]: f["count"] for f in facets["mediator"]} == {"QAT": 2, "EGY": 1}
    assert {f["value"]: f["count"] for f in facets["topic"]} == {"ceasefire": 2, "hostages": 2}
    assert facets["thread"] == [
        {"value": "gaza-truce", "name": "مفاوضات الهدنة في غزة", "count": 3}
    ]
    # Counts appear beside the filter options.
    assert 'value="hostages" ' in html


def test_invalid_parameters_do_not_break_the_page(analyst_client: Client, tagged) -> None:
    response = analyst_client.get(
        reverse("article_list"), {"date_from": "not-a-date", "after": "@@@"}
    )
    assert response.status_code == 200


def test_seek_pagination_walks_every_row_once(tagged, monkeypatch) -> None:
    base = at("2023-06-01")
    for i in range(7):  # ties on published_at and undated rows are the hard cases
        make_article(f"same-time {i}", "نص", published=base)
    for i in range(2):
        make_article(f"undated {i}", "نص", published=None)
    qs, _ = filtering.filtered_articles({})
    seen: list[int] = []
    cursor = None
    for _ in range(20):
        page = selectors.article_page(qs, cursor=cursor, size=3)
        seen += [c.id for c in page.cards]
        cursor = page.next_cursor
        if cursor is None:
            break
    expected = list(Article.objects.order_by("-published_at", "-id").values_list("id", flat=True))
    assert seen == expected
    assert len(seen) == len(set(seen)) == 13


def test_next_page_link_is_a_plain_get_url(analyst_client: Client, tagged, monkeypatch) -> None:
    monkeypatch.setattr(selectors, "PAGE_SIZE", 2)
    first = analyst_client.get(reverse("article_list"), {"thread": "gaza-truce"})
    page = first.context["page"]
    assert [c.title for c in page.cards] == ["استئناف المفاوضات في الدوحة", "مصر تقترح هدنة"]
    assert page.next_cursor
    assert f"after={page.next_cursor}" in first.content.decode()
    second = analyst_client.get(
        reverse("article_list"), {"thread": "gaza-truce", "after": page.next_cursor}
    )
    assert [c.title for c in second.context["page"].cards] == ["Qatar hosts talks"]
    assert second.context["page"].next_cursor is None


def test_cursor_round_trip() -> None:
    article = Article(pk=42, published_at=at("2024-01-01"))
    assert cursors.decode_cursor(cursors.encode_cursor(article)) == (article.published_at, 42)
    assert cursors.decode_cursor(cursors.encode_cursor(Article(pk=7, published_at=None))) == (
        None,
        7,
    )
    assert cursors.decode_cursor("garbage!") is None


def test_cards_escape_titles_and_outlets(analyst_client: Client, tagged) -> None:
    article = make_article('<img src=x onerror="alert(1)"> هدنة', "نص", published=at("2024-05-01"))
    article.publisher = "<b>outlet</b>"
    article.save()
    html = analyst_client.get(reverse("article_list")).content.decode()
    assert "<img src=x" not in html and "<b>outlet</b>" not in html
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt; هدنة" in html


def _window_pages(params: dict, size: int) -> list[int]:
    """Every id of a windowed list, page by page, the way the list view reads them."""
    qs, flt = filtering.filtered_articles(params)
    assert flt.is_valid(), flt.errors
    window = (flt.form.cleaned_data["date_from"], flt.form.cleaned_data["date_to"])
    seen: list[int] = []
    cursor = None
    for _ in range(50):
        page = selectors.article_page(qs, cursor=cursor, size=size, window=window)
        seen += [c.id for c in page.cards]
        cursor = page.next_cursor
        if cursor is None:
            return seen
    raise AssertionError("the pages never ended")


@pytest.fixture
def spread(tagged) -> list[int]:
    """Articles over two months, several a day, some at the same second; newest first."""
    for day in range(1, 60, 2):
        for i in range(day % 4):
            make_article(
                f"day {day} #{i}",
                "نص",
                published=at("2023-03-01") + dt.timedelta(days=day, hours=i % 2),
                actors=["QAT"],
            )
    window = Article.objects.filter(
        published_at__gte=at("2023-03-05", 0), published_at__lt=at("2023-04-21", 0)
    )
    return list(window.order_by("-published_at", "-id").values_list("id", flat=True))


@pytest.mark.parametrize("size", [1, 4, 25])
def test_windowed_pages_walk_every_row_once(spread, size) -> None:
    params = {"date_from": "2023-03-05", "date_to": "2023-04-20"}
    assert _window_pages(params, size) == spread


def test_windowed_pages_keep_the_other_filters(spread) -> None:
    params = {"actor": "QAT", "date_from": "2023-03-05", "date_to": "2023-04-20"}
    assert _window_pages(params, 3) == spread
    assert _window_pages({**params, "actor": "EGY"}, 3) == []


def test_the_widest_window_allowed_is_bounded(analyst_client: Client, spread) -> None:
    """No work, key or date arithmetic per day of the window: two centuries cost what a year does.

    Wider windows are refused at the request (``request_limits``)."""
    params = {"date_from": "1900-01-01", "date_to": "2100-12-31"}
    assert _window_pages(params, 25) == [
        pk
        for pk in Article.objects.order_by("-published_at", "-id").values_list("id", flat=True)
        if Article.objects.get(pk=pk).published_at is not None
    ]
    for name in ("article_list", "article_facets", "search"):
        response = analyst_client.get(reverse(name), {**params, "actor": "QAT", "q": "نص"})
        assert response.status_code == 200, name
    with CaptureQueriesContext(connection) as queries:
        counted = facets.facets(params)
    assert counted["total"] == Article.objects.filter(published_at__isnull=False).count()
    assert len(queries.captured_queries) <= 6


def test_a_window_with_no_article_reads_no_article(spread) -> None:
    params = {"date_from": "1901-01-01", "date_to": "1901-12-31"}
    with CaptureQueriesContext(connection) as queries:
        assert selectors.article_list(params, with_facets=True)["page"].cards == []
    assert not [q for q in queries.captured_queries if "articles_article" in q["sql"]]


def test_todays_articles_show_at_once_in_a_window_ending_today(tagged) -> None:
    today = timezone.localdate()
    params = {"date_from": str(today - dt.timedelta(days=10)), "date_to": str(today)}
    before = _window_pages(params, 25)
    fresh = make_article("just in", "نص", published=timezone.now())
    assert _window_pages(params, 25) == [fresh.pk, *before]


def test_a_correction_shows_at_once_in_cached_counts(
    tagged, django_capture_on_commit_callbacks
) -> None:
    """Sampled facets are cached, under the version the services bump on commit."""
    from articles.models import Correction
    from articles.services.corrections import record_correction

    params = {"actor": ["ISR", "QAT"]}  # two values: counted from the articles, cached
    before = {f["value"] for f in facets.facets(params)["mediator"]}
    assert "ISR" not in before
    article = Article.objects.filter(actors__contains=["ISR"]).first()
    with django_capture_on_commit_callbacks(execute=True):
        record_correction(
            article, action=Correction.Action.ADD_ACTOR, actor_id="ISR", role="mediator"
        )
    after = {f["value"] for f in facets.facets(params)["mediator"]}
    assert "ISR" in after


def test_each_filter_form_has_fields_of_its_own() -> None:
    """The forms share what their fields hold, not the fields: one form's changes stay its own."""
    good = ArticleFilter({"date_from": "2025-01-02", "actor": "QAT"}).form
    bad = ArticleFilter({"date_from": "2025-13-40"}).form
    assert good.is_valid() and not bad.is_valid()
    assert "date_from" in bad.errors and not good.errors
    assert good.fields["date_from"] is not bad.fields["date_from"]
    good.fields["date_from"].label = "changed"
    assert bad.fields["date_from"].label != "changed"
    assert ArticleFilter().form.fields["date_from"].label != "changed"
