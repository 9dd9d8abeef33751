"""Thread state for pages: the band over the timeline, current states, and which threads moved.

States are stored as runs (``ThreadState``, kept on write by
``services.thread_state``). A thread's **status** is read from its state
and how recently it moved, measured against the newest article in the
store (as the sparklines are), so an archive that stops in the past still
shows which of its threads were moving at its end:

- ``proposed`` and ``concluded`` are an admin's word and stand;
- ``stalled``: the current state is stalled;
- ``active``: a move, or else an article, within ``RECENT_DAYS``;
- ``quiet``: coverage, but nothing within ``RECENT_DAYS``;
- ``empty``: no article at all.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db import connection
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from articles.models import Thread, ThreadState

from . import labels

RECENT_DAYS = 30

STATUS_LABELS = {
    "active": _("Active"),
    "stalled": _("Stalled"),
    "quiet": _("Quiet"),
    "empty": _("No coverage"),
    "proposed": _("Proposed"),
    "concluded": _("Concluded"),
}
STATE_LABELS = dict(ThreadState.State.choices)


@dataclass
class BandRun:
    state: str
    label: str
    start: dt.date
    end: dt.date  # clipped to the window
    since: dt.date  # the run's own first day
    open: bool  # the current run


def band(thread: Thread, date_from: dt.date, date_to: dt.date) -> list[BandRun]:
    """The state runs overlapping the window, clipped to it, oldest first."""
    runs = (
        ThreadState.objects.filter(thread=thread, start__lte=date_to)
        .exclude(end__lt=date_from)
        .order_by("start")
    )
    return band_of(runs, date_from, date_to)


def band_of(runs: Iterable[ThreadState], date_from: dt.date, date_to: dt.date) -> list[BandRun]:
    """Runs (any, oldest first) as the band of a window: those overlapping it, clipped."""
    today = timezone.localdate()
    out = []
    for r in runs:
        if r.start > date_to or (r.end is not None and r.end < date_from):
            continue
        end = r.end or max(today, r.start)
        out.append(
            BandRun(
                state=r.state,
                label=str(STATE_LABELS.get(r.state, r.state)),
                start=max(r.start, date_from),
                end=min(end, date_to),
                since=r.start,
                open=r.end is None,
            )
        )
    return out


def current_states(thread_ids: list[int]) -> dict[int, ThreadState]:
    """Each thread's current run (one index probe per thread)."""
    if not thread_ids:
        return {}
    runs = ThreadState.objects.filter(thread_id__in=thread_ids, end__isnull=True)
    return {r.thread_id: r for r in runs}


def last_moves(thread_ids: list[int]) -> dict[int, dt.date]:
    """The newest day up to today with a move, per thread (one backward index probe each)."""
    if not thread_ids:
        return {}
    with connection.cursor() as cur:
        cur.execute(
            """
            SELECT t.id, (SELECT e.day FROM articles_event e
                          WHERE e.thread_id = t.id AND e.day <= %s
                          ORDER BY e.day DESC LIMIT 1)
            FROM unnest(%s::bigint[]) AS t(id)
            """,
            [timezone.localdate(), thread_ids],
        )
        return {tid: day for tid, day in cur.fetchall() if day is not None}


def status(
    thread: Thread,
    state: ThreadState | None,
    last_move: dt.date | None,
    reference: dt.date | None,
) -> str:
    """The thread's status from its state and how recently it moved (see the module's rules)."""
    if thread.status in (Thread.Status.PROPOSED, Thread.Status.CONCLUDED):
        return thread.status
    if state is not None and state.state == ThreadState.State.STALLED:
        return "stalled"
    moved = last_move or thread.last_date
    if moved is None:
        return "empty"
    if reference is None or (reference - moved).days <= RECENT_DAYS:
        return "active"
    return "quiet"


@dataclass
class ThreadRow:
    """A thread with what lists show of its story."""

    thread: Thread
    name: str
    status: str
    status_label: str
    state: str
    state_label: str
    state_since: dt.date | None
    last_move: dt.date | None

    @property
    def moved(self) -> dt.date | None:
        """The newest day with a move, or failing that with an article."""
        return self.last_move or self.thread.last_date


def thread_rows(threads: list[Thread], *, reference: dt.date | None = None) -> list[ThreadRow]:
    """State, status and last move of each thread, in two statements for the whole list."""
    if reference is None:
        from .threads import latest_date

        reference = latest_date()
    ids = [t.pk for t in threads]
    states = current_states(ids)
    moves = last_moves(ids)
    return [row_of(t, states.get(t.pk), moves.get(t.pk), reference) for t in threads]


def row_of(
    thread: Thread,
    current: ThreadState | None,
    last_move: dt.date | None,
    reference: dt.date | None,
) -> ThreadRow:
    """One thread's list row from its current run and its newest move."""
    code = status(thread, current, last_move, reference)
    return ThreadRow(
        thread=thread,
        name=labels.thread_name(thread),
        status=code,
        status_label=str(STATUS_LABELS[code]),
        state=current.state if current else "",
        state_label=str(STATE_LABELS.get(current.state, "")) if current else "",
        state_since=current.start if current else None,
        last_move=last_move,
    )


def moving_threads(limit: int = 8) -> list[ThreadRow]:
    """Threads that moved lately, the most recent first: the home page's list.

    Candidates are the threads with the newest articles or states; a thread
    with no coverage never shows.
    """
    from .threads import latest_date

    reference = latest_date()
    candidates = list(
        Thread.objects.filter(merged_into__isnull=True, last_date__isnull=False)
        .exclude(status__in=[Thread.Status.PROPOSED, Thread.Status.CONCLUDED])
        .only("pk", "key", "name_ar", "name_en", "last_date", "status")
        .order_by("-last_date", "name_en")[: limit * 4]
    )
    rows = [
        r
        for r in thread_rows(candidates, reference=reference)
        if r.status in ("active", "stalled")
        and (reference is None or r.moved and (reference - r.moved).days <= RECENT_DAYS)
    ]
    rows.sort(key=lambda r: (r.moved or dt.date.min, r.thread.pk), reverse=True)
    return rows[:limit]


def home_threads(limit: int = 8) -> list[dict[str, Any]]:
    """The threads that moved lately, each with its weekly coverage series for a sparkline."""
    from .threads import latest_date, weekly_series

    rows = moving_threads(limit)
    end = latest_date() or timezone.localdate()
    series = weekly_series([r.thread.pk for r in rows], end=end) if rows else {}
    return [
        {"thread": r.thread, "name": r.name, "row": r, "series": series.get(r.thread.pk, [])}
        for r in rows
    ]


def status_choices() -> list[tuple[str, Any]]:
    return list(STATUS_LABELS.items())


def state_changes_on(day: dt.date) -> list[ThreadState]:
    """Runs that started on ``day``: "the state of thread T changed on day D" (for alerts)."""
    return list(ThreadState.objects.filter(start=day).select_related("thread"))
