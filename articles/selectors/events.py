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

from django.db import connection
from django.db.models import QuerySet
from django.db.models.functions import Substr
from django.urls import get_script_prefix
from django.utils import timezone

from articles.models import Event, EventType, Thread

from . import labels

NEAR_DAYS = 2
READ_CAP = 120  # events read for the story list of one window, or a week's moves
MOVES_SHOWN = 15
REPORTS_SHOWN = 5  # reports listed under a move; the count says how many more
MAX_FILTER_IDS = 12
WEEK_DAYS = 7
REPORT_LAG = dt.timedelta(days=7)  # how far before its report a move's own date usually lies
_PLAN_AHEAD = dt.timedelta(days=366)  # the furthest ahead a move is placed (services.events)
TYPES = tuple(EventType.values)


@dataclass
class Report:
    """One outlet's report of a move: one event row."""

    event_id: int
    article_id: int
    url: str
    outlet: str
    published_at: dt.datetime | None
    attributed_to: str
    sentence: str
    origin: str


@dataclass
class Move:
    """One move of the story, with every report of it, oldest report first.

    What the page says of it (first outlet, outlets, sentence, single
    source) is worked out once by ``finish`` when the grouping is done.
    """

    type: str
    label: str
    day: dt.date
    last_day: dt.date
    actors: list[dict[str, str]] = field(default_factory=list)
    targets: list[dict[str, str]] = field(default_factory=list)
    via: list[dict[str, str]] = field(default_factory=list)
    reports: list[Report] = field(default_factory=list)
    planned: bool = False
    outlets: list[str] = field(default_factory=list)
    sentence: str = ""
    single_source: bool = True
    attributions: list[str] = field(default_factory=list)
    corrected: bool = False

    @property
    def key(self) -> str:
        """The lane point the move sits on (``day|type``): the chart finds it by this."""
        return f"{self.day.isoformat()}|{self.type}"

    @property
    def first(self) -> Report:
        return self.reports[0]

    @property
    def shown_reports(self) -> list[Report]:
        return self.reports[:REPORTS_SHOWN]

    @property
    def more_reports(self) -> int:
        return max(0, len(self.reports) - REPORTS_SHOWN)

    def finish(self) -> Move:
        self.reports.sort(key=lambda r: (r.published_at is None, r.published_at, r.event_id))
        seen: dict[str, None] = {}
        sources: set[str] = set()
        attributions: set[str] = set()
        for r in self.reports:
            if r.outlet:
                seen.setdefault(r.outlet, None)
            sources.add(r.outlet or f"#{r.article_id}")  # an article with no outlet: its own
            if r.attributed_to:
                attributions.add(r.attributed_to)
            if r.origin == Event.Origin.ANALYST:
                self.corrected = True
            if not self.sentence and r.sentence:
                self.sentence = r.sentence
        self.outlets = list(seen)
        self.single_source = len(sources) <= 1
        self.attributions = sorted(attributions)
        return self


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
    """Reports per day and type in the window, from the ``EventDay`` rollup.

    The rollup knows types, not actors: with an actor chosen, the lanes are
    counted from the window's newest matching events instead (``lanes_of``).
    """
    types = list(flt.types) if flt is not None and flt.types else None
    with connection.cursor() as cur:  # a few hundred rows, on every thread page: no ORM
        cur.execute(
            "SELECT day, type, reports FROM articles_eventday"
            " WHERE thread_id = %s AND day BETWEEN %s AND %s"
            " AND (%s::text[] IS NULL OR type = ANY(%s::text[])) ORDER BY day, type",
            [thread.pk, date_from, date_to, types, types],
        )
        found = cur.fetchall()
    today = timezone.localdate()
    return [{"day": d, "type": t, "n": n, "planned": d > today} for d, t, n in found]


SENTENCE_SHOWN = 280  # characters of a report's sentence the page shows
# The sentence, cut where the page cuts it: the widest column, read only that far.
_SHORT = Substr("sentence", 1, SENTENCE_SHOWN)
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
    "origin",
)


