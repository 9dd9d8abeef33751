"""Counts read from the rollup tables (``models.rollups``): a few hundred rows per page.

A window's counts are its whole months from ``articles_rollup_month`` plus
its partial months' days from ``articles_rollup_day``, so a year costs
about as much as a month. Every window is first clipped to the days that
hold articles (``data_span``), so a window of ten thousand years reads no
more rows than the archive has days.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from typing import Any, NamedTuple

from django.db import connection

from articles.cache import local

Counts = dict[str, dict[str, int]]


def data_span() -> tuple[dt.date, dt.date] | None:
    """The first and last day any article was published on, from the process's copy
    of the archive's days (``_archive_days``): every windowed page asks."""
    days = _archive_days().days
    return (days[0], days[-1]) if days else None


class _Days(NamedTuple):
    days: list[dt.date]  # the archive's days that hold articles, oldest first
    before: list[int]  # before[i]: the articles of days[:i]

    def window(self, first: dt.date | None, last: dt.date) -> tuple[int, int]:
        """``(lo, hi)``: ``days[lo:hi]`` are the days from ``first`` (open: the
        archive's first) to ``last``, both inclusive."""
        lo = bisect.bisect_left(self.days, first) if first is not None else 0
        return lo, bisect.bisect_right(self.days, last)


def _archive_days() -> _Days:
    """The archive's articles per day, kept in the process for the ``span`` lifetime:
    a new day shows within those seconds."""
    return local("total-days", _total_days, "span")


def _total_days() -> _Days:
    """The archive's articles per day: one row a day (a few thousand at most)."""
    with connection.cursor() as cur:
        cur.execute(
            "SELECT day, n FROM articles_rollup_day WHERE kind = 'total' AND key = '' AND n > 0"
            " ORDER BY day"
        )
        rows = cur.fetchall()
    before = [0]
    for _, n in rows:
        before.append(before[-1] + n)
    return _Days([day for day, _ in rows], before)


def clip(first: dt.date, last: dt.date) -> tuple[dt.date, dt.date] | None:
    """``first``…``last`` narrowed to the days that hold articles; None when none do."""
    span = data_span()
    if span is None:
        return None
    first, last = max(first, span[0]), min(last, span[1])
    return (first, last) if first <= last else None


def _month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


def _next_month(day: dt.date) -> dt.date:
    return (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)


def _split(first: dt.date, last: dt.date) -> tuple[tuple[dt.date, dt.date] | None, list]:
    """The whole months inside ``first``…``last`` and the day spans left at its edges."""
    months_from = first if first.day == 1 else _next_month(first)
    # The first day after the last whole month: after ``last`` when it ends a month.
    ends_month = _next_month(last) - dt.timedelta(days=1) == last
    months_until = _next_month(last) if ends_month else _month_start(last)
    if months_from >= months_until:
        return None, [(first, last)]
    edges = []
    if first < months_from:
        edges.append((first, months_from - dt.timedelta(days=1)))
    if months_until <= last:
        edges.append((months_until, last))
    return (months_from, months_until - dt.timedelta(days=1)), edges


def _window_parts(
    first: dt.date,
    last: dt.date,
    select: str,
    select_params: list | None = None,
    where: str = "",
    where_params: list | None = None,
) -> tuple[list[str], list] | None:
    """The statements that read a window from the rollups: the month rows of its
    whole months and the day rows of the days at its edges. ``select`` is
    ``SELECT … FROM {table} …`` with the table left open, ``where`` a
    condition added after the date range; None when the window holds no
    article."""
    clipped = clip(first, last)
    if clipped is None:
        return None
    months, edges = _split(*clipped)
    ranges = [("articles_rollup_month", "month", months)] if months else []
    ranges += [("articles_rollup_day", "day", edge) for edge in edges]
    parts, params = [], []
    for table, column, (a, b) in ranges:
        parts.append(select.format(table=table) + f" WHERE {column} BETWEEN %s AND %s{where}")
        params += [*(select_params or []), a, b, *(where_params or [])]
    return parts, params


