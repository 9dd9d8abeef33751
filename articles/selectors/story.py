"""The story part of a thread page in one read: moves, lanes, state, roles, what changed.

Each piece is an indexed read of the thread's own rows, and the pieces
share what they read: the window's events feed the lanes, the moves and
the actor menu; the thread's state runs feed the band, the header and the
week's changes; its role months feed the role history and the new
mediators. Four statements in the default view (the thread's runs, role
months and milestones together; the window's newest events; its lane
counts; the newest day of a planned move for the window itself), a few
more under a filter, whatever the size of the archive.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from django.db import connection
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
    to_the_end: bool = False,
) -> ThreadStory:
    """Everything the story part of the thread page shows, for one window and filter.

    ``to_the_end``: the window reaches the thread's latest move (no end date
    was asked for), which lets the week's changes reuse the window's rows.
    """
    from .threads import latest_date

    runs, role_rows, milestones = _thread_rows(thread, date_from, date_to)
    current = next((r for r in runs if r.end is None), None)
    rows, capped = events.window_rows(thread, date_from, date_to, flt)
    # Lanes from the day rollup; with an actor chosen, from the newest matching events.
    points = events.lanes_of(rows) if flt.actors else events.lanes(thread, date_from, date_to, flt)
    today = timezone.localdate()
    if to_the_end and not flt.active:
        # The window reaches the thread's end: its newest lane point is its newest move.
        last_move = max((p["day"] for p in points if p["day"] <= today), default=None)
    else:
        last_move = thread_state.last_moves([thread.pk]).get(thread.pk)
    actors = (
        events.thread_actors(thread, date_from, date_to) if flt.active else events.actors_of(rows)
    )
    for a in actors:
        a["checked"] = a["id"] in flt.actors
    week = dt.timedelta(days=events.WEEK_DAYS - 1)
    # The newest day of the thread's reports (its newest article), at most today.
    until = min(thread.last_date, today) if thread.last_date else last_move
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
        changes=events.recent_changes(
            thread,
            until=until,
            runs=runs,
            role_rows=role_rows,
            read=rows
            if events.week_is_read(
                rows, capped, (date_from, date_to), until, flt, to_the_end=to_the_end
            )
            else None,
            points=points
            if not flt.active and date_from <= until - week and until <= date_to
            else None,
            may_read=False,
        )
        if until
        else None,
        milestones=milestones,
    )


# A thread's state runs, role months and the window's milestones in one statement:
# three small indexed reads, one round trip.
_THREAD_ROWS_SQL = """
SELECT
  (SELECT json_agg(json_build_array(id, state, start, "end", cause) ORDER BY start)
     FROM articles_threadstate WHERE thread_id = %(t)s),
  (SELECT json_agg(json_build_array(actor, role, month, first_day, last_day, articles, events))
     FROM articles_rolemonth WHERE thread_id = %(t)s),
  (SELECT json_agg(json_build_array(id, date, label_ar, label_en) ORDER BY date)
     FROM articles_milestone WHERE thread_id = %(t)s AND date BETWEEN %(a)s AND %(b)s)
"""


def _thread_rows(
    thread: Thread, date_from: dt.date, date_to: dt.date
) -> tuple[list[ThreadState], list[RoleMonth], list[Milestone]]:
    with connection.cursor() as cur:
        cur.execute(_THREAD_ROWS_SQL, {"t": thread.pk, "a": date_from, "b": date_to})
        runs, roles, milestones = (
            json.loads(v) if isinstance(v, str) else (v or []) for v in cur.fetchone()
        )
    day = dt.date.fromisoformat
    return (
        [
            ThreadState(
                id=pk, thread_id=thread.pk, state=state, start=day(start),
                end=day(end) if end else None, cause=cause,
            )
            for pk, state, start, end, cause in runs
        ],
        [
            RoleMonth(
                thread_id=thread.pk, actor=actor, role=role, month=day(month),
                first_day=day(first), last_day=day(last), articles=n_articles, events=n_events,
            )
            for actor, role, month, first, last, n_articles, n_events in roles
        ],
        [
            Milestone(id=pk, thread_id=thread.pk, date=day(on), label_ar=ar, label_en=en)
            for pk, on, ar, en in milestones
        ],
    )  # fmt: skip
