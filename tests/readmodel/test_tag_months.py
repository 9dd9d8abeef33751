"""The "value × month" index: its keys are the tags, and facets read through it count the same.

Facets of a tag filter read the sample through the facet rows' month keys
(``FacetRow``, migration ``0024_readmodel_facet_rows``), or through the
article table's index of ``article_tag_months`` (migration
``0020_webperf_tag_months``), instead of the per-column tag conditions; all
three must select the very same articles.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest
from django.db import connection
from django.http import QueryDict

from articles.models import Article
from articles.selectors import facets, tag_months

pytestmark = pytest.mark.django_db


@pytest.fixture
def archive(processed_archive):
    return processed_archive(seed=5)


def expected_keys(article: Article) -> Counter:
    if article.published_at is None:
        return Counter()
    at = article.published_at.astimezone(dt.UTC)
    month = f"{at.year}{at.month:02d}"
    keys = [f"a:{x}:{month}" for x in article.actors]
    keys += [f"p:{x}:{month}" for x in article.parties]
    keys += [f"m:{x}:{month}" for x in article.mediators]
    keys += [f"t:{x}:{month}" for x in article.topics]
    return Counter(keys)


def test_the_keys_are_each_tag_value_in_its_month(archive):
    with connection.cursor() as cur:
        cur.execute(
            "SELECT id, article_tag_months(actors, parties, mediators, topics, published_at) "
            "FROM articles_article"
        )
        stored = {pk: Counter(keys) for pk, keys in cur.fetchall()}
    assert any(stored.values()), "the archive has tagged, dated articles"
    assert any(a.published_at is None for a in archive)
    for article in archive:
        assert stored[article.pk] == expected_keys(article), article.pk


def test_months_cover_the_window_across_a_year_end():
    assert tag_months.months(dt.date(2024, 11, 30), dt.date(2025, 2, 1)) == [
        "202411",
        "202412",
        "202501",
        "202502",
    ]
    assert tag_months.months(dt.date(2025, 3, 5), dt.date(2025, 3, 5)) == ["202503"]


def _filters(archive) -> list[str]:
    actors = Counter(x for a in archive for x in a.actors).most_common(3)
    parties = Counter(x for a in archive for x in a.parties).most_common(2)
    topics = Counter(x for a in archive for x in a.topics).most_common(1)
    assert actors and parties and topics, "the archive names actors, parties and topics"
    (a1, _), (a2, _) = actors[0], actors[1]
    (p1, _), (p2, _) = parties[0], parties[-1]
    t1 = topics[0][0]
    threaded = next(a for a in archive if a.thread_id and a.published_at)
    source = next(a.source_id for a in archive if a.source_id)
    return [
        f"actor={a1}&date_from=2024-12-01&date_to=2025-01-15",
        f"actor={a1}&actor={a2}&date_from=2024-11-25",
        f"actor={p1}&actor={p2}&actor_mode=all&role=party&date_from=2024-12-10",
        f"actor={a2}&topic={t1}&date_from=2024-11-20&date_to=2025-02-20",
        f"actor={p1}&role=party&topic={t1}&lang=ar&date_from=2024-12-01&date_to=2024-12-31",
        f"topic={t1}&date_from=2025-01-01&date_to=2025-01-31",
        # Windows open at the start: the undated articles are counted too.
        f"actor={a1}",
        f"actor={a2}&topic={t1}&source={source}",
        f"actor={p1}&role=party&thread={threaded.thread.key}",
        f"topic={t1}&lang=en&date_to=2025-01-10",
        # A window far wider than the archive reads the archive's months.
        f"actor={a2}&date_from=1900-01-01&date_to=2100-12-31",
    ]


def test_facets_through_the_rows_and_the_index_count_what_the_plain_filter_counts(
    archive, monkeypatch
):
    # Raw counts, not named: names come from a memo that may have been filled before
    # the archive's threads existed, and would drop them from one side only.
    monkeypatch.setattr(facets, "_named", lambda raw: raw)
    monkeypatch.setattr(tag_months, "WALK_ARTICLES", -1)  # a small archive is otherwise walked
    monkeypatch.setattr(facets, "cached", lambda namespace, state, compute, **kw: compute())
    queries = _filters(archive)
    through_rows = {}
    for query in queries:
        groups = facets.rollup_groups(QueryDict(query))
        assert facets._rows_facet_sql(QueryDict(query), groups, None, 100) is not None, query
        through_rows[query] = facets.facets(QueryDict(query))
    monkeypatch.setattr(facets, "_rows_facet_sql", lambda *args, **kwargs: None)
    through_index = {}
    for query in queries:
        if "date_from" in query and "1900" not in query:
            assert facets._month_facet_sql(QueryDict(query), None, 100) is not None, query
        through_index[query] = facets.facets(QueryDict(query))
    monkeypatch.setattr(tag_months, "condition", lambda *args, **kwargs: None)
    counted = undated = 0
    for query in queries:
        plain = facets.facets(QueryDict(query))
        assert through_rows[query] == plain, query
        assert through_index[query] == plain, query
        counted += plain["total"]
    for article in archive:
        undated += article.published_at is None and bool(article.actors)
    assert counted > 0, "the filters select articles"
    assert undated > 0, "the archive has undated articles for the open windows"


def test_a_window_longer_than_the_limit_or_short_enough_to_walk_uses_the_plain_filter(
    monkeypatch,
):
    data = {"actor": ["QAT"], "role": "", "topic": []}
    assert tag_months.condition(data, dt.date(2024, 1, 1), dt.date(2024, 2, 1)) is None  # empty
    monkeypatch.setattr(tag_months, "WALK_ARTICLES", -1)
    data = {"actor": ["QAT"], "role": "", "topic": []}
    assert tag_months.condition(data, dt.date(2020, 1, 1), dt.date(2024, 1, 1)) is None
    assert (
        tag_months.condition({"actor": [], "topic": []}, dt.date(2024, 1, 1), dt.date(2024, 2, 1))
        is None
    )
    assert tag_months.condition(data, dt.date(2024, 1, 1), dt.date(2024, 2, 1)) is not None


def _all_pages(query: str) -> list[int]:
    from articles.selectors import articles as lists

    ids: list[int] = []
    cursor = None
    for _ in range(200):
        page = lists.article_list(QueryDict(query), cursor=cursor, with_facets=False)["page"]
        ids += [card.id for card in page.cards]
        cursor = page.next_cursor
        if cursor is None:
            return ids
    raise AssertionError(f"no last page for {query}")


def test_lists_read_through_the_index_page_as_the_walk_does(archive, monkeypatch):
    from articles.selectors import articles as lists

    monkeypatch.setattr(lists, "PAGE_SIZE", 4)
    queries = _filters(archive) + ["actor=NOBODY&date_from=2024-12-01", "actor=NOBODY"]
    # Stretches too short to hold a page: every filter ends up read through the index.
    monkeypatch.setattr(lists, "PROBES", (1, 2))
    conditions = []
    condition = tag_months.condition

    def spy(*args, **kwargs):
        conditions.append(condition(*args, **kwargs))
        return conditions[-1]

    monkeypatch.setattr(tag_months, "condition", spy)
    through_index = {query: _all_pages(query) for query in queries}
    assert sum(c is not None for c in conditions) >= len(queries) - 1
    monkeypatch.undo()
    monkeypatch.setattr(lists, "PAGE_SIZE", 4)
    monkeypatch.setattr(tag_months, "condition", lambda *args, **kwargs: None)
    counted = 0
    for query, got in through_index.items():
        walked = _all_pages(query)
        assert got == walked, query
        counted += len(walked)
    assert counted > 0, "the filters select articles"


def test_short_stretches_counted_from_the_rollups_page_as_the_whole_window(archive, monkeypatch):
    """Stretches that start on a day the rollups give (a few articles back from the
    window's end or the cursor's day) list the same pages, cursor after cursor, as
    a walk of the whole window."""
    from articles.selectors import articles as lists

    monkeypatch.setattr(lists, "PAGE_SIZE", 3)
    monkeypatch.setattr(tag_months, "condition", lambda *args, **kwargs: None)
    queries = _filters(archive) + ["", "date_from=2024-01-01", "date_to=2024-06-30"]
    monkeypatch.setattr(lists, "PROBES", (10**9, 10**9))
    whole = {query: _all_pages(query) for query in queries}
    starts = []
    stretch_start = lists._stretch_start

    def spy(*args):
        starts.append(stretch_start(*args))
        return starts[-1]

    monkeypatch.setattr(lists, "_stretch_start", spy)
    monkeypatch.setattr(lists, "PROBES", (2, 6))
    for query in queries:
        assert _all_pages(query) == whole[query], query
    assert any(s is not None for s in starts), "some stretches start inside the window"
    assert sum(len(ids) for ids in whole.values()) > 0


def test_a_rare_filter_is_read_sorted_and_an_absent_one_not_read(archive, monkeypatch):
    """Values the rollups count rarely in the window are read through the tag indexes
    and sorted, the same pages as the walk; values they never count end the read."""
    from articles.selectors import articles as lists

    monkeypatch.setattr(lists, "PAGE_SIZE", 4)
    monkeypatch.setattr(lists, "PROBES", (1, 2))
    queries = _filters(archive)
    calls = []
    card_rows_of = lists._card_rows_of

    def spy(*args, **kwargs):
        calls.append(kwargs.get("sort", False))
        return card_rows_of(*args, **kwargs)

    monkeypatch.setattr(lists, "_card_rows_of", spy)
    sorted_pages = {query: _all_pages(query) for query in queries}
    assert any(calls), "rare values are read sorted"
    for absent in (
        "actor=NOBODY&role=party&date_from=2024-12-01",
        f"actor={archive[0].actors[0] if archive[0].actors else 'QAT'}&source=999999",
    ):
        calls.clear()
        assert _all_pages(absent) == [], absent
        # The undated articles (an open start), the short stretch, and no more.
        assert calls == [False] * (1 if "date_from" in absent else 2), absent
    monkeypatch.setattr(lists, "FEW_MATCHES", -1)
    monkeypatch.setattr(tag_months, "condition", lambda *args, **kwargs: None)
    calls.clear()
    walked = {query: _all_pages(query) for query in queries}
    assert not any(calls)
    assert sorted_pages == walked
    assert sum(map(len, walked.values())) > 0


def test_facets_of_a_value_absent_from_the_window_read_no_sample(archive, monkeypatch):
    from articles.selectors.filtering import filtered_articles

    (a1, _), (a2, _) = Counter(x for a in archive for x in a.actors).most_common(2)
    absent = [
        f"actor={a1}&source=999999",
        f"actor={a1}&actor={a2}&actor_mode=all&thread=no-such-thread",
        f"actor={a1}&topic=NOBODY&date_from=2024-12-01&date_to=2025-01-31",
    ]
    present = f"actor={a1}&actor={a2}"
    assert filtered_articles(QueryDict(present))[0].count() > 0
    assert facets.facets(QueryDict(present))["total"] > 0

    def no_sample(*args, **kwargs):
        raise AssertionError("a sample was read")

    monkeypatch.setattr(facets, "facet_counts", no_sample)
    for query in absent:
        assert filtered_articles(QueryDict(query))[0].count() == 0, query
        got = facets.facets(QueryDict(query))
        assert (got["total"], got["capped"], got["actor"]) == (0, False, []), query


def test_a_group_of_values_takes_the_days_of_its_commonest_one(archive, monkeypatch):
    from articles.selectors import rollups

    monkeypatch.setattr(facets, "FACET_SAMPLE", 5)
    (a1, _), (a2, _) = Counter(x for a in archive for x in a.actors).most_common(2)
    end = rollups.data_span()[1]
    d1 = rollups.newest_days("actor", a1, end, 5)
    d2 = rollups.newest_days("actor", a2, end, 5)
    assert d1 and d2
    assert rollups.newest_days_many([("actor", a1), ("actor", a2)], end, 5) == {
        ("actor", a1): d1,
        ("actor", a2): d2,
    }
    either = [[("actor", a1), ("actor", a2)]]
    both = [[("actor", a1)], [("actor", a2)]]
    assert facets._sample_start(either, None, None) == max(d1, d2)
    assert facets._sample_start(both, None, None) == min(d1, d2)
    # A group none of whose values has a sample's worth reads the whole window.
    assert facets._sample_start([[("actor", "NOBODY")]], None, None) is None


def test_counts_of_a_few_values_are_the_window_counts(archive):
    from articles.selectors import rollups

    (a1, _), (a2, _) = Counter(x for a in archive for x in a.actors).most_common(2)
    values = [("total", ""), ("actor", a1), ("actor", a2), ("topic", "NOBODY")]
    first, last = rollups.data_span()
    for window in [(None, None), (first, last), (first + dt.timedelta(days=9), last)]:
        counts = rollups.window_counts(*window)
        expected = {(k, v): counts.get(k, {}).get(v, 0) for k, v in values}
        assert rollups.counts_of(values, *window) == expected, window
        assert expected[("actor", a1)] > 0


def test_searches_with_tag_values_find_through_the_index_what_the_plain_filter_finds(
    archive, monkeypatch
):
    from articles.selectors import newest_matches, search

    monkeypatch.setattr(search, "cached", lambda namespace, state, compute, *a, **kw: compute())
    monkeypatch.setattr(
        newest_matches, "PROBE_ARTICLES", (10, 40)
    )  # several spans on a small archive
    actors = [x for x, _ in Counter(x for a in archive for x in a.actors).most_common(3)]
    parties = [x for x, _ in Counter(x for a in archive for x in a.parties).most_common(2)]
    topic = Counter(x for a in archive for x in a.topics).most_common(1)[0][0]
    queries = [
        f"q=المفاوضات&actor={actors[0]}",
        f"q=وقف إطلاق النار&actor={actors[1]}&actor={actors[2]}&date_from=2024-12-01",
        f"q=الاتفاق&actor={parties[0]}&actor={parties[1]}&actor_mode=all&role=party",
        f"q=talks&actor={actors[0]}&lang=en",
        f"q=الأسرى&topic={topic}&date_to=2025-01-31",
    ]
    keyed_spans = []
    real_keys = tag_months.month_keys

    def counting(*args, **kwargs):
        keys = real_keys(*args, **kwargs)
        keyed_spans.append(keys is not None)
        return keys

    monkeypatch.setattr(tag_months, "month_keys", counting)
    through_index = {q: search.search(QueryDict(q)) for q in queries}
    assert any(keyed_spans), "some spans read the month keys"
    monkeypatch.setattr(tag_months, "month_keys", lambda *args, **kwargs: None)
    found = 0
    for q, got in through_index.items():
        plain = search.search(QueryDict(q))
        assert [c.id for c in got.cards] == [c.id for c in plain.cards], q
        assert (got.total, got.capped) == (plain.total, plain.capped), q
        found += plain.total
    assert found > 0, "the searches find articles"


def test_an_actors_company_through_the_rows_is_a_recount_of_its_articles(archive, monkeypatch):
    from articles.selectors import actors, facet_rows

    monkeypatch.setattr(actors, "cached", lambda namespace, key, compute, **kw: compute())
    names = [x for x, _ in Counter(x for a in archive for x in a.actors).most_common(3)]
    assert any(a.published_at is None for a in archive if names[0] in a.actors)
    through_rows = {name: actors.company(name) for name in names}
    monkeypatch.setattr(facet_rows, "MOST_MONTHS", 0)  # the article table's statement instead
    for name in names:
        naming = [a for a in Article.objects.all() if name in a.actors]
        peers = Counter(x for a in naming for x in a.actors if x != name)
        expected = sorted(peers.items(), key=lambda r: (-r[1], r[0]))[: actors.TOP_PEERS]
        got = through_rows[name]
        assert [(p["id"], p["count"]) for p in got["peers"]] == expected, name
        assert got["total"] == len(naming), name
        assert got["party"] == sum(name in a.parties for a in naming), name
        assert got["mediator"] == sum(name in a.mediators for a in naming), name
        assert actors.company(name) == got, name


def test_no_filter_but_dates_is_counted_exactly_from_the_rollups(archive, monkeypatch):
    """No parameters bind no filter, which is never valid: that is no filter at
    all, so facets and the thread timeline's chart read the rollups (exact),
    not a sample or the article rows."""
    from articles.selectors import threads

    monkeypatch.setattr(facets, "FACET_SAMPLE", 2)  # a sample would be capped
    assert facets.rollup_groups(QueryDict("")) == []
    assert facets.rollup_dimension(QueryDict("")) is None
    dated = sorted(a.published_at for a in archive if a.published_at is not None)
    first, last = dated[2].date(), dated[-3].date()
    window = f"date_from={first}&date_to={last}"
    for query in ("", window):
        got = facets.facets(QueryDict(query))
        inside = [
            a
            for a in archive
            if not query or (a.published_at and first <= a.published_at.date() <= last)
        ]
        assert got["capped"] is False, query
        assert got["total"] == len(inside) > 2, query
        counted = Counter(x for a in inside for x in a.actors)
        assert {row["value"]: row["count"] for row in got["actor"]} == {
            k: v for k, v in counted.items() if k in {row["value"] for row in got["actor"]}
        }, query

    real = threads.cached

    def no_article_rows(namespace, *args, **kwargs):
        assert namespace != "volume", "the chart of an unfiltered timeline counted article rows"
        return real(namespace, *args, **kwargs)

    monkeypatch.setattr(threads, "cached", no_article_rows)
    thread = Article.objects.exclude(thread=None).values_list("thread__key", flat=True).first()
    timeline = threads.timeline(threads.thread_by_key(thread), QueryDict(""))
    assert sum(b.count for b in timeline.series) > 0


def test_a_moves_filter_is_counted_from_its_articles_not_the_rollups(archive):
    """Reported moves are not a rollup dimension: their facets count the
    articles that report them, alone or beside a value the rollups hold."""
    from articles.models import Event
    from articles.selectors.filtering import filtered_articles

    kind = Event.objects.values_list("type", flat=True).order_by("type").first()
    assert kind, "the archive reports moves"
    lang = Article.objects.values_list("lang", flat=True).first()
    for query in (f"event={kind}", f"event={kind}&lang={lang}"):
        expected = filtered_articles(QueryDict(query))[0].count()
        got = facets.facets(QueryDict(query))
        assert 0 < expected < len(archive), query
        assert (got["total"], got["capped"]) == (expected, False), query
