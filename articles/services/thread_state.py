"""Thread state on write: the day-by-day state of a negotiation, derived from its events.

The rules (also in docs/events.md) read each day's moves in date order.
A move counts on its *effective day*: the earlier of its own date and the
day it was reported, so a round planned for next month counts the day it
was announced, and nothing counts before it is known.

1. an agreement → ``agreement``;
2. else an implementation step → ``implementation``;
3. else a suspension (talks broken off, a team recalled, a walk-out, a
   truce collapsing) → ``stalled``, even if the same day saw a proposal
   or a round: the day ends with the table empty;
4. else a proposal, acceptance or rejection → ``bargaining`` (after an
   agreement this is the bargaining over its next phase);
5. else talks held or planned, or an offer to mediate → ``contacts`` when
   the thread had no state or was stalled; otherwise the state holds
   (rounds go on inside bargaining and under an agreement);
6. else an accusation → ``stalled`` when no talks, bargaining, agreement
   or implementation was reported in the ``ACCUSATION_GRACE`` days before:
   sides blame each other while they bargain, and that alone stalls
   nothing;
7. denials and resolutions change nothing by themselves.

A run starts on the day the state changed; the same state reached again
later starts a new run.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass

from django.db import connection
from django.utils import timezone

from articles.models import ThreadState

S = ThreadState.State
ACCUSATION_GRACE = dt.timedelta(days=7)
TALKS = ("talks_held", "talks_planned", "mediation_offer")
BARGAINING = ("proposal", "acceptance", "rejection")
ENGAGED = (*TALKS, *BARGAINING, "agreement", "implementation")


@dataclass(frozen=True)
class Run:
    state: str
    start: dt.date
    end: dt.date | None
    cause: str


def _first(day: Counter, types: tuple[str, ...]) -> str:
    return next((t for t in types if day.get(t)), "")


def derive_runs(days: Mapping[dt.date, Counter], *, today: dt.date | None = None) -> list[Run]:
    """The state runs of one thread from its move counts per effective day (pure)."""
    state: str | None = None
    engaged: dt.date | None = None
    starts: list[tuple[str, dt.date, str]] = []
    for day in sorted(days):
        if today is not None and day > today:
            break
        moves = days[day]
        new, cause = state, ""
        if moves.get("agreement"):
            new, cause = S.AGREEMENT, "agreement"
        elif moves.get("implementation"):
            new, cause = S.IMPLEMENTATION, "implementation"
        elif moves.get("suspension"):
            new, cause = S.STALLED, "suspension"
        elif cause := _first(moves, BARGAINING):
            new = S.BARGAINING
        elif cause := _first(moves, TALKS):
            if state in (None, S.STALLED):
                new = S.CONTACTS
        elif moves.get("accusation") and (engaged is None or day - engaged > ACCUSATION_GRACE):
            new, cause = S.STALLED, "accusation"
        if _first(moves, ENGAGED):
            engaged = day
        if new is not None and new != state:
            starts.append((new, day, cause))
            state = new
    return [
        Run(
            state=st,
            start=start,
            end=starts[i + 1][1] - dt.timedelta(days=1) if i + 1 < len(starts) else None,
            cause=cause,
        )
        for i, (st, start, cause) in enumerate(starts)
    ]


def refresh_states(thread_ids: set[int]) -> int:
    """Derive the state runs of these threads again and store what changed; returns changes.

    Runs that stay the same keep their row (and the moment they were first
    noticed); only new, moved or vanished runs are written.
    """
    if not thread_ids:
        return 0
    days: dict[int, dict[dt.date, Counter]] = defaultdict(lambda: defaultdict(Counter))
    with connection.cursor() as cur:
        # An index-only scan of event_thread_day_idx (type and reported_on included).
        cur.execute(
            """
            SELECT thread_id, LEAST(day, reported_on) AS d, type, count(*)
            FROM articles_event
            WHERE thread_id = ANY(%s) AND (day IS NOT NULL OR reported_on IS NOT NULL)
            GROUP BY 1, 2, 3
            """,
            [sorted(thread_ids)],
        )
        for thread_id, day, type_, n in cur.fetchall():
            days[thread_id][day][type_] += n
    today = timezone.localdate()
    existing: dict[int, dict[dt.date, ThreadState]] = defaultdict(dict)
    for row in ThreadState.objects.filter(thread_id__in=thread_ids):
        existing[row.thread_id][row.start] = row
    create: list[ThreadState] = []
    update: list[ThreadState] = []
    drop: list[int] = []
    for thread_id in thread_ids:
        runs = {r.start: r for r in derive_runs(days.get(thread_id, {}), today=today)}
        old = existing.get(thread_id, {})
        for start, row in old.items():
            run = runs.get(start)
            if run is None or run.state != row.state:
                drop.append(row.pk)
            elif (row.end, row.cause) != (run.end, run.cause):
                row.end, row.cause = run.end, run.cause
                update.append(row)
        for start, run in runs.items():
            if start not in old or old[start].pk in drop:
                create.append(
                    ThreadState(
                        thread_id=thread_id,
                        state=run.state,
                        start=start,
                        end=run.end,
                        cause=run.cause,
                    )
                )
    if drop:
        ThreadState.objects.filter(pk__in=drop).delete()
    if update:
        ThreadState.objects.bulk_update(update, ["end", "cause"])
    if create:
        ThreadState.objects.bulk_create(create)
    return len(drop) + len(update) + len(create)