def group_moves(rows: Iterable[Mapping[str, Any]], *, today: dt.date | None = None) -> list[Move]:
    """Event rows (any order) grouped into moves, newest first (pure but for names).

    Rows join a move of their type when they share an actor with it (or
    neither names one) and lie within ``NEAR_DAYS`` of its days; a row that
    bridges two moves joins the first it meets.
    """
    today = today or timezone.localdate()
    prefix = get_script_prefix()
    names = labels.actor_names()
    outlets = labels.all_source_names()
    kinds = type_labels()
    open_moves: dict[str, list[tuple[Move, set[str]]]] = {}
    moves: list[Move] = []
    slots: dict[int, dict[str, set[str]]] = {}  # per move, the ids each slot already lists
    for r in sorted(rows, key=lambda r: (r["day"], r["id"])):
        people = set(r["actors"] or ()) | set(r["targets"] or ())
        report = Report(
            event_id=r["id"],
            article_id=r["article_id"],
            url=labels.link("article", r["article_id"], prefix),
            outlet=labels.outlet(r["source_id"], "", outlets),
            published_at=r["published_at"],
            attributed_to=r["attributed_to"],
            sentence=r.get("short") or r.get("sentence", ""),
            origin=r["origin"],
        )
        found = None
        # Rows come oldest first: a move last reported too long ago is closed for good.
        candidates = [
            (move, actors)
            for move, actors in open_moves.get(r["type"], [])
            if (r["day"] - move.last_day).days <= NEAR_DAYS
        ]
        open_moves[r["type"]] = candidates
        for move, actors in candidates:
            if (actors & people) or (not actors and not people):
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
        have_by_slot = slots.setdefault(id(move), {"actors": set(), "targets": set(), "via": set()})
        for slot in ("actors", "targets", "via"):
            have = have_by_slot[slot]
            for actor in r[slot] or ():
                if actor not in have:
                    getattr(move, slot).append(
                        {
                            "id": actor,
                            "name": names.get(actor, actor),
                            "url": labels.link("actor", actor, prefix),
                        }
                    )
                    have.add(actor)
    for move in moves:
        move.finish()
    moves.sort(key=lambda m: (m.day, m.reports[0].event_id), reverse=True)
    return moves


@dataclass
class Story:
    moves: list[Move]
    capped: bool  # more events in the window than were read: older moves are on older pages
    older_to: dt.date | None  # the date_to of the page with the older moves


def window_rows(
    thread: Thread,
    date_from: dt.date,
    date_to: dt.date,
    flt: EventFilter | None = None,
    *,
    cap: int = READ_CAP,
) -> tuple[list[dict[str, Any]], bool]:
    """The newest ``cap`` events of the window as report rows (no sentences), and whether
    there were more."""
    rows = list(
        window_events(thread, date_from, date_to, flt)
        .order_by("-day", "-id")
        .annotate(short=_SHORT)
        .values(*_REPORT_FIELDS, "reported_on", "short")[: cap + 1]
    )
    return rows[:cap], len(rows) > cap


def story_of(
    rows: list[dict[str, Any]], capped: bool, date_from: dt.date, *, shown: int = MOVES_SHOWN
) -> Story:
    """The newest moves among the window's rows (newest first), at most ``shown``.

    When the window held more rows than were read, the moves of the oldest
    days read may lack reports, so they are left to the next page, which
    ends where this one stopped.
    """
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


def story(
    thread: Thread,
    date_from: dt.date,
    date_to: dt.date,
    flt: EventFilter | None = None,
    *,
    shown: int = MOVES_SHOWN,
) -> Story:
    """The newest moves of the window, at most ``shown``, with all their reports in it."""
    rows, capped = window_rows(thread, date_from, date_to, flt)
    return story_of(rows, capped, date_from, shown=shown)


