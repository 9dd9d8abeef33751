"""The newest matches of words, a span of days at a time: what search ranks and the list shows.

Sorting every match of a word by date reads each match's row from the
table: a word in one article of a hundred is ten thousand rows of a
million-article archive, a common one a hundred thousand. Both readers
want only the newest few (search its candidates, the list one page), so
the matches are taken newest first, a span of days at a time, and the
walk stops as soon as enough are found. Each span also names its days'
terms (``search_dates``) beside the words, so the word index reads the
span's entries rather than the word's whole entry; and with tag values
among the filters a span of a few months reads the "value × month" index
(``tag_months``) in place of the tag conditions.
"""

from __future__ import annotations

import datetime as dt
from functools import cache
from typing import Any

from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connection
from django.db.models import F, QuerySet, TextField, Value
from django.db.models.expressions import RawSQL

from articles.models import Article

from . import rollups, search_dates, tag_months
from .dates import UNINDEXED_TIME, start_of

# Articles read by the first probe, newest first, and the least each later
# one reads, sized from the rollups' daily totals: a common word fills the
# candidates from the first few thousand articles, a rarer one reads wider
# spans, and no probe collects every match of the archive.
PROBE_ARTICLES = (4_000, 16_000, 64_000, 256_000)
# Every probe reads the word's whole index entry again; once the matches
# left in the window are expected to be at most this many times those still
# wanted, one read of all of them costs less than another probe.
ONE_READ = 2
# A span of at most this many articles names its date terms whatever the
# word: GIN drives the scan by the shorter of their entries and the word's,
# and half a year of a million articles (268,250) took 1.7 ms for a rare
# word and 3.4 for a common one, where intersecting the word's entry with
# the date index took 15 to 18. Wider spans (years) name them only when
# the word outnumbers them.
TERMS_ARTICLES = 256_000
_SPAN = "m.published_at >= %s AND m.published_at < %s"
# The same span as a condition the date index cannot serve: with the span's
# date terms named, the word index alone bounds the scan, where PostgreSQL
# also read the span's entries of the date index to intersect them (a
# third of a short probe).
_SPAN_UNINDEXED = f"{UNINDEXED_TIME} >= %s AND {UNINDEXED_TIME} < %s"
_TEXTS = ArrayField(TextField())

Match = tuple[int, float | None, float]  # id, publication time (epoch seconds), rank


