"""The filtered article list: seek pagination and facet counts.

Pages go by a seek on ``(published_at, id)`` rather than OFFSET, so page
500 costs what page 1 costs: the ``article_published_idx`` b-tree is entered
at the cursor and read for one page. Rows are read as plain dictionaries of
the few columns a card shows (no joins: outlet and thread names come from
the cached label dictionaries). Facets are counted with ``unnest`` over the
tag arrays of the newest matching rows (capped), in one SQL statement, and
cached for a minute and a half under the filter URL.
"""

from __future__ import annotations

import base64
import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django import forms
from django.db import connection, transaction
from django.db.models import Q, QuerySet
from django.db.models.functions import TruncDate
from django.http import QueryDict
from django.urls import get_script_prefix
from django.utils import timezone

from articles.filters import ArticleFilter
from articles.models import Article

from . import labels
from ._cache import by_day, cached, canonical, empty_days

PAGE_SIZE = 25
FACET_SAMPLE = 5000  # facets count the newest this-many matches; the page says so when capped
FACET_TOP = 12
# Articles of a date window walked for a page, in growing stretches, before
# asking the tag indexes: the walk is index-only, a few thousand entries a
# millisecond, so even the longer stretch costs less than a bitmap plan.
PROBES = (1500, 20_000)
# The columns a list row or a timeline card shows; bodies and search data stay on disk.
CARD_FIELDS = (
    "id",
    "title",
    "published_at",
    "source_id",
    "publisher",
    "lang",
    "status",
    "key_sentence",
    "thread_id",
    "actors",
    "parties",
    "mediators",
    "topics",
)


@dataclass
class Card:
    """One article as a list row or timeline card, with names resolved."""

    id: int
    title: str
    published_at: dt.datetime | None
    outlet: str
    lang: str
    status: str
    key_sentence: str
    thread_key: str
    thread_name: str
    parties: list[dict[str, str]] = field(default_factory=list)
    mediators: list[dict[str, str]] = field(default_factory=list)
    others: list[dict[str, str]] = field(default_factory=list)
    topics: list[dict[str, str]] = field(default_factory=list)
    rank: float | None = None
    snippet: str = ""  # safe HTML built by selectors.search (escaped text + <mark>)
    title_html: str = ""  # likewise
    html: str = ""  # the rendered card, filled by the views (articles.views._cards)


def base_queryset() -> QuerySet[Article]:
    """All articles, for the shared filter to narrow; callers choose the columns they read."""
    return Article.objects.all()


def article_filter(params: QueryDict | dict[str, Any] | None, queryset=None) -> ArticleFilter:
    """The shared FilterSet bound to GET parameters."""
    return ArticleFilter(
        params or None, queryset=queryset if queryset is not None else base_queryset()
    )


def filtered_articles(
    params: QueryDict | dict[str, Any] | None,
) -> tuple[QuerySet[Article], ArticleFilter]:
    """The filtered queryset (unordered slice not taken) and its bound filter for the form.

    Invalid parameters are ignored rather than emptying the list, so a
    hand-edited URL still shows something sensible.
    """
    flt = article_filter(params)
    qs = flt.qs if flt.is_valid() else base_queryset()
    return qs, flt


def card_rows(qs: QuerySet[Article]) -> QuerySet[Article]:
    """The queryset reading only what a card shows, as dictionaries."""
    return qs.values(*CARD_FIELDS)


def card_row(article: Article) -> dict[str, Any]:
    """A model instance as the dictionary ``to_cards`` reads (the article page)."""
    return {name: getattr(article, "pk" if name == "id" else name) for name in CARD_FIELDS}