def lanes_of(rows: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Lane points counted from rows already read (the whole window's, when not capped)."""
    counts: dict[tuple[dt.date, str], int] = {}
    for r in rows:
        counts[(r["day"], r["type"])] = counts.get((r["day"], r["type"]), 0) + 1
    today = timezone.localdate()
    return [
        {"day": day, "type": type_, "n": n, "planned": day > today}
        for (day, type_), n in sorted(counts.items())
    ]


def actors_of(rows: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Actors named by the rows, most frequent first: the timeline's actor menu."""
    counts: dict[str, int] = {}
    for r in rows:
        for actor in {*(r["actors"] or ()), *(r["targets"] or ()), *(r["via"] or ())}:
            counts[actor] = counts.get(actor, 0) + 1
    names = labels.actor_names()
    return [
        {"id": a, "name": names.get(a, a), "count": n}
        for a, n in sorted(counts.items(), key=lambda kv: (-kv[1], names.get(kv[0], kv[0])))
    ]


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
        .annotate(short=_SHORT)
        .values(*_REPORT_FIELDS, "short")[:READ_CAP]
    )
    moves = group_moves(rows)
    return [m for m in moves if m.day <= day <= m.last_day] or moves


def thread_actors(thread: Thread, date_from: dt.date, date_to: dt.date) -> list[dict[str, Any]]:
    """Actors the window's newest moves name, most frequent first (whatever the filter)."""
    rows, _ = window_rows(thread, date_from, date_to)
    return actors_of(rows)


def article_events(article_id: int) -> list[Event]:
    """An article's events in text order, for the article page and its corrections."""
    return list(Event.objects.filter(article_id=article_id).order_by("start", "type", "id"))


@dataclass
class Changes:
    """What changed in a thread in the days up to ``until``."""

    since: dt.date
    until: dt.date
    counts: list[tuple[str, str, int]]  # (type, label, moves or reports)
    new_mediators: list[dict[str, Any]]
    states: list[Any]  # ThreadState runs that started in the span
    unit: str = "moves"  # "reports" when the week was too busy to group into moves

    @property
    def empty(self) -> bool:
        return not (self.counts or self.new_mediators or self.states)


def recent_changes(
    thread: Thread,
    *,
    until: dt.date,
    runs: Iterable[Any],
    role_rows: Iterable[Any],
    days: int = WEEK_DAYS,
    read: list[dict[str, Any]] | None = None,
    points: list[dict[str, Any]] | None = None,
    may_read: bool = True,
) -> Changes:
    """New moves by type, mediators acting for the first time, and state changes.

    ``until`` is the newest day of the thread's coverage (at most today), so
    an archive that stopped in the past still says what its last week
    brought. ``runs`` and ``role_rows`` are the thread's state runs and role
    months, already read for the page; ``read``, when given, are unfiltered
    rows of the window that hold every event reported in those days (see
    ``week_is_read``); ``points``, the window's unfiltered lane counts, when
    they cover the week.

    A week of up to ``READ_CAP`` reports is grouped into moves; a busier one
    is counted in reports from the day rollup, which costs the same whatever
    the week held. So is a week whose rows were not read along with the
    window when ``may_read`` is off (the thread page keeps to its reads).
    """
    since = until - dt.timedelta(days=days - 1)
    if points is None:
        points = lanes(thread, since, until)
    week = [p for p in points if since <= p["day"] <= until]
    kinds = type_labels()
    per_type: dict[str, int] = {}
    unit = "moves"
    if sum(p["n"] for p in week) > READ_CAP or (read is None and not may_read):
        unit = "reports"
        for p in week:
            per_type[p["type"]] = per_type.get(p["type"], 0) + p["n"]
    else:
        # Moves reported in these days: placed on them, a few days before (a date in
        # the text), or ahead of them (a round planned for later).
        if read is None:
            read = list(
                window_events(thread, since - REPORT_LAG, until + _PLAN_AHEAD)
                .filter(reported_on__gte=since, reported_on__lte=until)
                .order_by("-day", "-id")
                .values(*_REPORT_FIELDS, "reported_on")[:READ_CAP]
            )
        # A move told again this week but placed weeks before is an old move, not new.
        rows = [
            r for r in read if since <= r["reported_on"] <= until and r["day"] >= since - REPORT_LAG
        ]
        for m in group_moves(rows):
            per_type[m.type] = per_type.get(m.type, 0) + 1
    counts = [(t, kinds[t], per_type[t]) for t in TYPES if t in per_type]
    firsts: dict[str, dt.date] = {}
    for r in role_rows:
        if r.role == "mediator" and (r.actor not in firsts or r.first_day < firsts[r.actor]):
            firsts[r.actor] = r.first_day
    names = labels.actor_names()
    new_mediators = [
        {"id": a, "name": names.get(a, a), "first": day}
        for a, day in sorted(firsts.items(), key=lambda kv: kv[1])
        if since <= day <= until
    ]
    states = [r for r in runs if since <= r.start <= until]
    return Changes(since, until, counts, new_mediators, states, unit)


def week_is_read(
    rows: list[dict[str, Any]],
    capped: bool,
    window: tuple[dt.date, dt.date],
    until: dt.date,
    flt: EventFilter,
    *,
    to_the_end: bool,
) -> bool:
    """Whether the window's rows hold every event reported in the week up to ``until``.

    ``to_the_end``: the window reaches the thread's latest move (the default
    window does), so no move reported that week lies beyond it.
    """
    since = until - dt.timedelta(days=WEEK_DAYS - 1)
    first, last = window
    if flt.active or first > since - REPORT_LAG or not (to_the_end or last >= until + _PLAN_AHEAD):
        return False
    return not capped or (bool(rows) and rows[-1]["day"] < since - REPORT_LAG)


def story_end(thread: Thread, last: dt.date | None) -> dt.date | None:
    """``last``, or the day of the thread's latest move when it lies beyond (a planned round)."""
    with connection.cursor() as cur:  # one backward probe of event_thread_day_idx
        cur.execute(
            "SELECT day FROM articles_event WHERE thread_id = %s AND day > %s"
            " ORDER BY day DESC LIMIT 1",
            [thread.pk, last or dt.date.min],
        )
        beyond = cur.fetchone()
    return beyond[0] if beyond else last
