"""A thread's moves for its timeline: lanes by type, moves with their reports, what is new.

Every read goes through ``event_thread_day_idx`` (thread, day): the
lanes are a count per day and type over the window, an index-only scan
when no actor is chosen; the story list reads the newest ``READ_CAP``
events of the window and groups them into moves. Nothing scans the event
table, so the cost depends on the window, not on the archive.

**One move, many reports.** Outlets report the same move for days. Events
of one thread with the same type, sharing an actor (or both naming none)
and placed within ``NEAR_DAYS`` of each other are one move; its reports
are the events, its outlets their articles' outlets, the first report
the earliest published.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Min, Q, QuerySet
from django.utils import timezone

from articles.models import Event, EventType, Thread

from . import labels

NEAR_DAYS = 2
READ_CAP = 400  # events read for the story list of one window
MOVES_SHOWN = 25
MAX_FILTER_IDS = 12
TYPES = tuple(EventType.values)


@dataclass
class Report:
    """One outlet's report of a move: one event row."""

    event_id: int
    article_id: int
    outlet: str
    published_at: dt.datetime | None
    attributed_to: str
    sentence: str
    origin: str


@dataclass
class Move:
    """One move of the story, with every report of it."""

    type: str
    label: str
    day: dt.date
    last_day: dt.date
    actors: list[dict[str, str]] = field(default_factory=list)
    targets: list[dict[str, str]] = field(default_factory=list)
    via: list[dict[str, str]] = field(default_factory=list)
    reports: list[Report] = field(default_factory=list)
    planned: bool = False

    @property
    def key(self) -> str:
        """The lane point the move sits on (``day|type``): the chart finds it by this."""
        return f"{self.day.isoformat()}|{self.type}"

    @property
    def first(self) -> Report:
        return min(self.reports, key=lambda r: (r.published_at is None, r.published_at, r.event_id))

    @property
    def outlets(self) -> list[str]:
        out: list[str] = []
        for r in sorted(self.reports, key=lambda r: (r.published_at is None, r.published_at)):
            if r.outlet and r.outlet not in out:
                out.append(r.outlet)
        return out

    @property
    def sentence(self) -> str:
        return self.first.sentence or next((r.sentence for r in self.reports if r.sentence), "")

    @property
    def single_source(self) -> bool:
        """Only one outlet carries it (an article with no outlet counts as its own)."""
        return len({r.outlet or f"#{r.article_id}" for r in self.reports}) <= 1

    @property
    def attributions(self) -> list[str]:
        return sorted({r.attributed_to for r in self.reports if r.attributed_to})

    @property
    def corrected(self) -> bool:
        return any(r.origin == Event.Origin.ANALYST for r in self.reports)


@dataclass
class EventFilter:
    """The timeline's own filters: move types and actors (any slot)."""

    types: list[str] = field(default_factory=list)
    actors: list[str] = field(default_factory=list)

    @property
    def active(self) -> bool:
        return bool(self.types or self.actors)

    def apply(self, qs: QuerySet[Event]) -> QuerySet[Event]:
        if self.types:
            qs = qs.filter(type__in=self.types)
        if self.actors:
            qs = qs.filter(everyone__overlap=self.actors)
        return qs


def _values(params: Mapping[str, Any], name: str) -> list[str]:
    raw = params.getlist(name) if hasattr(params, "getlist") else params.get(name) or []
    if isinstance(raw, str):
        raw = [raw]
    out: list[str] = []
    for item in raw:
        for part in str(item).split(","):
            part = part.strip()
            if part and len(part) <= 40 and part not in out:
                out.append(part)
    return out[:MAX_FILTER_IDS]


def event_filter(params: Mapping[str, Any] | None) -> EventFilter:
    """``etype`` and ``eactor`` from the query string; unknown types are ignored."""
    params = params or {}
    return EventFilter(
        types=[t for t in _values(params, "etype") if t in TYPES],
        actors=_values(params, "eactor"),
    )


def type_labels() -> dict[str, str]:
    """Event type → its name in the active language."""
    return {value: str(label) for value, label in EventType.choices}


def window_events(
    thread: Thread, date_from: dt.date, date_to: dt.date, flt: EventFilter | None = None
) -> QuerySet[Event]:
    """The thread's events placed in the window (index range on ``(thread, day)``)."""
    qs = Event.objects.filter(thread=thread, day__gte=date_from, day__lte=date_to)
    return flt.apply(qs) if flt else qs