def to_cards(rows: Iterable[Mapping[str, Any]]) -> list[Card]:
    """Turn card rows into display cards with one cached name lookup for all of them."""
    actors = labels.actor_names()
    topics = labels.topic_names()
    threads = labels.all_thread_labels()
    outlets = labels.all_source_names()
    prefix = get_script_prefix()
    cards: list[Card] = []
    for a in rows:
        parties, mediators = a["parties"] or [], a["mediators"] or []
        roles = set(parties) | set(mediators)
        thread_id = a["thread_id"]
        thread = threads.get(thread_id) if thread_id else None
        if thread_id and thread is None:
            thread = labels.thread_label(thread_id)
        cards.append(
            Card(
                id=a["id"],
                title=a["title"],
                published_at=a["published_at"],
                outlet=labels.outlet(a["source_id"], a["publisher"], outlets),
                lang=a["lang"],
                status=a["status"],
                key_sentence=a["key_sentence"],
                thread_key=thread[0] if thread else "",
                thread_name=thread[1] if thread else "",
                parties=labels.label_list(parties, actors, script_prefix=prefix),
                mediators=labels.label_list(mediators, actors, script_prefix=prefix),
                others=labels.label_list(
                    [x for x in a["actors"] or [] if x not in roles], actors, script_prefix=prefix
                ),
                topics=labels.label_list(a["topics"], topics, link="topic", script_prefix=prefix),
                rank=a.get("rank"),
            )
        )
    return cards


# --- seek pagination -------------------------------------------------------


def encode_cursor(item: Any) -> str:
    """An opaque, URL-safe cursor for the position just after ``item`` (a row, card or article)."""
    if isinstance(item, Mapping):
        published_at, pk = item["published_at"], item["id"]
    else:
        published_at, pk = item.published_at, getattr(item, "pk", None) or item.id
    stamp = published_at.isoformat() if published_at else ""
    raw = f"{stamp}|{pk}".encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(token: str | None) -> tuple[dt.datetime | None, int] | None:
    """Read a cursor back; a damaged one means "start from the top"."""
    if not token:
        return None
    try:
        raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)).decode()
        stamp, pk = raw.split("|")
        return (dt.datetime.fromisoformat(stamp) if stamp else None, int(pk))
    except (ValueError, UnicodeDecodeError):
        return None


def after_cursor(
    qs: QuerySet[Article], cursor: tuple[dt.datetime | None, int]
) -> QuerySet[Article]:
    """Rows strictly after the cursor in ``-published_at, -id`` order (NULL dates come first).

    The redundant ``published_at <= stamp`` gives PostgreSQL an index bound
    to start the backward scan from, not just a filter.
    """
    stamp, pk = cursor
    if stamp is None:
        return qs.filter(Q(published_at__isnull=True, id__lt=pk) | Q(published_at__isnull=False))
    return qs.filter(published_at__lte=stamp).filter(
        Q(published_at__lt=stamp) | Q(published_at=stamp, id__lt=pk)
    )


@dataclass
class Page:
    cards: list[Card]
    next_cursor: str | None
    is_first: bool


def article_page(
    qs: QuerySet[Article],
    *,
    cursor: str | None = None,
    size: int | None = None,
    window: tuple[dt.date | None, dt.date | None] = (None, None),
    state: str | None = None,
) -> Page:
    """One page of the list, newest first, and the cursor of the next page.

    ``window`` repeats the date bounds already in ``qs``. With both ends
    and the filter's ``state`` (its canonical parameters without dates),
    the page is read from the window's days, newest first, each day's
    matches cached (see :func:`_ids_by_day`); otherwise it is looked for
    among the newest ``PROBES`` articles of the window first (see
    :func:`_newest_rows`).
    """
    size = size or PAGE_SIZE
    position = decode_cursor(cursor)
    rows: list[dict[str, Any]] | None = None
    first, last = window
    if state is not None and first and last and first <= last:
        ids = _ids_by_day(qs, state, (first, last), position, size + 1)
        if ids is not None:
            rows = card_rows_by_id(ids)
    if rows is None:
        walked = after_cursor(qs, position) if position is not None else qs
        rows = _newest_rows(walked, size + 1, window, position)
    more = len(rows) > size
    rows = rows[:size]
    return Page(
        cards=to_cards(rows),
        next_cursor=encode_cursor(rows[-1]) if more and rows else None,
        is_first=position is None,
    )


