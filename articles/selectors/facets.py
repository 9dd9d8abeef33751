"""Facet counts for the list's sidebar: from the rollups where they answer, sampled where not."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import connection
from django.db.models import QuerySet
from django.http import QueryDict

from articles.cache import ARTICLES, cached, canonical
from articles.models import Article

from . import facet_rows, labels, rollups, tag_months
from .dates import DATE_PARAMS, date_window, start_of, without
from .filtering import article_filter, filtered_articles

# Facets count the newest this-many matches; the page says so when capped.
# 5,000 read and unnested 2.5 times the rows for the same top values: over
# 150 filters of the varied workload at 1,000,000 articles the top 12 of
# each facet were the same set 99.2 % of the time (docs/benchmarks.md).
FACET_SAMPLE = 2000
FACET_TOP = 12


FACET_KINDS = ("actor", "party", "mediator", "topic", "thread", "source", "lang")


FACET_SQL = """
WITH sub AS MATERIALIZED ({inner})
SELECT 'actor', x, count(*) FROM (SELECT unnest(actors) AS x FROM sub) u GROUP BY x
UNION ALL SELECT 'party', x, count(*) FROM (SELECT unnest(parties) AS x FROM sub) u GROUP BY x
UNION ALL SELECT 'mediator', x, count(*) FROM (SELECT unnest(mediators) AS x FROM sub) u GROUP BY x
UNION ALL SELECT 'topic', x, count(*) FROM (SELECT unnest(topics) AS x FROM sub) u GROUP BY x
UNION ALL SELECT 'thread', thread_id::text, count(*) FROM sub WHERE thread_id IS NOT NULL GROUP BY thread_id
UNION ALL SELECT 'source', s::text, count(*) FROM (
  SELECT source_id AS s FROM sub WHERE source_id IS NOT NULL
  UNION ALL SELECT c.source_id FROM sub JOIN articles_carriage c ON c.article_id = sub.id
) o GROUP BY s
UNION ALL SELECT 'lang', lang, count(*) FROM sub WHERE lang <> '' GROUP BY lang
UNION ALL SELECT 'total', NULL, count(*) FROM sub
"""
# Outlets count the article's own and every further outlet that carried its
# text word for word (``Carriage``), hence the id. The arrays are unnested in
# the select list: as a function in FROM, ``unnest`` is a scan started anew
# for each of the sample's rows, which cost about half the statement.
FACET_COLUMNS = ("id", "actors", "parties", "mediators", "topics", "thread_id", "source_id", "lang")


def _facet_sql(qs: QuerySet[Article], limit: int) -> tuple[str, tuple]:
    inner = qs.order_by("-published_at", "-id").values(*FACET_COLUMNS)
    sql, params = inner[:limit].query.sql_with_params()
    return FACET_SQL.format(inner=sql), params


def _window(
    params: QueryDict | dict[str, Any], start: dt.date | None, *, open_start: bool = False
) -> tuple[dict[str, Any], dt.date | None, dt.date | None, dt.date] | None:
    """A valid filter's ``cleaned_data`` and the sample's days: the first (the later of
    ``date_from`` and ``start``), the last asked for (None when open) and the last
    the month keys must cover (the archive's end when open); None when the filter is
    not valid, empty or, unless ``open_start``, has no first day."""
    flt = article_filter(params)
    if not flt.is_valid():
        return None
    data = flt.form.cleaned_data
    first, last = data.get("date_from"), data.get("date_to")
    if first and last and first > last:
        return None
    first = max(filter(None, (first, start)), default=None)
    if first is None and not open_start:
        return None
    end = last
    if end is None:
        span = rollups.data_span()
        if span is None:
            return None
        # The span is kept a few seconds: a month more covers an article of a new month.
        end = span[1] + dt.timedelta(days=31)
    return data, first, last, end


def _month_facet_sql(
    params: QueryDict | dict[str, Any], start: dt.date | None, limit: int
) -> tuple[str, tuple] | None:
    """The sample's statement through the "value × month" index (``tag_months``), or None
    when the filter does not suit it (no tag value, no first day, too many months).

    The window runs from the later of ``date_from`` and the sample's
    ``start`` to ``date_to`` (the archive's end when open). Over its months
    the index selects exactly the articles naming the filter's values, so
    the per-column tag conditions are left out; the other filters apply as
    they are. The window's exact bounds are applied outside a fence
    (``OFFSET 0``): inside, PostgreSQL would AND the month bitmap with a
    bitmap of every article in the window, hundreds of thousands of
    entries to trim a few edge days.
    """
    window = _window(params, start)
    if window is None:
        return None
    data, first, last, end = window
    if first is None:
        return None
    condition = tag_months.condition(data, first, end)
    if condition is None:
        return None
    rest, _ = filtered_articles(without(params, (*tag_months.TAG_PARAMS, *DATE_PARAMS)))
    inner = rest.filter(condition).order_by().values(*FACET_COLUMNS, "published_at")
    sql, sql_params = inner.query.sql_with_params()
    bounds = ["m.published_at >= %s"]
    values: list[Any] = [start_of(first)]
    if last is not None:
        bounds.append("m.published_at < %s")
        values.append(start_of(last, 1))
    columns = ", ".join(f"m.{c}" for c in FACET_COLUMNS)
    sample = (
        f"SELECT {columns} FROM ({sql} OFFSET 0) m WHERE {' AND '.join(bounds)} "
        "ORDER BY m.published_at DESC, m.id DESC LIMIT %s"
    )
    return FACET_SQL.format(inner=sample), (*sql_params, *values, limit)


# The facet rows' count (``FacetRow``, ``facet_rows``): the sample's values are
# counted from one array; outlets add the further outlets that carried the
# text (``Carriage``).
ROWS_SQL = """
WITH sub AS MATERIALIZED ({inner})
SELECT left(k, 1), substr(k, 3), count(*) FROM (SELECT unnest(keys) AS k FROM sub) u GROUP BY k
UNION ALL SELECT 's', c.source_id::text, count(*)
  FROM sub JOIN articles_carriage c ON c.article_id = sub.article_id GROUP BY c.source_id
UNION ALL SELECT 'total', NULL, count(*) FROM sub
"""
# A facet row's key prefix → the facet it counts.
_ROW_FACET = {
    "a": "actor",
    "p": "party",
    "m": "mediator",
    "t": "topic",
    "h": "thread",
    "s": "source",
    "l": "lang",
}
# The rollup dimensions a facet row's keys answer beside the tag values.
_ROW_PREFIX = {"thread": "h", "source": "s", "lang": "l"}


def _rows_facet_sql(
    params: QueryDict | dict[str, Any],
    groups: list[list[tuple[str, str]]],
    start: dt.date | None,
    limit: int,
) -> tuple[str, tuple] | None:
    """The sample's statement over the facet rows, or None when the filter does not suit
    them: no tag value, an empty archive, more than ``facet_rows.MOST_MONTHS`` months, or
    words or event types (which the rows do not hold). ``groups`` is
    ``rollup_groups(params)``.

    The month keys select exactly the articles naming the filter's values
    over the window's months (``facet_rows.sample_sql``); a window open at
    its start takes every month of the archive and the undated articles,
    which come first, as in the article table's sample. The thread, outlet
    and language are keys of the row.
    """
    window = _window(params, start, open_start=True)
    span = rollups.data_span()
    if window is None or span is None:
        return None
    data, first, last, end = window
    if data.get("q") or data.get("event"):
        return None
    # Keys of the archive's months only: a window from 1900 or to 2100 reads what the
    # archive's span reads (a month more at the end covers an article of a new month).
    lo, hi = max(first or span[0], span[0]), min(end, span[1] + dt.timedelta(days=31))
    if lo > hi:
        return None
    chosen = tag_months.month_keys(data, lo, hi, most=facet_rows.MOST_MONTHS)
    if chosen is None:
        return None
    required = [
        f"{_ROW_PREFIX[kind]}:{key}" for g in groups for kind, key in g if kind in _ROW_PREFIX
    ]
    inner, values = facet_rows.sample_sql(
        chosen, first, last, limit, required=required, undated=first is None
    )
    return ROWS_SQL.format(inner=inner), tuple(values)


def _rank(counts: dict[str, dict[str, int]], total: int, capped: bool) -> dict[str, Any]:
    """Counts per facet value → the top rows of each facet, largest first."""
    out: dict[str, Any] = {"total": total, "capped": capped}
    for facet, values in counts.items():
        rows = sorted(values.items(), key=lambda r: (-r[1], r[0]))
        out[facet] = rows[:FACET_TOP] if facet != "lang" else rows
    return out


def facet_counts(
    qs: QuerySet[Article] | tuple[str, tuple], state: str, *, sample: int = FACET_SAMPLE
) -> dict[str, Any]:
    """Raw facet counts ``{facet: [(value, n), ...]}`` plus ``total`` and ``capped``,
    over the newest ``sample`` matches of a filter the rollups cannot answer.

    ``qs`` is the filter's queryset, or the statement already written
    (``_rows_facet_sql`` or ``_month_facet_sql``, for ``sample + 1`` rows). One
    statement over the newest ``sample`` matches keeps the cost flat on a million rows; the
    result is cached under the filter state until the next write of tags.
    """

    def compute() -> dict[str, Any]:
        sql, params = qs if isinstance(qs, tuple) else _facet_sql(qs, sample + 1)
        counts: dict[str, dict[str, int]] = {}
        total = 0
        with connection.cursor() as cur:
            cur.execute(sql, params)
            for facet, value, n in cur.fetchall():
                if facet == "total":
                    total = n
                else:
                    values = counts.setdefault(_ROW_FACET.get(facet, facet), {})
                    values[value] = values.get(value, 0) + n
        return _rank(counts, min(total, sample), total > sample)

    return cached("facets", state, compute, scope=ARTICLES)


def rollup_groups(params: QueryDict | dict[str, Any]) -> list[list[tuple[str, str]]] | None:
    """The ``(kind, key)`` values a filter selects, in groups (``rollups.value_groups``);
    ``None`` for a filter that is not valid; no groups for no parameters (an
    unbound filter, which is never valid)."""
    flt = article_filter(params)
    if not flt.is_bound:
        return []
    if not flt.is_valid():
        return None
    return rollups.value_groups(flt.form.cleaned_data)


def rollup_dimensions(params: QueryDict | dict[str, Any]) -> list[tuple[str, str]] | None:
    """Every ``(kind, key)`` a filter's values select (``rollup_groups``, flat);
    ``None`` for a filter that is not valid."""
    groups = rollup_groups(params)
    return None if groups is None else [d for g in groups for d in g]


def rollup_dimension(
    params: QueryDict | dict[str, Any], chosen: list[tuple[str, str]] | None | bool = False
) -> tuple[str, str] | None | bool:
    """The one ``(kind, key)`` a filter selects, ``None`` for no filter at all, ``False``
    for a filter the rollups cannot count (several values, words, moves, combinations).

    ``chosen`` is ``rollup_dimensions(params)`` when the caller has it already."""
    if chosen is False:
        chosen = rollup_dimensions(params)
    if chosen is None or (params.get("q") or "").strip() or params.get("event"):
        # Words and reported moves are not among the rollups' dimensions.
        return False
    if not chosen:
        return None
    return chosen[0] if len(chosen) == 1 else False


def _sample_start(
    groups: list[list[tuple[str, str]]], first: dt.date | None, last: dt.date | None
) -> dt.date | None:
    """The first day of the span, ending at the window's end, that the sample is read
    from; None when it is the whole window.

    A group's matches (articles with any of its values) number at least
    ``FACET_SAMPLE`` from the latest of its values' ``newest_days`` on: its
    commonest recent value alone has that many there, and each other value
    has fewer, so the group's rows read there are bounded by the sample
    times its values. Every match lies in every group, so the sample is
    read from the span of the group that needs the longest one (its
    rarest): whatever the window, and whichever values are chosen, one or
    two common actors over a year, the heap reads stay bounded. A group
    none of whose values has that many articles leaves the whole window.
    """
    if not groups:
        return None
    end = last or (rollups.data_span() or (None, None))[1]
    if end is None:
        return None
    starts = rollups.newest_days_many([d for g in groups for d in g], end, FACET_SAMPLE)
    spans = []
    for group in groups:
        days = [day for d in group if (day := starts.get(d)) is not None]
        if not days:
            return None
        spans.append(max(days))
    start = min(spans)
    return start if first is None or start > first else None


def facets(params: QueryDict | dict[str, Any] | None) -> dict[str, Any]:
    """Facet counts with display names, for the filter sidebar.

    Each entry is ``{"value", "name", "count"}``; thread facets use the key so
    that a click builds the same ``?thread=<key>`` URL a person would type.
    With no filter but dates, every count is exact and comes from the
    rollups (a few hundred rows, whatever the window). With one filter value
    the total is exact from the rollups and the other facets count a sample;
    with more, everything does. The sample is the matches among the days
    holding the newest ``FACET_SAMPLE`` articles of the filter's rarest
    group of values (any of two actors is one group, and its commonest
    value sets its days: ``_sample_start``), so it costs the same over a
    week or ten years.
    """
    params = params if params is not None else {}
    window = date_window(params)
    if window is not None:
        window = rollups.clip(*window)
        if window is None:  # no article in the window: nothing to count
            return _named(_rank({}, 0, False))
    rest = without(params, DATE_PARAMS)
    groups = rollup_groups(rest)
    chosen = None if groups is None else [d for g in groups for d in g]
    dimension = rollup_dimension(rest, chosen)
    first, last = window or (None, None)
    if dimension is None:
        counts = rollups.window_counts(first, last)
        for source, n in rollups.carried(first, last).items():
            outlets = counts.setdefault("source", {})
            outlets[source] = outlets.get(source, 0) + n
        total = counts.get("total", {}).get("", 0)
        raw = _rank({k: v for k, v in counts.items() if k != "total"}, total, False)
    else:
        start = _sample_start(groups or [], first, last)
        # The sample is the whole window: with a value no article of the window has
        # (an outlet, a language, an actor never seen there), nothing matches, and
        # the sample would read every article of the other values looking for one.
        bound = rollups.fewest_matches(groups or [], first, last) if start is None else None
        if bound is not None and bound[0] == 0:
            return _named(_rank({}, 0, False))
        statement = _rows_facet_sql(
            params, groups or [], start, FACET_SAMPLE + 1
        ) or _month_facet_sql(params, start, FACET_SAMPLE + 1)
        if statement is None:
            qs, _ = filtered_articles(params)
            if start is not None:
                qs = qs.filter(published_at__gte=start_of(start))
        state = f"{canonical(params, skip=('after', 'page', 'facets'))}|{start}"
        raw = facet_counts(statement or qs, state)
        raw["capped"] = raw["capped"] or start is not None
        if dimension:
            total = rollups.count(*dimension, first, last)
            raw = {**raw, "total": total, "capped": total > raw["total"]}
    return _named(raw)


def _named(raw: dict[str, Any]) -> dict[str, Any]:
    actors = labels.actor_names()
    topics = labels.topic_names()
    out: dict[str, Any] = {"total": raw["total"], "capped": raw["capped"]}
    for facet in ("actor", "party", "mediator"):
        out[facet] = [
            {"value": v, "name": actors.get(v, v), "count": n} for v, n in raw.get(facet, [])
        ]
    out["topic"] = [
        {"value": v, "name": topics.get(v, v), "count": n} for v, n in raw.get("topic", [])
    ]
    thread_rows = [(int(v), n) for v, n in raw.get("thread", [])]
    threads = labels.thread_labels([t for t, _ in thread_rows])
    out["thread"] = [
        {"value": threads[t][0], "name": threads[t][1], "count": n}
        for t, n in thread_rows
        if t in threads
    ]
    source_rows = [(int(v), n) for v, n in raw.get("source", [])]
    snames = labels.source_names([s for s, _ in source_rows])
    out["source"] = [
        {"value": str(s), "name": snames.get(s, str(s)), "count": n} for s, n in source_rows
    ]
    out["lang"] = [{"value": v, "name": v, "count": n} for v, n in raw.get("lang", [])]
    return out
