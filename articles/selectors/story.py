"""The story part of a thread page in one read: moves, lanes, state, roles, what changed.

Each piece is an indexed read of the thread's own rows, and the pieces
share what they read: the window's events feed the lanes, the moves and
the actor menu; the thread's state runs feed the band, the header and the
week's changes; its role months feed the role history and the new
mediators. Seven statements in all, whatever the size of the archive.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from articles.models import Milestone, RoleMonth, Thread, ThreadState

from . import events, role_history, thread_state


@dataclass
class ThreadStory:
    filter: events.EventFilter
    row: thread_state.ThreadRow
    points: list[dict[str, Any]]
    story: events.Story
    actors: list[dict[str, Any]]
    band: list[thread_state.BandRun]
    roles: list[role_history.ActorRoles]
    changes: events.Changes | None
    milestones: list[Milestone]


def thread_story(
    thread: Thread,
    date_from: dt.date,
    date_to: dt.date,
    flt: events.EventFilter,
    *,
    reference: dt.date | None = None,
) -> ThreadStory:
    """Everything the story part of the thread page shows, for one window and filter."""
    from .threads import latest_date

    runs = list(ThreadState.objects.filter(thread=thread).order_by("start"))
    current = next((r for r in runs if r.end is None), None)
    last_move = thread_state.last_moves([thread.pk]).get(thread.pk)
    rows, capped = events.window_rows(thread, date_from, date_to, flt)
    points = events.lanes(thread, date_from, date_to, flt) if capped else events.lanes_of(rows)
    actors = (
        events.thread_actors(thread, date_from, date_to) if flt.active else events.actors_of(rows)
    )
    for a in actors:
        a["checked"] = a["id"] in flt.actors
    role_rows = list(RoleMonth.objects.filter(thread=thread))
    # The newest day of the thread's reports (its newest article), at most today.
    until = min(thread.last_date, timezone.localdate()) if thread.last_date else last_move
    return ThreadStory(
        filter=flt,
        row=thread_state.row_of(
            thread, current, last_move, reference if reference is not None else latest_date()
        ),
        points=points,
        story=events.story_of(rows, capped, date_from),
        actors=actors,
        band=thread_state.band_of(runs, date_from, date_to),
        roles=role_history.roles_of(role_rows),
        changes=events.recent_changes(thread, until=until, runs=runs, role_rows=role_rows)
        if until
        else None,
        milestones=list(
            thread.milestones.filter(date__gte=date_from, date__lte=date_to).order_by("date")
        ),
    )