_TABLE = Article._meta.db_table
_NEWEST_FIRST = "ORDER BY published_at DESC, id DESC"


def _newest_rows(
    qs: QuerySet[Article],
    n: int,
    window: tuple[dt.date | None, dt.date | None],
    position: tuple[dt.datetime | None, int] | None,
) -> list[dict[str, Any]]:
    """The card rows of the first ``n`` articles of ``qs``, newest first.

    Tag filters often go together (an actor and the topics it negotiates),
    and the planner, multiplying their selectivities as if independent,
    then prefers combining the GIN indexes and sorting every match over
    walking the date index: tens of milliseconds where a walk of a few
    hundred rows would do. So the walk is tried first, over the newest
    ``PROBES[0]`` and then ``PROBES[1]`` articles of the window (an
    index-only scan finds each bound; the longer stretch with bitmap scans
    off, the short one needs no persuading); only a filter too rare to fill
    a page in either falls back to the planner's choice, which suits rare
    ones. The walk reads ids only: ``article_published_idx`` carries the
    tag, thread, outlet and language columns, so it is an index-only scan
    that visits no table row that does not match; the same statement then
    reads the card columns of the page's rows.

    The filter is compiled to SQL once and the statements are written
    around it: building and compiling a queryset per statement cost more
    than running them.
    """
    matches, params = qs.order_by().values("id", "published_at").query.sql_with_params()
    bounds = Article.objects.filter(published_at__isnull=False)
    first, last = window
    if first:
        bounds = bounds.filter(published_at__gte=start_of(first))
    if last:
        bounds = bounds.filter(published_at__lt=start_of(last, 1))
    if position is not None:
        bounds = after_cursor(bounds, position)
    rows: list[dict[str, Any]] = []
    if not first and (position is None or position[0] is None):
        # Undated rows sort first; they are few, and an OR in the walk's
        # index condition would spoil it, so they are read on their own.
        rows = _card_rows_of(
            f"SELECT m.id FROM ({matches}) m WHERE m.published_at IS NULL", params, n
        )
        if len(rows) >= n:
            return rows
    dated = f"SELECT m.id FROM ({matches}) m WHERE m.published_at IS NOT NULL"
    edges, edge_params = bounds.order_by().values("published_at", "id").query.sql_with_params()
    for stretch in PROBES:
        with connection.cursor() as cur:
            cur.execute(
                f"SELECT b.published_at FROM ({edges}) b {_NEWEST_FIRST} OFFSET %s LIMIT 1",
                (*edge_params, stretch),
            )
            edge = cur.fetchone()
        probe = f"{dated} AND m.published_at >= %s" if edge else dated
        probe_params = (*params, edge[0]) if edge else params
        if stretch == PROBES[0]:
            # So short a stretch is walked by the planner's own choice.
            found = _card_rows_of(probe, probe_params, n - len(rows))
        else:
            with transaction.atomic(), connection.cursor() as cur:
                cur.execute("SET LOCAL enable_bitmapscan = off")
                found = _card_rows_of(probe, probe_params, n - len(rows))
        if len(rows) + len(found) >= n or not edge:  # a full page, or the whole window was walked
            return rows + found
    return rows + _card_rows_of(dated, params, n - len(rows))


_CARD_COLUMNS = ", ".join(f'"{name}"' for name in CARD_FIELDS)

# The list by days: how many days are read first (doubled while the page is
# not full), the most matches one read may return, and how many recent days
# (today, yesterday) are always read live, since that is where new articles
# land. Older days change only by corrections, and then show within the
# cache's minute and a half, as the facet counts do.
LIST_DAYS_FIRST = 3
LIST_DAYS_BUDGET = 5000
LIVE_DAYS = 2