def window_counts(
    first: dt.date | None, last: dt.date | None, kinds: Iterable[str] | None = None
) -> Counts:
    """``{kind: {key: n}}`` over a date window (both ends inclusive), or the whole archive
    (undated articles included) when the window is open."""
    kinds = list(kinds) if kinds is not None else None
    kind_sql = " AND kind = ANY(%s)" if kinds else ""
    kind_params: list = [kinds] if kinds else []
    out: Counts = defaultdict(dict)
    with connection.cursor() as cur:
        if first is None or last is None:
            cur.execute(
                f"SELECT kind, key, n FROM articles_rollup_all WHERE n > 0{kind_sql}", kind_params
            )
        else:
            found = _window_parts(
                first,
                last,
                "SELECT kind, key, n FROM {table}",
                where=kind_sql,
                where_params=kind_params,
            )
            if found is None:
                return out
            parts, params = found
            cur.execute(
                "SELECT kind, key, sum(n)::int FROM (" + " UNION ALL ".join(parts) + ") s "
                "GROUP BY kind, key HAVING sum(n) > 0",
                params,
            )
        rows = cur.fetchall()
    for kind, key, n in rows:
        out[kind][key] = n
    return out


def carried(first: dt.date | None, last: dt.date | None) -> dict[str, int]:
    """Further outlets that carried articles of the window word for word (``Carriage``),
    counted by outlet: outlet facets count them beside the articles' own.

    Carriages are few (one per copy another outlet ran) and are read
    through their own table, by the dates of the articles they belong to.
    """
    sql = (
        "SELECT c.source_id::varchar, count(*) FROM articles_carriage c "
        "JOIN articles_article a ON a.id = c.article_id"
    )
    params: list = []
    if first is not None and last is not None:
        sql += " WHERE a.published_at >= %s AND a.published_at < %s"
        params = [_midnight(first), _midnight(last + dt.timedelta(days=1))]
    with connection.cursor() as cur:
        cur.execute(sql + " GROUP BY c.source_id", params)
        return dict(cur.fetchall())


def _midnight(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time.min, tzinfo=dt.UTC)


def count(kind: str, key: str, first: dt.date | None = None, last: dt.date | None = None) -> int:
    """How many articles one dimension value has, in a window or over the archive.

    The archive's own articles in a window (``total``), which every search
    and list by words asks to size its spans, are summed from the process's
    copy of its days (``_archive_days``); the archive's whole count also
    holds its undated articles and is read.
    """
    if kind == "total" and key == "" and first is not None and last is not None:
        return _total_between(first, last)
    return counts_of([(kind, key)], first, last)[(kind, key)]


def _total_between(first: dt.date, last: dt.date) -> int:
    """The archive's dated articles from ``first`` to ``last`` (both inclusive), from
    the process's copy of its days: a day the copy has not seen yet only sizes a
    span a little short."""
    totals = _archive_days()
    lo, hi = totals.window(first, last)
    return totals.before[hi] - totals.before[lo] if hi > lo else 0


def undated(kind: str, key: str) -> int:
    """How many articles of one dimension value have no publication date: its whole
    count less its months' (one statement over its own rows)."""
    with connection.cursor() as cur:
        cur.execute(
            "SELECT (SELECT n FROM articles_rollup_all WHERE kind = %s AND key = %s), "
            "(SELECT sum(n) FROM articles_rollup_month WHERE kind = %s AND key = %s)",
            [kind, key, kind, key],
        )
        whole, dated = cur.fetchone()
    return max(0, (whole or 0) - (dated or 0))


def daily(kind: str, key: str, first: dt.date, last: dt.date) -> dict[dt.date, int]:
    """Articles per day of one dimension value (the rows of the ``(kind, key, day)`` key)."""
    with connection.cursor() as cur:
        cur.execute(
            "SELECT day, n FROM articles_rollup_day "
            "WHERE kind = %s AND key = %s AND day BETWEEN %s AND %s AND n > 0",
            [kind, key, first, last],
        )
        return dict(cur.fetchall())


