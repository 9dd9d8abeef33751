"""The date terms in ``search_vector``: each article's UTC day and month, and search reads them exactly.

A search probe ORs its span's terms beside the words (``search_dates``) so
that the word index is read for the span only; the terms must stand for
the span's articles exactly, and the results must be those of the plain
date condition.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest
from django.contrib.postgres.search import SearchQuery
from django.db import connection
from django.http import QueryDict

from articles.models import Article
from articles.selectors import newest_matches, search, search_dates

from .test_tag_months import _all_pages

pytestmark = pytest.mark.django_db


@pytest.fixture
def archive(processed_archive):
    return processed_archive(seed=7)


def _stored_terms() -> dict[int, set[str]]:
    with connection.cursor() as cur:
        cur.execute(
            "SELECT id, ARRAY(SELECT lexeme FROM unnest(search_vector) WHERE lexeme LIKE '~%%') "
            "FROM articles_article"
        )
        return {pk: set(terms) for pk, terms in cur.fetchall()}


def test_each_article_holds_the_terms_of_its_utc_day_and_month_or_undated(archive):
    stored = _stored_terms()
    assert any(a.published_at is None for a in archive)
    for article in archive:
        if article.published_at is None:
            assert stored[article.pk] == {"~u"}, article.pk
        else:
            at = article.published_at.astimezone(dt.UTC)
            assert stored[article.pk] == {f"~d{at:%Y%m%d}", f"~m{at:%Y%m}"}, article.pk


def test_a_changed_date_changes_the_terms(archive):
    article = next(a for a in archive if a.published_at is not None)
    Article.objects.filter(pk=article.pk).update(
        published_at=dt.datetime(2031, 2, 28, 23, 59, tzinfo=dt.UTC)
    )
    Article.objects.filter(pk=archive[1].pk).update(published_at=None)
    stored = _stored_terms()
    assert stored[article.pk] == {"~d20310228", "~m203102"}
    assert stored[archive[1].pk] == {"~u"}


def test_the_terms_of_a_span_name_whole_months_once_and_the_cut_days_one_by_one():
    assert search_dates.day_terms(dt.date(2024, 11, 29), dt.date(2025, 1, 2)) == [
        "~d20241129",
        "~d20241130",
        "~m202412",
        "~d20250101",
        "~d20250102",
    ]
    assert search_dates.day_terms(dt.date(2024, 2, 1), dt.date(2024, 2, 29)) == ["~m202402"]
    assert search_dates.day_terms(dt.date(2024, 3, 5), dt.date(2024, 3, 5)) == ["~d20240305"]
    assert search_dates.day_terms(dt.date(2024, 3, 5), dt.date(2024, 3, 4)) is None
    # Years of whole months, or more cut days than the limit: not worth naming.
    assert search_dates.day_terms(dt.date(2015, 1, 1), dt.date(2024, 12, 31)) is None
    assert search_dates.day_terms(dt.date(2024, 1, 2), dt.date(2024, 4, 1)) is not None


def test_a_span_at_the_calendars_ends_is_read_without_terms():
    start = dt.datetime(9999, 12, 1, tzinfo=dt.UTC)
    assert search_dates.span_query(start, dt.datetime.max.replace(tzinfo=dt.UTC)) is None
    low = dt.datetime.min.replace(tzinfo=dt.UTC)
    assert search_dates.span_query(low, low + dt.timedelta(days=3)) is not None


def _in_terms(query: str) -> set[int]:
    return set(
        Article.objects.filter(
            search_vector=SearchQuery(query, config="simple", search_type="raw")
        ).values_list("id", flat=True)
    )


@pytest.mark.parametrize("zone", ["UTC", "Asia/Riyadh", "America/New_York"])
def test_a_spans_terms_hold_every_article_of_the_span(archive, zone):
    tz = zoneinfo.ZoneInfo(zone)
    dated = sorted(a.published_at for a in archive if a.published_at is not None)
    spans = [
        (dated[0], dated[-1] + dt.timedelta(seconds=1)),
        (dated[10], dated[40]),
        (dated[len(dated) // 2], dated[len(dated) // 2] + dt.timedelta(days=1)),
    ]
    for start, end in spans:
        start = start.astimezone(tz).replace(hour=0, minute=0, second=0, microsecond=0)
        end = end.astimezone(tz).replace(hour=0, minute=0, second=0, microsecond=0)
        end += dt.timedelta(days=1)
        query = search_dates.span_query(start, end)
        assert query is not None
        inside = {a.pk for a in archive if a.published_at and start <= a.published_at < end}
        found = _in_terms(query)
        assert inside and inside <= found, (zone, start, end)
        if zone == "UTC":  # midnights UTC: the terms are the span exactly
            assert found == inside
    undated = {a.pk for a in archive if a.published_at is None}
    assert _in_terms(search_dates.UNDATED) == undated


def test_a_word_never_finds_a_date_term(archive):
    day = next(a.published_at for a in archive if a.published_at is not None)
    results = search.search(QueryDict(f"q=~d{day:%Y%m%d} ~u ~m{day:%Y%m}"))
    assert results.total == 0


def test_searches_through_the_date_terms_find_what_the_date_condition_finds(archive, monkeypatch):
    monkeypatch.setattr(search, "cached", lambda namespace, state, compute, *a, **kw: compute())
    # Many short spans on a small archive: the newest few matches, probed
    # a handful of articles at a time.
    monkeypatch.setattr(newest_matches, "PROBE_ARTICLES", (4, 8, 8, 16, 16))
    monkeypatch.setattr(search, "CANDIDATES", 4)
    monkeypatch.setattr(search, "PER_PAGE", 4)
    actor = next(a.actors[0] for a in archive if a.actors)
    queries = [
        "q=المفاوضات",
        "q=وقف إطلاق النار&date_from=2024-12-01",
        "q=الاتفاق&date_from=2024-11-25&date_to=2025-01-10",
        f"q=المفاوضات&actor={actor}",
        f"q=talks&actor={actor}&date_to=2025-01-31",
        "q=الأسرى&date_from=2025-02-10&date_to=2025-02-10",
    ]
    named = []
    real = search_dates.span_query

    def counting(*args):
        named.append(real(*args))
        return named[-1]

    monkeypatch.setattr(search_dates, "span_query", counting)
    with_terms = {q: search.search(QueryDict(q)) for q in queries}
    assert any(named), "some spans named their date terms"
    monkeypatch.setattr(search_dates, "span_query", lambda *args: None)
    monkeypatch.setattr(search_dates, "UNDATED", None)
    found = 0
    for q, got in with_terms.items():
        plain = search.search(QueryDict(q))
        assert [c.id for c in got.cards] == [c.id for c in plain.cards], q
        assert (got.total, got.capped) == (plain.total, plain.capped), q
        found += plain.total
    assert found > 0, "the searches find articles"


def test_lists_of_words_page_through_every_match_newest_first(archive, monkeypatch):
    """A words filter is read a span of days at a time through the word index
    (``newest_matches``): every page, with spans of any size, holds what the
    plain conditions select, in order."""
    from django.db.models import F

    from articles.filters import search_query
    from articles.selectors import articles as lists

    monkeypatch.setattr(lists, "PAGE_SIZE", 3)
    # Every page read anew under each probe setting, not from the kept ids.
    monkeypatch.setattr(lists, "cached", lambda namespace, state, compute, *a, **kw: compute())
    actor = next(a.actors[0] for a in archive if a.actors)
    party = next(a.parties[0] for a in archive if a.parties)
    topic = next(a.topics[0] for a in archive if a.topics)

    def days_of(word: str) -> list[str]:
        """The UTC days of the word's dated matches, oldest first: windows that
        start and end on a match's day, so a day lost at either end shows."""
        found = Article.objects.filter(
            search_vector=search_query(word), published_at__isnull=False
        ).order_by("published_at")
        return [
            f"{at.astimezone(dt.UTC):%Y-%m-%d}"
            for at in found.values_list("published_at", flat=True)
        ]

    talks, truce = days_of("المفاوضات"), days_of("وقف إطلاق النار")
    assert len(talks) >= 12 and len(truce) >= 4
    cases = [
        ("المفاوضات", {}),
        ("talks", {}),
        ("وقف إطلاق النار", {"date_from": truce[1], "date_to": truce[-2]}),
        ("المفاوضات", {"date_from": talks[2], "date_to": talks[9]}),
        ("المفاوضات", {"date_from": talks[5], "date_to": talks[5]}),
        ("المفاوضات", {"actor": actor, "date_from": talks[0], "date_to": talks[-3]}),
        ("المفاوضات", {"actor": actor}),
        ("المفاوضات", {"actor": party, "role": "party", "date_from": talks[3]}),
        ("talks", {"topic": topic, "date_to": talks[-4]}),
        ("كلمةغائبة", {}),
    ]
    found = 0
    for probes in ((4_000, 16_000), (1, 2, 2, 4)):
        monkeypatch.setattr(newest_matches, "PROBE_ARTICLES", probes)
        for word, extra in cases:
            expected = Article.objects.filter(search_vector=search_query(word))
            if "date_from" in extra:
                expected = expected.filter(
                    published_at__gte=dt.datetime.fromisoformat(extra["date_from"] + "T00:00+00:00")
                )
            if "date_to" in extra:
                expected = expected.filter(
                    published_at__lt=dt.datetime.fromisoformat(extra["date_to"] + "T00:00+00:00")
                    + dt.timedelta(days=1)
                )
            if "role" in extra:
                expected = expected.filter(parties__overlap=[extra["actor"]])
            elif "actor" in extra:
                expected = expected.filter(actors__overlap=[extra["actor"]])
            if "topic" in extra:
                expected = expected.filter(topics__overlap=[extra["topic"]])
            order = (F("published_at").desc(nulls_first=True), "-id")
            ids = list(expected.order_by(*order).values_list("id", flat=True))
            query = "&".join(f"{k}={v}" for k, v in {"q": word, **extra}.items())
            assert _all_pages(query) == ids, (probes, query)
            found += len(ids)
    assert found > 0, "the words select articles"