def _ids_by_day(
    qs: QuerySet[Article],
    state: str,
    window: tuple[dt.date, dt.date],
    position: tuple[dt.datetime | None, int] | None,
    n: int,
) -> list[int] | None:
    """Ids of the first ``n`` articles of a date window after ``position``, newest first.

    Analysts draw windows freely, and so does the benchmark: a cache keyed
    by the window would rarely hit, but the matches of one day are the same
    in every window that holds it. So the days are read newest first, a
    few at a time, each day's matches (ids and times) from the cache when
    another page already read it, and the page is cut from them. ``None``
    when a day holds more than ``LIST_DAYS_BUDGET`` matches: the walk of
    :func:`_newest_rows` suits such a filter better.
    """
    first, last = window
    top = last
    if position is not None and position[0] is not None:
        top = min(last, timezone.localdate(position[0]))
        after = (-position[0].timestamp(), -position[1])
    else:
        after = None
    live_from = timezone.localdate() - dt.timedelta(days=LIVE_DAYS - 1)

    def compute(a: dt.date, b: dt.date) -> tuple[dict[dt.date, list], dt.date | None]:
        span = qs.filter(published_at__gte=start_of(a), published_at__lt=start_of(b, 1))
        found = list(
            span.order_by("-published_at", "-id").values_list("id", "published_at")[
                : LIST_DAYS_BUDGET + 1
            ]
        )
        if len(found) > LIST_DAYS_BUDGET:
            return {}, b + dt.timedelta(days=1)
        days = empty_days(a, b)
        tz = timezone.get_current_timezone()
        for pk, at in found:  # newest first, so each day's list is in page order
            days[at.astimezone(tz).date()].append((-at.timestamp(), -pk))
        return days, None

    ids: list[int] = []
    span = LIST_DAYS_FIRST
    while top >= first and len(ids) < n:
        bottom = max(first, top - dt.timedelta(days=span - 1))
        if top >= live_from:
            bottom = max(bottom, live_from)
            days, stopped = compute(bottom, top)
        else:
            days, stopped = by_day("list-days", state, bottom, top, compute)
        if stopped is not None:
            return None
        for day in sorted(days, reverse=True):
            for key in days[day]:
                if after is None or key > after:
                    ids.append(-key[1])
                    if len(ids) >= n:
                        return ids
        top = bottom - dt.timedelta(days=1)
        span *= 2
    return ids


def card_rows_by_id(ids: list[int], extra: tuple[str, ...] = ()) -> list[dict[str, Any]]:
    """Card rows (and the ``extra`` columns) of these ids, in their order; ids no
    longer stored are left out."""
    if not ids:
        return []
    fields = (*CARD_FIELDS, *extra)
    columns = ", ".join(f'"{name}"' for name in fields)
    with connection.cursor() as cur:
        cur.execute(f"SELECT {columns} FROM {_TABLE} WHERE id = ANY(%s)", (ids,))
        by_id = {row[0]: dict(zip(fields, row, strict=True)) for row in cur.fetchall()}
    return [by_id[pk] for pk in ids if pk in by_id]


def _card_rows_of(ids_sql: str, params: Iterable[Any], n: int) -> list[dict[str, Any]]:
    """Card rows of the newest ``n`` ids that ``ids_sql`` selects (as ``m.id``), newest first."""
    with connection.cursor() as cur:
        cur.execute(
            f"SELECT {_CARD_COLUMNS} FROM {_TABLE} WHERE id IN "
            f"({ids_sql} ORDER BY m.published_at DESC NULLS FIRST, m.id DESC LIMIT %s) "
            f"{_NEWEST_FIRST} NULLS FIRST",
            (*params, n),
        )
        return [dict(zip(CARD_FIELDS, row, strict=True)) for row in cur.fetchall()]


# --- facets ------------------------------------------------------------------

FACET_KINDS = ("actor", "party", "mediator", "topic", "thread", "source", "lang")
DATE_PARAMS = ("date_from", "date_to")