def daily_many(kind: str, keys: list[str], first: dt.date, last: dt.date) -> dict[str, dict]:
    """``{key: {day: n}}`` for several values of a dimension at once (sparklines)."""
    out: dict[str, dict[dt.date, int]] = {k: {} for k in keys}
    if not keys:
        return out
    with connection.cursor() as cur:
        cur.execute(
            "SELECT key, day, n FROM articles_rollup_day "
            "WHERE kind = %s AND key = ANY(%s) AND day BETWEEN %s AND %s AND n > 0",
            [kind, keys, first, last],
        )
        for key, day, n in cur.fetchall():
            out[key][day] = n
    return out


def monthly(kind: str, key: str, first: dt.date, last: dt.date) -> dict[dt.date, int]:
    """Articles per month (keyed by the month's first day) of one dimension value."""
    with connection.cursor() as cur:
        cur.execute(
            "SELECT month, n FROM articles_rollup_month "
            "WHERE kind = %s AND key = %s AND month BETWEEN %s AND %s AND n > 0",
            [kind, key, _month_start(first), last],
        )
        return dict(cur.fetchall())


def newest_days(
    kind: str, key: str, last: dt.date, articles: int, first: dt.date | None = None
) -> dt.date | None:
    """The oldest day of the shortest span ending at ``last`` that holds at least
    ``articles`` articles of a dimension value, or None when all of them do not
    (all of them from ``first`` on, when given: a caller whose window starts
    there reads no day before it).

    Lets a reader that wants the newest N matches start with a date range
    that probably holds them, instead of the whole archive. The archive's
    own days (``total``), which every list and search walk asks for, are
    answered from the process's copy of them (``_archive_days``).
    """
    if kind == "total" and key == "":
        return _newest_total_day(last, articles, first)
    return _newest_days_read(kind, key, last, articles, first)


def _newest_total_day(last: dt.date, articles: int, first: dt.date | None) -> dt.date | None:
    """``newest_days("total", "", …)`` from the process's copy of the archive's days.

    The answer is a bound for a walk, not a count: a day the copy has not
    seen yet only makes the walk a little longer, never wrong.
    """
    totals = _archive_days()
    days, before = totals.days, totals.before
    lo, hi = totals.window(first, last)
    if hi <= lo:
        return None
    # The newest day i with at least ``articles`` on days[i:hi]: before[i] <= before[hi] - articles.
    i = bisect.bisect_right(before, before[hi] - articles, lo, hi) - 1
    return days[i] if i >= lo else None


def _newest_days_read(
    kind: str, key: str, last: dt.date, articles: int, first: dt.date | None = None
) -> dt.date | None:
    """``newest_days`` read from the rollups in one statement."""
    with connection.cursor() as cur:
        cur.execute(
            """
            SELECT day FROM (
              SELECT day, sum(n) OVER (ORDER BY day DESC) AS running
                FROM articles_rollup_day
               WHERE kind = %s AND key = %s AND day <= %s AND day >= %s AND n > 0
            ) s WHERE running >= %s ORDER BY day DESC LIMIT 1
            """,
            [kind, key, last, first or dt.date.min, articles],
        )
        row = cur.fetchone()
    return row[0] if row else None