def test_a_words_page_keeps_its_ids_until_a_write(archive, django_capture_on_commit_callbacks):
    """A repeated page of a words filter reads its kept ids and cards by
    primary key; a write drops them, and the next read walks the spans again."""
    from django.test.utils import CaptureQueriesContext

    from articles.cache import invalidate
    from articles.selectors import articles as lists

    query = QueryDict("q=المفاوضات")
    with CaptureQueriesContext(connection) as first:
        walked = lists.article_list(query, with_facets=False)["page"]
    with CaptureQueriesContext(connection) as again:
        kept = lists.article_list(query, with_facets=False)["page"]
    assert walked.cards, "the word finds articles"
    assert [c.id for c in kept.cards] == [c.id for c in walked.cards]
    assert kept.next_cursor == walked.next_cursor and kept.is_first
    assert len(again) == 1 < len(first)
    # The newest match moves to the archive's first days: the kept ids still
    # show it first until a write's version bump drops them.
    newest = walked.cards[0].id
    Article.objects.filter(pk=newest).update(published_at=dt.datetime(2001, 1, 1, tzinfo=dt.UTC))
    stale = lists.article_list(query, with_facets=False)["page"]
    assert stale.cards[0].id == newest
    with django_capture_on_commit_callbacks(execute=True):
        invalidate([])
    after = lists.article_list(query, with_facets=False)["page"]
    assert newest not in [c.id for c in after.cards]
    assert [c.id for c in after.cards][:3] == [c.id for c in walked.cards][1:4]