FACET_SQL = """
WITH sub AS MATERIALIZED ({inner})
SELECT {day} 'actor', x, count(*) FROM sub, unnest(sub.actors) AS x GROUP BY {group} x
UNION ALL SELECT {day} 'party', x, count(*) FROM sub, unnest(sub.parties) AS x GROUP BY {group} x
UNION ALL SELECT {day} 'mediator', x, count(*) FROM sub, unnest(sub.mediators) AS x GROUP BY {group} x
UNION ALL SELECT {day} 'topic', x, count(*) FROM sub, unnest(sub.topics) AS x GROUP BY {group} x
UNION ALL SELECT {day} 'thread', thread_id::text, count(*) FROM sub WHERE thread_id IS NOT NULL GROUP BY {group} thread_id
UNION ALL SELECT {day} 'source', s::text, count(*) FROM (
  SELECT {day} source_id AS s FROM sub WHERE source_id IS NOT NULL
  UNION ALL SELECT {sub_day} c.source_id FROM sub JOIN articles_carriage c ON c.article_id = sub.id
) o GROUP BY {group} s
UNION ALL SELECT {day} 'lang', lang, count(*) FROM sub WHERE lang <> '' GROUP BY {group} lang
UNION ALL SELECT {day} 'total', NULL, count(*) FROM sub {total_group}
"""
# Outlets count the article's own and every further outlet that carried its
# text word for word (``Carriage``), hence the id.
FACET_COLUMNS = ("id", "actors", "parties", "mediators", "topics", "thread_id", "source_id", "lang")


def _facet_sql(qs: QuerySet[Article], limit: int, *, daily: bool) -> tuple[str, tuple]:
    inner = qs.order_by("-published_at", "-id")
    if daily:
        inner = inner.annotate(day=TruncDate("published_at")).values("day", *FACET_COLUMNS)
    else:
        inner = inner.values(*FACET_COLUMNS)
    sql, params = inner[:limit].query.sql_with_params()
    return FACET_SQL.format(
        inner=sql,
        day="day," if daily else "",
        sub_day="sub.day," if daily else "",
        group="day," if daily else "",
        total_group="GROUP BY day" if daily else "",
    ), params


def _rank(counts: dict[str, dict[str, int]], total: int, capped: bool) -> dict[str, Any]:
    """Counts per facet value → the top rows of each facet, largest first."""
    out: dict[str, Any] = {"total": total, "capped": capped}
    for facet, values in counts.items():
        rows = sorted(values.items(), key=lambda r: (-r[1], r[0]))
        out[facet] = rows[:FACET_TOP] if facet != "lang" else rows
    return out


def facet_counts(
    qs: QuerySet[Article], state: str, *, sample: int = FACET_SAMPLE
) -> dict[str, Any]:
    """Raw facet counts ``{facet: [(value, n), ...]}`` plus ``total`` and ``capped``.

    One statement over the newest ``sample`` matches keeps the cost flat on a
    million rows; the result is cached under the filter state.
    """

    def compute() -> dict[str, Any]:
        sql, params = _facet_sql(qs, sample + 1, daily=False)
        counts: dict[str, dict[str, int]] = {}
        total = 0
        with connection.cursor() as cur:
            cur.execute(sql, params)
            for facet, value, n in cur.fetchall():
                if facet == "total":
                    total = n
                else:
                    counts.setdefault(facet, {})[value] = n
        return _rank(counts, min(total, sample), total > sample)

    return cached("facets", state, compute)


