"""Thread lists and the thread timeline: cards, a volume series and milestones on one axis.

A timeline is always a window: the zoom (year, month, week, day) chooses
the bucket of the volume chart and a default span, the date range narrows
it. Inside the window the page shows ``CARDS_PER_PAGE`` cards, newest
first, with a seek cursor to older ones (the ``(thread, published_at, id)``
index is entered at the cursor), and a ``date_trunc`` count per bucket,
cached under the filter state, so the cost depends on the page, not on how
long the thread has run.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from django.db.models import Count, F, Max, Q, QuerySet
from django.db.models.functions import Trunc
from django.http import QueryDict
from django.utils import timezone

from articles.cache import cached, canonical, local, stamp, thread_scope
from articles.models import Article, Milestone, Thread

from . import labels, rollups
from .cards import Card, card_rows, to_cards
from .cursors import after_cursor, decode_cursor, encode_cursor
from .dates import DATE_PARAMS, date_param, without
from .events import story_end
from .facets import rollup_dimension
from .filtering import article_filter, base_queryset

T = TypeVar("T")

ZOOMS = ("year", "month", "week", "day")
DEFAULT_ZOOM = "week"
# Default span shown at each zoom when no dates are given (None: the whole thread).
DEFAULT_SPAN: dict[str, dt.timedelta | None] = {
    "year": None,
    "month": dt.timedelta(days=730),
    "week": dt.timedelta(weeks=26),
    "day": dt.timedelta(days=30),
}
CARDS_PER_PAGE = 30
MAX_BUCKETS = 400
SPARK_WEEKS = 26


# --- lists ---------------------------------------------------------------------


def thread_list(*, status: str = "", q: str = "") -> QuerySet[Thread]:
    """Threads newest-active first, with the actors chips need prefetched."""
    qs = Thread.objects.filter(merged_into__isnull=True).prefetch_related(
        "core_parties", "mediators", "topics"
    )
    if status:
        qs = qs.filter(status=status)
    if q:
        qs = qs.filter(Q(name_ar__icontains=q) | Q(name_en__icontains=q) | Q(key__icontains=q))
    return qs.order_by(F("last_date").desc(nulls_last=True), "name_en")


def latest_date() -> dt.date | None:
    """The newest publication date in the store: the right edge of shared time axes.

    Anchoring on the data, not on today, keeps sparklines meaningful for an
    archive that stops in the past. Dates in the future (a mistyped year)
    do not count: the edge is today at the latest.
    """
    span = rollups.data_span()
    if span is None:
        return None
    today = timezone.localdate() + dt.timedelta(days=1)
    if span[1] <= today:
        return span[1]
    before = rollups.daily("total", "", span[0], today)
    return max(before) if before else None


def weekly_series(
    thread_ids: list[int], *, end: dt.date, weeks: int = SPARK_WEEKS
) -> dict[int, list[int]]:
    """Article counts per week for several threads, from their daily rollup rows."""
    start = _week_start(end) - dt.timedelta(weeks=weeks - 1)
    days = rollups.daily_many("thread", [str(t) for t in thread_ids], start, end)
    out = {t: [0] * weeks for t in thread_ids}
    for t in thread_ids:
        for day, n in days[str(t)].items():
            index = (day - start).days // 7
            if 0 <= index < weeks:
                out[t][index] += n
    return out


def active_threads(limit: int = 8) -> list[dict[str, Any]]:
    """Active threads with a weekly coverage series each, for the home page sparklines."""
    threads = list(
        Thread.objects.filter(status=Thread.Status.ACTIVE, merged_into__isnull=True)
        .only("pk", "key", "name_ar", "name_en", "last_date")
        .order_by(F("last_date").desc(nulls_last=True), "name_en")[:limit]
    )
    end = latest_date() or timezone.localdate()
    series = weekly_series([t.pk for t in threads], end=end) if threads else {}
    return [
        {"thread": t, "name": labels.thread_name(t), "series": series.get(t.pk, [])}
        for t in threads
    ]


# --- timeline ------------------------------------------------------------------------


@dataclass
class Bucket:
    start: dt.date
    count: int


@dataclass
class CardGroup:
    start: dt.date
    kind: str  # "day" or "week"
    cards: list[Card] = field(default_factory=list)
    milestones: list[Milestone] = field(default_factory=list)


@dataclass
class Timeline:
    thread: Thread
    name: str
    zoom: str
    series_zoom: str
    date_from: dt.date | None
    date_to: dt.date | None
    groups: list[CardGroup]
    series: list[Bucket]
    milestones: list[Milestone]
    shown: int
    next_cursor: str | None
    is_first: bool
    filter: Any
    parties: list[dict[str, str]]
    mediators: list[dict[str, str]]
    topics: list[dict[str, str]]
    windows: dict[str, tuple[dt.date, dt.date] | None] = field(default_factory=dict)
    undated: int = 0


# The thread row and its milestones' count and newest id, written out: every
# timeline request reads it, and the same grouped ORM query costs the page
# more to build than the database spends on it.
_THREAD_WITH_MILESTONES_SQL = f"""
SELECT t.*, m.n AS milestone_count, m.last AS milestone_last
FROM {Thread._meta.db_table} t,
  LATERAL (SELECT count(*) AS n, max(id) AS last FROM {Milestone._meta.db_table}
           WHERE thread_id = t.id) m