def lanes(
    thread: Thread, date_from: dt.date, date_to: dt.date, flt: EventFilter | None = None
) -> list[dict[str, Any]]:
    """Reports per day and type in the window: the lane points of the chart."""
    rows = (
        window_events(thread, date_from, date_to, flt)
        .values("day", "type")
        .annotate(n=Count("id"))
        .order_by("day", "type")
    )
    today = timezone.localdate()
    return [
        {"day": r["day"], "type": r["type"], "n": r["n"], "planned": r["day"] > today} for r in rows
    ]


_REPORT_FIELDS = (
    "id",
    "article_id",
    "type",
    "day",
    "actors",
    "targets",
    "via",
    "source_id",
    "published_at",
    "attributed_to",
    "sentence",
    "origin",
)


def group_moves(rows: Iterable[Mapping[str, Any]], *, today: dt.date | None = None) -> list[Move]:
    """Event rows (any order) grouped into moves, newest first (pure but for names).

    Rows join a move of their type when they share an actor with it (or
    neither names one) and lie within ``NEAR_DAYS`` of its days; a row that
    bridges two moves joins the first it meets.
    """
    today = today or timezone.localdate()
    names = labels.actor_names()
    outlets = labels.all_source_names()
    kinds = type_labels()
    open_moves: dict[str, list[tuple[Move, set[str]]]] = {}
    moves: list[Move] = []
    for r in sorted(rows, key=lambda r: (r["day"], r["id"])):
        people = set(r["actors"] or ()) | set(r["targets"] or ())
        report = Report(
            event_id=r["id"],
            article_id=r["article_id"],
            outlet=labels.outlet(r["source_id"], "", outlets),
            published_at=r["published_at"],
            attributed_to=r["attributed_to"],
            sentence=r["sentence"],
            origin=r["origin"],
        )
        found = None
        for move, actors in open_moves.get(r["type"], []):
            near = (r["day"] - move.last_day).days <= NEAR_DAYS
            if near and ((actors & people) or (not actors and not people)):
                found = (move, actors)
                break
        if found is None:
            move = Move(
                type=r["type"],
                label=kinds.get(r["type"], r["type"]),
                day=r["day"],
                last_day=r["day"],
                planned=r["day"] > today,
            )
            found = (move, set())
            open_moves.setdefault(r["type"], []).append(found)
            moves.append(move)
        move, actors = found
        actors |= people
        move.last_day = max(move.last_day, r["day"])
        move.reports.append(report)
        for slot in ("actors", "targets", "via"):
            have = {a["id"] for a in getattr(move, slot)}
            for actor in r[slot] or ():
                if actor not in have:
                    getattr(move, slot).append({"id": actor, "name": names.get(actor, actor)})
                    have.add(actor)
    moves.sort(key=lambda m: (m.day, m.reports[0].event_id), reverse=True)
    return moves


@dataclass
class Story:
    moves: list[Move]
    capped: bool  # more events in the window than were read: older moves are on older pages
    older_to: dt.date | None  # the date_to of the page with the older moves


def story(
    thread: Thread,
    date_from: dt.date,
    date_to: dt.date,
    flt: EventFilter | None = None,
    *,
    shown: int = MOVES_SHOWN,
) -> Story:
    """The newest moves of the window, at most ``shown``, with all their reports in it.

    Reads at most ``READ_CAP`` events, newest first. When the window holds
    more, the moves of the oldest days read may lack reports, so they are
    left to the next page, which ends where this one stopped.
    """
    rows = list(
        window_events(thread, date_from, date_to, flt)
        .order_by("-day", "-id")
        .values(*_REPORT_FIELDS)[: READ_CAP + 1]
    )
    capped = len(rows) > READ_CAP
    rows = rows[:READ_CAP]
    cut: dt.date | None = None
    if capped and rows:
        cut = rows[-1]["day"] + dt.timedelta(days=NEAR_DAYS + 1)
        rows = [r for r in rows if r["day"] >= cut] or rows
    moves = group_moves(rows)
    older_to = None
    if len(moves) > shown:
        older_to = moves[shown - 1].day - dt.timedelta(days=1)
        moves = moves[:shown]
    elif capped:
        older_to = (cut or date_from) - dt.timedelta(days=1)
    return Story(moves=moves, capped=capped, older_to=older_to)