def daily_facet_counts(
    qs: QuerySet[Article], state: str, first: dt.date, last: dt.date, *, budget: int = FACET_SAMPLE
) -> dict[str, Any]:
    """Facet counts over a date range, summed from counts per day.

    Analysts (and the benchmark) draw ranges freely, so a cache keyed by the
    whole range would rarely hit; counts per day are shared by every range
    that covers the day. A miss counts at most ``budget`` matches, newest
    first; when the range holds more, the counts cover its newest complete
    days and say so (``capped``), as the sampled counts do.
    """

    def compute(a: dt.date, b: dt.date) -> tuple[dict[dt.date, Any], dt.date | None]:
        span = qs.filter(published_at__gte=start_of(a), published_at__lt=start_of(b, 1))
        sql, params = _facet_sql(span, budget + 1, daily=True)
        days: dict[dt.date, dict[str, Any]] = {}
        with connection.cursor() as cur:
            cur.execute(sql, params)
            for day, facet, value, n in cur.fetchall():
                entry = days.setdefault(day, {"total": 0})
                if facet == "total":
                    entry["total"] = n
                else:
                    entry.setdefault(facet, {})[value] = n
        done, stopped = a, None
        if sum(d["total"] for d in days.values()) > budget:
            oldest = min(days)  # cut inside this day: it is incomplete
            del days[oldest]
            done = stopped = oldest + dt.timedelta(days=1)
        day = done
        while day <= b:
            days.setdefault(day, {"total": 0})
            day += dt.timedelta(days=1)
        return days, stopped

    days, stopped = by_day("facet-days", state, first, last, compute)
    counts: dict[str, dict[str, int]] = {}
    total = 0
    for entry in days.values():
        total += entry["total"]
        for facet in FACET_KINDS:
            values = entry.get(facet)
            if values:
                into = counts.setdefault(facet, {})
                for value, n in values.items():
                    into[value] = into.get(value, 0) + n
    return _rank(counts, total, stopped is not None)


def facets(params: QueryDict | dict[str, Any] | None) -> dict[str, Any]:
    """Facet counts with display names, for the filter sidebar.

    Each entry is ``{"value", "name", "count"}``; thread facets use the key so
    that a click builds the same ``?thread=<key>`` URL a person would type.
    With a date range the counts are exact sums of cached days (up to a
    budget); without one they cover the newest ``FACET_SAMPLE`` matches.
    """
    params = params if params is not None else {}
    window = date_window(params)
    if window is not None:
        rest = without(params, DATE_PARAMS)
        qs, _ = filtered_articles(rest)
        state = canonical(rest, skip=("after", "page", *DATE_PARAMS))
        raw = daily_facet_counts(qs, state, *window)
    else:
        qs, _ = filtered_articles(params)
        raw = facet_counts(qs, canonical(params, skip=("after", "page")))
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


_DATE_FIELD = forms.DateField(
    required=False
)  # the filter's own field type: the same accepted formats


def date_param(params: QueryDict | dict[str, Any], name: str) -> dt.date | None:
    """One date parameter as the filter reads it, or None when absent or not a date."""
    try:
        return _DATE_FIELD.clean(params.get(name) or None)
    except forms.ValidationError:
        return None


def date_window(params: QueryDict | dict[str, Any]) -> tuple[dt.date, dt.date] | None:
    """Both ends of a valid date range in the parameters, oldest first, else None."""
    first, last = (date_param(params, k) for k in DATE_PARAMS)
    if not first or not last:
        return None
    return (first, last) if first <= last else (last, first)


def without(params: QueryDict | dict[str, Any], names: Iterable[str]) -> QueryDict:
    out = params.copy() if isinstance(params, QueryDict) else _as_querydict(params)
    for name in names:
        out.pop(name, None)
    return out


def _as_querydict(params: Mapping[str, Any]) -> QueryDict:
    out = QueryDict(mutable=True)
    for key, value in params.items():
        if isinstance(value, list | tuple):
            out.setlist(key, [str(v) for v in value])
        elif value is not None:
            out[key] = str(value)
    return out


def start_of(day: dt.date, plus_days: int = 0) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day + dt.timedelta(days=plus_days), dt.time.min))