WHERE t.id = %s
"""


def thread_by_key(key: str, *, with_milestone_version: bool = False) -> Thread | None:
    """A thread by its key, following a merge to the thread it was merged into.

    ``with_milestone_version`` also reads the count and newest id of its
    milestones and its write stamp (``milestone_version``): the timeline
    caches its body under them, so a new milestone, a re-tag or a correction
    shows at once.
    """
    thread = (
        _versioned_thread(key) if with_milestone_version else Thread.objects.filter(key=key).first()
    )
    seen = set()
    while thread is not None and thread.merged_into_id and thread.pk not in seen:
        seen.add(thread.pk)
        thread = thread.merged_into
    return thread


def _versioned_thread(key: str) -> Thread | None:
    """The thread of ``key`` with its milestones and write stamp, kept in the process.

    Every timeline request needs the row, and a statement per request was a
    tenth of the page's cost. The row is kept under the thread's write stamp
    (``cache.stamp``), which every write to the thread, its milestones or its
    articles moves (``signals``, the tagging and correction services), and for
    the ``span`` lifetime at most, which bounds a write made without a signal
    (a bulk update). A key not found stays so in the process for that lifetime,
    unless a thread is created in it (``signals``).
    """
    pk = local(
        f"thread-pk:{key}",
        lambda: Thread.objects.filter(key=key).values_list("pk", flat=True).first(),
        "span",
    )
    if pk is None:
        return None
    current = stamp(thread_scope(pk))

    def read() -> Thread | None:
        thread = next(iter(Thread.objects.raw(_THREAD_WITH_MILESTONES_SQL, [pk])), None)
        if thread is not None:
            thread.milestone_version = f"{thread.milestone_count}-{thread.milestone_last}-{current}"
        return thread

    thread = local(f"thread-row:{pk}:{current}", read, "span")
    return thread if thread is not None and thread.key == key else None


def timeline_body_state(thread: Thread, params: Any) -> str:
    """What a timeline window's body depends on: the thread, its milestones and writes, the URL.

    ``thread`` comes from ``thread_by_key(..., with_milestone_version=True)``,
    so a new milestone, a re-tag or a correction shows on the next request.
    """
    return f"{thread.pk}|{thread.milestone_version}|{canonical(params)}"


def thread_span(thread: Thread) -> tuple[dt.date | None, dt.date | None]:
    """First and last article dates, from the stored counters or, failing that, the index."""
    first, last = thread.first_date, thread.last_date
    if first and last:
        return first, last
    agg = Article.objects.filter(thread=thread, published_at__isnull=False).aggregate(
        last=Max("published_at")
    )
    last = last or (timezone.localdate(agg["last"]) if agg["last"] else None)
    if first is None:
        stamp = (
            Article.objects.filter(thread=thread, published_at__isnull=False)
            .order_by("published_at")
            .values_list("published_at", flat=True)
            .first()
        )
        first = timezone.localdate(stamp) if stamp else None
    return first, last


@dataclass
class Window:
    """The zoom and date window a timeline request asks for, and its bound filter."""

    zoom: str
    date_from: dt.date
    date_to: dt.date
    first: dt.date | None
    last: dt.date | None
    params: QueryDict
    filter: Any


def timeline_window(thread: Thread, params: QueryDict | dict[str, Any] | None) -> Window:
    """Zoom, dates and filter of a timeline request: cheap, no article is read.

    The page header and the filter form need only this, so a cached
    timeline body can be served without building the timeline again.
    """
    params = params.copy() if params is not None else QueryDict(mutable=True)
    chosen = params.get("zoom") in ZOOMS
    zoom = params.get("zoom") if chosen else DEFAULT_ZOOM
    first, last = thread_span(thread)

    # Read the dates as the filter would, then pin the window so filter and axis agree.
    # The window reaches the latest planned round, which may lie ahead of the last article.
    date_to = (
        date_param(params, "date_to")
        or _by_thread_version(thread, f"thread-end:{last}", lambda: story_end(thread, last))
        or timezone.localdate()
    )
    span = DEFAULT_SPAN[zoom]
    date_from = date_param(params, "date_from")
    if date_from is None and not chosen and first:
        # No zoom and no dates: the whole thread, at the zoom that fits it.
        date_from, zoom = first, fitting_zoom(first, date_to)
    date_from = date_from or (date_to - span if span else first) or date_to
    if date_from > date_to:
        date_from, date_to = date_to, date_from
    params = _with(params, date_from=date_from.isoformat(), date_to=date_to.isoformat())
    params.pop("thread", None)
    flt = article_filter(params, queryset=base_queryset().filter(thread=thread))
    return Window(zoom, date_from, date_to, first, last, params, flt)


def fitting_zoom(first: dt.date, last: dt.date) -> str:
    """The finest zoom whose buckets show a span of this length at a readable width."""
    days = (last - first).days
    return "day" if days <= 62 else "week" if days <= 3 * 365 else "month"


def timeline(
    thread: Thread,
    params: QueryDict | dict[str, Any] | None,
    *,
    cursor: str | None = None,
    window: Window | None = None,
) -> Timeline:
    """The thread timeline for a zoom and date window under the list filters.

    ``cursor`` (the ``after`` parameter) pages to older cards inside the
    same window; the chart and milestones always cover the whole window.
    """
    window = window or timeline_window(thread, params)
    zoom, date_from, date_to = window.zoom, window.date_from, window.date_to
    first, last, params, flt = window.first, window.last, window.params, window.filter
    qs = flt.qs if flt.is_valid() else base_queryset().filter(thread=thread)

    position = decode_cursor(cursor)
    page_qs = after_cursor(qs, position) if position is not None else qs
    rows = list(card_rows(page_qs).order_by("-published_at", "-id")[: CARDS_PER_PAGE + 1])
    more = len(rows) > CARDS_PER_PAGE
    rows = rows[:CARDS_PER_PAGE]
    cards = to_cards(rows)

    series_zoom = zoom
    # Coarser buckets until the window fits, stopping at years (the
    # coarsest: the steps never wrap round to days).
    while _bucket_count(date_from, date_to, series_zoom) > MAX_BUCKETS and series_zoom != "year":
        series_zoom = ZOOMS[ZOOMS.index(series_zoom) - 1]
    series_from, series_to = date_from, date_to
    if _bucket_count(series_from, series_to, series_zoom) > MAX_BUCKETS:
        # Centuries of window (a mistyped date): the axis keeps to the thread's own span.
        series_from = max(date_from, first or date_from)
        series_to = min(date_to, max(last or date_to, series_from))
    series = volume_series(qs, thread, params, series_zoom, series_from, series_to)

    # A thread read with its milestones' version (the page's) and none of them needs no query.
    milestones = (
        []
        if getattr(thread, "milestone_count", None) == 0
        else list(thread.milestones.filter(date__gte=date_from, date__lte=date_to).order_by("date"))
    )
    group_kind = "day" if zoom in ("day", "week") else "week"
    # Milestones go into the groups of this page only: between the oldest
    # card shown (when older ones follow) and the cursor (when paged).
    newest = timezone.localdate(position[0]) if position and position[0] else date_to
    oldest = timezone.localdate(rows[-1]["published_at"]) if more and rows else date_from
    if more and rows and rows[-1]["published_at"] is None:
        oldest = date_to
    shown_milestones = [m for m in milestones if oldest <= m.date <= newest]
    groups = _group_cards(cards, shown_milestones, group_kind)

    tags = thread_tags(thread)
    return Timeline(
        thread=thread,
        name=labels.thread_name(thread),
        zoom=zoom,
        series_zoom=series_zoom,
        date_from=date_from,
        date_to=date_to,
        groups=groups,
        series=series,
        milestones=milestones,
        shown=len(cards),
        next_cursor=encode_cursor(rows[-1]) if more and rows else None,
        is_first=position is None,
        filter=flt,
        parties=tags["parties"],
        mediators=tags["mediators"],
        topics=tags["topics"],
        windows=_windows(zoom, date_from, date_to, first, last),
        undated=undated_count(thread),
    )


def thread_tags(thread: Thread) -> dict[str, list[dict[str, str]]]:
    """The thread's core parties, mediators and topics with names.

    Every request of a thread's pages reads them, the page's frame and its
    body alike, and a thread's definition changes rarely: the ids are kept
    for the ``labels`` lifetime and memoised in the process on top.
    """

    def compute() -> dict[str, list[str]]:
        return {
            "parties": list(thread.core_parties.values_list("pk", flat=True)),
            "mediators": list(thread.mediators.values_list("pk", flat=True)),
            "topics": list(thread.topics.values_list("pk", flat=True)),
        }

    ids = local(
        f"thread-tags:{thread.pk}", lambda: cached("thread-tags", str(thread.pk), compute, "labels")
    )
    actors = labels.actor_names()
    return {
        "parties": labels.label_list(ids["parties"], actors),
        "mediators": labels.label_list(ids["mediators"], actors),
        "topics": labels.label_list(ids["topics"], labels.topic_names(), link="topic"),
    }


def _by_thread_version(thread: Thread, name: str, compute: Callable[[], T]) -> T:
    """``compute()`` for the thread as its last write left it, memoised in the process.

    A thread read with its version (``thread_by_key(..., with_milestone_version=True)``)
    names what its figures depend on, so every window and zoom of its timeline shares
    them until the next write; without the version they are read each time.
    """
    written = getattr(thread, "milestone_version", None)
    if written is None:
        return compute()
    return local(f"{name}:{thread.pk}:{written}", compute)


def undated_count(thread: Thread) -> int:
    """Articles of the thread with no publication date (they cannot sit on a time axis):
    the thread's whole count less its dated months, from the rollups."""
    return _by_thread_version(
        thread, "thread-undated", lambda: rollups.undated("thread", str(thread.pk))
    )