def moves_on(
    thread: Thread, day: dt.date, type_: str, flt: EventFilter | None = None
) -> list[Move]:
    """The moves of one lane point (a day and a type), with reports from the days around it."""
    rows = (
        window_events(
            thread, day - dt.timedelta(days=NEAR_DAYS), day + dt.timedelta(days=NEAR_DAYS), flt
        )
        .filter(type=type_)
        .order_by("day", "id")
        .values(*_REPORT_FIELDS)[:READ_CAP]
    )
    moves = group_moves(rows)
    return [m for m in moves if m.day <= day <= m.last_day] or moves


def thread_actors(thread: Thread, date_from: dt.date, date_to: dt.date) -> list[dict[str, str]]:
    """Actors the window's moves name, most frequent first: the timeline's actor menu."""
    counts: dict[str, int] = {}
    for everyone in (
        window_events(thread, date_from, date_to)
        .order_by("-day")
        .values_list("everyone", flat=True)[:READ_CAP]
    ):
        for actor in everyone or ():
            counts[actor] = counts.get(actor, 0) + 1
    names = labels.actor_names()
    return [
        {"id": a, "name": names.get(a, a), "count": n}
        for a, n in sorted(counts.items(), key=lambda kv: (-kv[1], names.get(kv[0], kv[0])))
    ]


def article_events(article_id: int) -> list[Event]:
    """An article's events in text order, for the article page and its corrections."""
    return list(Event.objects.filter(article_id=article_id).order_by("start", "type", "id"))


@dataclass
class Changes:
    """What changed in a thread in the days up to ``until``."""

    since: dt.date
    until: dt.date
    counts: list[tuple[str, str, int]]  # (type, label, moves)
    new_mediators: list[dict[str, Any]]
    states: list[Any]  # ThreadState runs that started in the span

    @property
    def empty(self) -> bool:
        return not (self.counts or self.new_mediators or self.states)


def recent_changes(thread: Thread, *, until: dt.date, days: int = 7) -> Changes:
    """New moves by type, mediators acting for the first time, and state changes.

    ``until`` is the newest day of the thread's coverage (at most today), so
    an archive that stopped in the past still says what its last week
    brought.
    """
    from articles.models import RoleMonth, ThreadState

    since = until - dt.timedelta(days=days - 1)
    rows = (
        window_events(thread, since, until)
        .order_by("-day", "-id")
        .values(*_REPORT_FIELDS)[:READ_CAP]
    )
    moves = group_moves(rows)
    kinds = type_labels()
    per_type: dict[str, int] = {}
    for m in moves:
        per_type[m.type] = per_type.get(m.type, 0) + 1
    counts = [(t, kinds[t], per_type[t]) for t in TYPES if t in per_type]
    firsts = (
        RoleMonth.objects.filter(thread=thread, role=RoleMonth.Role.MEDIATOR)
        .values("actor")
        .annotate(first=Min("first_day"))
        .filter(first__gte=since, first__lte=until)
    )
    names = labels.actor_names()
    new_mediators = [
        {"id": r["actor"], "name": names.get(r["actor"], r["actor"]), "first": r["first"]}
        for r in firsts
    ]
    states = list(
        ThreadState.objects.filter(thread=thread, start__gte=since, start__lte=until).order_by(
            "start"
        )
    )
    return Changes(since, until, counts, new_mediators, states)


def newest_day(thread: Thread) -> dt.date | None:
    """The newest day up to today on which the thread had a move or an article."""
    today = timezone.localdate()
    day = (
        Event.objects.filter(thread=thread, day__lte=today)
        .order_by("-day")
        .values_list("day", flat=True)
        .first()
    )
    last = thread.last_date if thread.last_date and thread.last_date <= today else None
    candidates = [d for d in (day, last) if d is not None]
    return max(candidates) if candidates else None


def filter_q(flt: EventFilter) -> Q:
    """The filter as a ``Q`` on events, for callers building their own queryset (the API)."""
    q = Q()
    if flt.types:
        q &= Q(type__in=flt.types)
    if flt.actors:
        q &= Q(everyone__overlap=flt.actors)
    return q