def article_list(
    params: QueryDict | dict[str, Any] | None,
    *,
    cursor: str | None = None,
    with_facets: bool = True,
) -> dict[str, Any]:
    """The list page's data: the bound filter, one page of cards and (unless deferred) facets.

    Facets cost several times what a page of cards costs on a large
    archive, so the page can leave them to a request of its own
    (``with_facets=False``; see :func:`facets`).
    """
    qs, flt = filtered_articles(params)
    data = getattr(flt.form, "cleaned_data", None) or {} if flt.is_valid() else {}
    window = (data.get("date_from"), data.get("date_to"))
    state = canonical(params, skip=("after", "page", "facets", *DATE_PARAMS))
    return {
        "filter": flt,
        "page": article_page(qs, cursor=cursor, window=window, state=state),
        "facets": facets(params) if with_facets else None,
    }


# --- one article -----------------------------------------------------------------


def mention_segments(
    text: str, mentions: list[dict[str, Any]], roles: dict[str, str]
) -> list[dict[str, str]]:
    """Split ``text`` into plain and mention segments for the template to escape and link.

    Offsets come from the tagger; any that fall outside the text, are not
    integers or overlap an earlier mention are skipped rather than trusted.
    """
    names = labels.actor_names()
    spans = []
    for m in mentions or []:
        try:
            start, end, actor = int(m["start"]), int(m["end"]), str(m["actor"])
        except (KeyError, TypeError, ValueError):
            continue
        if 0 <= start < end <= len(text) and actor and "/" not in actor:
            spans.append((start, end, actor))
    spans.sort()
    out: list[dict[str, str]] = []
    pos = 0
    for start, end, actor in spans:
        if start < pos:
            continue
        if start > pos:
            out.append({"text": text[pos:start]})
        out.append(
            {
                "text": text[start:end],
                "actor": actor,
                "role": roles.get(actor, "mentioned"),
                "name": names.get(actor, actor),
            }
        )
        pos = end
    if pos < len(text):
        out.append({"text": text[pos:]})
    return out


def get_article(pk: int) -> Article | None:
    """The full article row with outlet and thread."""
    return (
        Article.objects.select_related("source", "thread", "cluster")
        .defer("search_text", "search_vector", "title_vector", "minhash")
        .filter(pk=pk)
        .first()
    )


def article_detail(article: Article) -> dict[str, Any]:
    """Everything the article page shows besides forms."""
    roles = {a: "mentioned" for a in article.actors}
    roles.update({a: "mediator" for a in article.mediators})
    roles.update({a: "party" for a in article.parties})  # a party in any talk reads as a party
    [card] = to_cards([card_row(article)])
    carriages = list(
        article.carriages.select_related("source").order_by("published_at", "id")[:100]
    )
    siblings: list[Card] = []
    if article.cluster_id:
        siblings = to_cards(
            card_rows(
                Article.objects.filter(cluster_id=article.cluster_id).exclude(pk=article.pk)
            ).order_by("published_at", "id")[:30]
        )
    corrections = list(
        article.corrections.select_related("actor", "topic", "thread", "created_by").order_by(
            "-created_at"
        )[:20]
    )
    actors = labels.actor_names()
    persons = [
        {
            "name": p.get("name", ""),
            "affiliation": p.get("affiliation") or "",
            "affiliation_name": actors.get(p.get("affiliation") or "", ""),
        }
        for p in (article.persons or [])
        if isinstance(p, dict)
    ]
    return {
        "article": article,
        "card": card,
        "segments": mention_segments(article.text, article.mentions, roles),
        "siblings": siblings,
        "carriages": carriages,
        "outlet_count": (1 if article.source_id else 0) + article.carriages.count(),
        "corrections": corrections,
        "persons": persons,
    }


def correction_choices() -> dict[str, Any]:
    """Options for the correction form: actors, topics and recent threads."""
    actors = labels.actor_names()
    topics = labels.topic_names()
    from articles.models import Thread

    threads = [
        (t.pk, labels.thread_name(t))
        for t in Thread.objects.filter(merged_into__isnull=True).order_by("-last_date", "name_en")[
            :300
        ]
    ]
    return {
        "actors": sorted(actors.items(), key=lambda kv: kv[1]),
        "topics": sorted(topics.items(), key=lambda kv: kv[1]),
        "threads": threads,
    }