def volume_series(
    qs: QuerySet[Article],
    thread: Thread,
    params: QueryDict,
    zoom: str,
    date_from: dt.date,
    date_to: dt.date,
) -> list[Bucket]:
    """Articles per bucket over the window, zero-filled so the axis is continuous.

    With no filter but the window, the counts are the thread's rollup rows
    (per month for months and years, per day otherwise); a filter within
    the thread counts its articles, cached until the thread's next write.
    """
    rest = without(params, (*DATE_PARAMS, "zoom", "after", "thread"))
    if rollup_dimension(rest) is None:
        read = rollups.monthly if zoom in ("year", "month") else rollups.daily
        counts: dict[dt.date, int] = {}
        for day, n in read("thread", str(thread.pk), date_from, date_to).items():
            bucket = _trunc(day, zoom)
            counts[bucket] = counts.get(bucket, 0) + n
    else:
        state = f"{thread.pk}|{zoom}|{date_from}|{date_to}|{canonical(rest)}"

        def compute() -> dict[dt.date, int]:
            rows = (
                qs.annotate(bucket=Trunc("published_at", zoom))
                .values("bucket")
                .annotate(n=Count("id"))
                .order_by()
            )
            return {
                timezone.localdate(r["bucket"]): r["n"] for r in rows if r["bucket"] is not None
            }

        counts = cached("volume", state, compute, scope=thread_scope(thread.pk))
    return [Bucket(start=b, count=counts.get(b, 0)) for b in _buckets(date_from, date_to, zoom)]


