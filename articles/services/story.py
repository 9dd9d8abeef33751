"""Keep a thread's story read models in step with its articles and events.

Lane counts (``EventDay``) and role history (``RoleMonth``) are refreshed
per (thread, month) that a write touched; thread states (``ThreadState``)
per thread. All are
recomputed from the rows, never adjusted by increments, so refreshing
twice gives the same result and a lost worker's half-done chunk leaves
nothing to repair: its transaction rolled back with the events.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db import connection

from articles.models import EventDay, RoleMonth, ThreadState


def month_of(day: dt.date) -> dt.date:
    return day.replace(day=1)


def months_of(pairs: Iterable[tuple[int | None, dt.date | None]]) -> set[tuple[int, dt.date]]:
    """(thread, day) pairs as (thread, first day of the month), dropping the incomplete ones."""
    return {(t, month_of(d)) for t, d in pairs if t is not None and d is not None}


def refresh(pairs: set[tuple[int, dt.date]]) -> None:
    """Role months of the given (thread, month) pairs, then the states of their threads."""
    from articles.services import role_history, thread_state

    if not pairs:
        return
    refresh_event_days(pairs)
    role_history.refresh_months(pairs)
    thread_state.refresh_states({t for t, _ in pairs})


def refresh_event_days(pairs: set[tuple[int, dt.date]]) -> None:
    """Count the events per day and type again for the given (thread, month) pairs.

    One statement each to drop and to count, by an index-only scan of
    ``event_thread_day_idx`` over the pairs' months.
    """
    ordered = sorted(pairs)
    threads = [t for t, _ in ordered]
    firsts = [m for _, m in ordered]
    nexts = [next_month(m) for m in firsts]
    with connection.cursor() as cur:
        cur.execute(
            """
            DELETE FROM articles_eventday d
            USING unnest(%s::bigint[], %s::date[], %s::date[]) AS v(t, lo, hi)
            WHERE d.thread_id = v.t AND d.day >= v.lo AND d.day < v.hi
            """,
            [threads, firsts, nexts],
        )
        cur.execute(
            """
            INSERT INTO articles_eventday (thread_id, day, type, reports)
            SELECT e.thread_id, e.day, e.type, count(*)
            FROM unnest(%s::bigint[], %s::date[], %s::date[]) AS v(t, lo, hi)
            JOIN articles_event e ON e.thread_id = v.t AND e.day >= v.lo AND e.day < v.hi
            GROUP BY 1, 2, 3
            """,
            [threads, firsts, nexts],
        )


def next_month(day: dt.date) -> dt.date:
    return (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)


def rebuild_threads(thread_ids: Iterable[int]) -> None:
    """Everything of whole threads again: after a merge, a bulk load, or by hand."""
    from articles.services import role_history, thread_state

    ids = set(thread_ids)
    if not ids:
        return
    RoleMonth.objects.filter(thread_id__in=ids).delete()
    EventDay.objects.filter(thread_id__in=ids).delete()
    with connection.cursor() as cur:
        cur.execute(
            """
            INSERT INTO articles_eventday (thread_id, day, type, reports)
            SELECT thread_id, day, type, count(*) FROM articles_event
            WHERE thread_id = ANY(%s) AND day IS NOT NULL GROUP BY 1, 2, 3
            """,
            [sorted(ids)],
        )
    role_history.refresh_months(role_history.months_with_articles(ids))
    thread_state.refresh_states(ids)


def forget_threads(thread_ids: Iterable[int]) -> None:
    """Drop the read models of threads that no longer hold articles (merged into another)."""
    ids = set(thread_ids)
    RoleMonth.objects.filter(thread_id__in=ids).delete()
    EventDay.objects.filter(thread_id__in=ids).delete()
    ThreadState.objects.filter(thread_id__in=ids).delete()
