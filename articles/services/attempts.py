"""Count the starts of a piece of work, so work that kills its worker stops being retried.

A task acknowledged late is delivered again when its worker dies; if the
work itself kills the worker (a pathological article, a memory blow-up),
that repeats for ever and holds back everything delivered with it. The
count is committed before the work begins, so it survives the worker.
"""

from __future__ import annotations

import hashlib
import sys
from collections.abc import Callable, Iterable

from django.conf import settings
from django.db import DataError, connection

from articles.models import TaskAttempt


def work_key(kind: str, ids: Iterable[int]) -> str:
    """One key per kind of work and set of ids, whatever their order."""
    joined = ",".join(map(str, sorted(set(ids))))
    return f"{kind}:{hashlib.sha1(joined.encode()).hexdigest()}"[:64]


def begin(key: str) -> int:
    """One more start of ``key``; returns how many starts it has had, this one included."""
    with connection.cursor() as cur:
        cur.execute(
            """
            INSERT INTO articles_taskattempt (key, attempts, updated_at) VALUES (%s, 1, now())
            ON CONFLICT (key) DO UPDATE
              SET attempts = articles_taskattempt.attempts + 1, updated_at = now()
            RETURNING attempts
            """,
            [key],
        )
        return cur.fetchone()[0]


def finish(*keys: str) -> None:
    """The work of ``keys`` is done: forget its starts."""
    TaskAttempt.objects.filter(key__in=keys).delete()


def run_isolated(
    kind: str,
    ids: list[int],
    run: Callable[[list[int]], int],
    give_up: Callable[[list[int], str], None],
) -> int:
    """``run(ids)``, or, when that chunk was tried before, ``run([id])`` for each id.

    A chunk whose earlier start did not finish (its worker died, or a row
    was refused by the database) is redone one article at a time: the
    article at fault then fails alone and its neighbours go through. A
    single article started more than ``TASK_MAX_ATTEMPTS`` times is given
    up with that reason, so it stops taking workers down with it.
    """
    ids = sorted(set(ids))
    if not ids:
        return 0
    key = work_key(kind, ids)
    tries = begin(key)
    if len(ids) == 1 and tries > settings.TASK_MAX_ATTEMPTS:
        give_up(
            ids, f"stopped after {tries - 1} attempts: its worker was lost or timed out each time"
        )
        finish(key)
        return 0
    if tries > 1 and len(ids) > 1:
        done = sum(run_isolated(kind, [i], run, give_up) for i in ids)
    else:
        try:
            done = run(ids)
        except DataError:
            if len(ids) == 1:
                give_up(ids, f"refused by the database: {sys.exc_info()[1]}"[:2000])
                finish(key)
                return 0
            # One row the database refuses fails the statement of the chunk.
            done = sum(run_isolated(kind, [i], run, give_up) for i in ids)
    finish(key)
    return done