# --- helpers ---------------------------------------------------------------------


def _aware(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def _week_start(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def _trunc(day: dt.date, zoom: str) -> dt.date:
    if zoom == "year":
        return day.replace(month=1, day=1)
    if zoom == "month":
        return day.replace(day=1)
    if zoom == "week":
        return _week_start(day)
    return day


def _step(day: dt.date, zoom: str) -> dt.date:
    """The next bucket's start; the calendar's last day once past its end."""
    try:
        if zoom == "year":
            return day.replace(year=day.year + 1)
        if zoom == "month":
            return (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
        return day + dt.timedelta(days=7 if zoom == "week" else 1)
    except (OverflowError, ValueError):
        return dt.date.max


def _bucket_count(start: dt.date, end: dt.date, zoom: str) -> int:
    days = (end - start).days + 1
    return {"year": days // 365 + 2, "month": days // 28 + 2, "week": days // 7 + 2, "day": days}[
        zoom
    ]


def _buckets(start: dt.date, end: dt.date, zoom: str) -> list[dt.date]:
    out, day = [], _trunc(start, zoom)
    while day <= end and len(out) <= MAX_BUCKETS:
        out.append(day)
        following = _step(day, zoom)
        if following <= day:
            break
        day = following
    return out


def _group_cards(cards: list[Card], milestones: list[Milestone], kind: str) -> list[CardGroup]:
    """Cards (newest first) in day or week groups, milestones slotted into their group."""
    groups: dict[dt.date, CardGroup] = {}
    for card in cards:
        if card.published_at is None:
            continue
        start = _trunc(timezone.localdate(card.published_at), kind)
        groups.setdefault(start, CardGroup(start=start, kind=kind)).cards.append(card)
    for m in milestones:
        start = _trunc(m.date, kind)
        groups.setdefault(start, CardGroup(start=start, kind=kind)).milestones.append(m)
    return [groups[k] for k in sorted(groups, reverse=True)]


def _windows(
    zoom: str, start: dt.date, end: dt.date, first: dt.date | None, last: dt.date | None
) -> dict[str, tuple[dt.date, dt.date] | None]:
    """Neighbouring windows of the same length (earlier, later) and the whole thread."""
    length = end - start
    step = length + dt.timedelta(days=1)
    return {
        "earlier": (start - step, start - dt.timedelta(days=1))
        if not first or start > first
        else None,
        "later": (end + dt.timedelta(days=1), end + step) if not last or end < last else None,
        "all": (first, last) if first and last else None,
    }


def _with(params: QueryDict, **values: str) -> QueryDict:
    out = params.copy()
    for key, value in values.items():
        out[key] = value
    return out