def newest_days_many(
    values: list[tuple[str, str]], last: dt.date, articles: int
) -> dict[tuple[str, str], dt.date | None]:
    """``newest_days`` of several ``(kind, key)`` values in one statement.

    Each value's days are read newest first through the primary key and
    summed as they come, stopping at the first that reaches ``articles``
    (``LATERAL … LIMIT 1``): a common value reads the few weeks that hold
    them, not every day of the archive sorted (1.6 ms to 0.2 for an actor
    and a topic at a million articles). ``newest_days`` keeps a statement of
    its own: the list and search ask it on every request, and it plans in
    less time than this one.
    """
    out: dict[tuple[str, str], dt.date | None] = dict.fromkeys(values)
    if not values:
        return out
    with connection.cursor() as cur:
        cur.execute(
            """
            SELECT w.kind, w.key, s.day
              FROM unnest(%s::varchar[], %s::varchar[]) AS w(kind, key)
              CROSS JOIN LATERAL (
                SELECT t.day FROM (
                  SELECT r.day, sum(r.n) OVER (ORDER BY r.day DESC) AS running
                    FROM articles_rollup_day r
                   WHERE r.kind = w.kind AND r.key = w.key AND r.day <= %s AND r.n > 0
                   ORDER BY r.day DESC
                ) t WHERE t.running >= %s LIMIT 1
              ) s
            """,
            [[k for k, _ in values], [v for _, v in values], last, articles],
        )
        for kind, key, day in cur.fetchall():
            out[(kind, key)] = day
    return out


def counts_of(
    values: list[tuple[str, str]], first: dt.date | None, last: dt.date | None
) -> dict[tuple[str, str], int]:
    """``{(kind, key): n}`` of a few values over a window (both ends inclusive), or the
    whole archive when it is open: their own rows only, where ``window_counts``
    reads every key of a kind."""
    out: dict[tuple[str, str], int] = dict.fromkeys(values, 0)
    if not values:
        return out
    wanted = (
        "JOIN unnest(%s::varchar[], %s::varchar[]) AS w(kind, key) "
        "ON r.kind = w.kind AND r.key = w.key"
    )
    pairs = [[k for k, _ in values], [v for _, v in values]]
    select = "SELECT r.kind, r.key, r.n FROM {table} r " + wanted
    if first is None or last is None:
        parts, params = [select.format(table="articles_rollup_all")], pairs
    else:
        found = _window_parts(first, last, select, select_params=pairs)
        if found is None:
            return out
        parts, params = found
    with connection.cursor() as cur:
        cur.execute(
            "SELECT kind, key, sum(n)::int FROM (" + " UNION ALL ".join(parts) + ") s "
            "GROUP BY kind, key",
            params,
        )
        for kind, key, n in cur.fetchall():
            out[(kind, key)] = n
    return out


# A role filter → the kind of the rollup rows its actors are counted in.
_ACTOR_KIND = {"party": "party", "mediator": "mediator", "mentioned": "actor", "": "actor"}

Group = list[tuple[str, str]]


def value_groups(data: dict[str, Any]) -> list[Group]:
    """The ``(kind, key)`` values a valid filter's ``cleaned_data`` selects (an actor in
    its role, a topic, the thread, the outlet, the language), in groups: an article
    matches when it has a value of every group. Actors are one group (any of them)
    or one each (all of them); topics are one."""
    kind = _ACTOR_KIND.get(data.get("role") or "", "actor")
    actors = [(kind, a) for a in data.get("actor") or []]
    groups = [[a] for a in actors] if data.get("actor_mode") == "all" else [actors]
    groups.append([("topic", t) for t in data.get("topic") or []])
    if data.get("thread"):
        from articles.models import Thread

        pk = Thread.objects.filter(key=data["thread"]).values_list("pk", flat=True).first()
        groups.append([("thread", str(pk or 0))])
    if data.get("source") is not None:
        groups.append([("source", str(int(data["source"])))])
    if data.get("lang"):
        groups.append([("lang", data["lang"])])
    return [g for g in groups if g]


def fewest_matches(
    groups: list[Group], first: dt.date | None, last: dt.date | None
) -> tuple[int, int] | None:
    """``(matches at most, articles)`` of a filter's value groups over a window (open:
    the archive), from the rollups in one statement; None without groups.

    A group matches at most the sum of its values' counts, and an article
    must match every group, so the rarest group bounds the matches: at 0,
    nothing needs reading, where the planner, guessing otherwise, would
    walk every article of the window looking for them.
    """
    if not groups:
        return None
    counts = counts_of([("total", ""), *(d for g in groups for d in g)], first, last)
    total = counts[("total", "")]
    fewest = min(sum(counts[d] for d in g) for g in groups)
    return min(fewest, total), total
