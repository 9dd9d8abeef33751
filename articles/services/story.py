"""Keep a thread's story read models in step with its articles and events.

Role history (``RoleMonth``) is refreshed per (thread, month) that a
write touched; thread states (``ThreadState``) per thread. Both are
recomputed from the rows, never adjusted by increments, so refreshing
twice gives the same result and a lost worker's half-done chunk leaves
nothing to repair: its transaction rolled back with the events.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from articles.models import RoleMonth, ThreadState


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
    role_history.refresh_months(pairs)
    thread_state.refresh_states({t for t, _ in pairs})


def rebuild_threads(thread_ids: Iterable[int]) -> None:
    """Everything of whole threads again: after a merge, a bulk load, or by hand."""
    from articles.services import role_history, thread_state

    ids = set(thread_ids)
    if not ids:
        return
    RoleMonth.objects.filter(thread_id__in=ids).delete()
    role_history.refresh_months(role_history.months_with_articles(ids))
    thread_state.refresh_states(ids)


def forget_threads(thread_ids: Iterable[int]) -> None:
    """Drop the read models of threads that no longer hold articles (merged into another)."""
    ids = set(thread_ids)
    RoleMonth.objects.filter(thread_id__in=ids).delete()
    ThreadState.objects.filter(thread_id__in=ids).delete()