def newest_matches(
    matches: QuerySet[Article],
    limit: int,
    *,
    window: tuple[dt.date, dt.date] | None,
    undated: bool,
    query: SearchQuery | None = None,
    tags: dict[str, Any] | None = None,
    untagged: QuerySet[Article] | None = None,
) -> list[Match]:
    """Up to ``limit + 1`` of ``matches``, newest first: ``(id, epoch, rank)``.

    Undated matches come first when ``undated`` (as the list shows them),
    then the days of ``window``, newest first (nothing dated without one).
    ``rank`` is the headline's rank for ``query``, 0 without one.

    After the first span, the share of its articles that matched says how
    many matches the rest of the window holds: when that is at most
    ``ONE_READ`` times those still wanted, the rest is read in one statement
    (a rare word, a word with an actor); otherwise the next span is made
    wide enough to fill the rest at that share, so a word of middling
    frequency is not read span after span.

    With tag values among the filters (``tags``, the filter's cleaned data,
    and ``untagged``, the matches under the other filters), a span of at
    most ``tag_months.MAX_MONTHS`` reads the "value × month" index of its
    months in place of the tag conditions: the word's and the actor's whole
    index entries intersect in matches all over the archive, which
    PostgreSQL would read from the table only to drop those outside the
    span (a word with a common actor: 6,922 table pages read for 217 rows).

    The probes sort by an expression the date index cannot serve: a span
    is sized to be read through the word index, and the planner, asked for
    the newest page of a word it keeps no statistics for, would walk the
    date index instead, reading each row's search vector from the table (a
    rare word: seconds). Turning index scans off did the same at two more
    round trips per search.
    """
    rank = SearchRank(F("title_vector"), query) if query is not None else Value(0.0)

    # The matches are compiled to SQL once and each probe is written around
    # them (as the list's walk is): compiling a queryset per probe cost more
    # than running it. ``terms`` is the search vector under another name,
    # for the probe's date terms: a second condition on the indexed column
    # that the same index scan reads.
    def compiled(qs: QuerySet[Article], **months: Any) -> tuple[str, tuple[Any, ...]]:
        return (
            qs.annotate(rank=rank, terms=F("search_vector"), **months)
            .order_by()
            .values_list("id", "published_at", "rank", "terms", *months)
            .query.sql_with_params()
        )

    plain = compiled(matches)
    keyed: list[tuple[str, tuple[Any, ...]]] = []  # the untagged matches, compiled when needed
    found: list[Match] = []

    def take(
        condition: str,
        params: tuple[Any, ...] = (),
        dates: str | None = None,
        keys: list[list[str]] | None = None,
    ) -> int:
        before = len(found)
        ranked_sql, ranked_params = plain
        if dates is not None:
            condition += " AND " + search_dates.matching("m.terms")
            params = (*params, dates)
        if keys is not None and untagged is not None:
            # The month keys stand for the tag conditions exactly: left to them
            # alone, PostgreSQL intersects the word's entry with the months'
            # instead of reading the table for one of three indexes.
            if not keyed:
                months = RawSQL(tag_months.EXPRESSION, (), output_field=_TEXTS)
                keyed.append(compiled(untagged, months=months))
            ranked_sql, ranked_params = keyed[0]
            for group in keys:
                condition += " AND m.months && %s::text[]"
                params = (*params, group)
        with connection.cursor() as cur:
            cur.execute(
                "SELECT m.id, date_part('epoch', m.published_at), m.rank "
                f"FROM ({ranked_sql}) m WHERE {condition} "
                # Not ``m.published_at``: see above. The order is the same.
                f"ORDER BY {UNINDEXED_TIME} DESC, m.id DESC LIMIT %s",
                (*ranked_params, *params, limit + 1 - len(found)),
            )
            found.extend(cur.fetchall())
        return len(found) - before

    def span(bottom: dt.date, top: dt.date, articles: int) -> int:
        """Take the matches of the days ``bottom``…``top``, which hold ``articles``,
        naming the span's date terms when their entries are short or likely
        shorter than the word's: a span of at most ``TERMS_ARTICLES``, or one
        the matches seen so far say the word outnumbers in the archive."""
        bounds = (start_of(bottom), start_of(top, 1))
        dates = None
        if articles <= TERMS_ARTICLES or (walked and hits * archive_total() >= articles * walked):
            dates = search_dates.span_query(*bounds)
        keys = tag_months.month_keys(tags, bottom, top) if untagged is not None and tags else None
        return take(_SPAN if dates is None else _SPAN_UNINDEXED, bounds, dates, keys)

    archive_total = cache(lambda: rollups.count("total", ""))  # asked once at most

    if undated:
        # The undated articles' term: GIN reads the shorter of its entry and the
        # word's first, and an archive of dated news has few or none.
        take("m.published_at IS NULL", (), search_dates.UNDATED)
    walked = hits = 0
    if window is not None:
        first, top = window
        left: int | None = None  # the articles of the days first…top, when counted
        for step in PROBE_ARTICLES:
            if len(found) > limit or top < first:
                break
            articles = step
            if walked:
                left = rollups.count("total", "", first, top)
                if hits * left <= ONE_READ * (limit + 1 - len(found)) * walked:
                    break  # few matches left: one read of the rest of the window
                wanted = (limit + 1 - len(found)) * walked * 3 // (2 * hits)
                articles = max(step, wanted)
            bottom = rollups.newest_days("total", "", top, articles, first) or first
            # The span holds at least ``articles`` (or is the rest of the window).
            hits += span(bottom, top, articles)
            walked += articles
            top = bottom - dt.timedelta(days=1)
            left = None
        if len(found) <= limit and top >= first:
            span(first, top, rollups.count("total", "", first, top) if left is None else left)
    return found
