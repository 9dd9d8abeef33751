"""Role history on write: per thread, actor, role and month, how often and on which days.

An actor acts as a **party** in a thread when an article of the thread
tags it as one, or when an event shows it making or receiving a move; as a
**mediator** when an article tags it as one, when a move passes through it
(``via``), when it offers to mediate or host talks, or when it makes or
receives a move in an article that names it a mediator. Resolutions are
left out: the body that votes is neither side nor mediator.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import connection
from django.utils import timezone

from articles.models import RoleMonth

from .story import month_of, next_month

PARTY, MEDIATOR = RoleMonth.Role.PARTY, RoleMonth.Role.MEDIATOR
_NO_ROLE_TYPES = frozenset({"resolution"})
_MEDIATOR_TYPES = frozenset({"mediation_offer"})

# Articles of the given (thread, month) pairs, each with its events, in one
# statement: the (thread, published_at) index finds each month's articles,
# the article index of the event table their events.
_ROWS_SQL = """
SELECT a.thread_id, a.published_at, a.parties, a.mediators,
       (SELECT json_agg(json_build_array(e.type, e.actors, e.targets, e.via))
          FROM articles_event e WHERE e.article_id = a.id)
FROM unnest(%s::bigint[], %s::timestamptz[], %s::timestamptz[]) AS v(t, lo, hi)
JOIN articles_article a ON a.thread_id = v.t AND a.published_at >= v.lo AND a.published_at < v.hi
"""


@dataclass
class _Acc:
    first: dt.date
    last: dt.date
    articles: int = 0
    events: int = 0

    def see(self, day: dt.date) -> None:
        self.first = min(self.first, day)
        self.last = max(self.last, day)


def roles_of_article(
    parties: Iterable[str], mediators: Iterable[str], events: Iterable[tuple]
) -> tuple[dict[tuple[str, str], int], dict[tuple[str, str], int]]:
    """(actor, role) → 1 for the article's own roles, and → event count for its events' roles."""
    mediators = set(mediators)
    tagged = {(a, PARTY): 1 for a in parties}
    tagged.update({(a, MEDIATOR): 1 for a in mediators})
    acted: dict[tuple[str, str], int] = {}
    for type_, actors, targets, via in events:
        if type_ in _NO_ROLE_TYPES:
            continue
        seen: set[tuple[str, str]] = {(a, MEDIATOR) for a in via or ()}
        for a in [*(actors or ()), *(targets or ())]:
            mediating = type_ in _MEDIATOR_TYPES or a in mediators
            seen.add((a, MEDIATOR if mediating else PARTY))
        for key in seen:
            acted[key] = acted.get(key, 0) + 1
    return tagged, acted


def refresh_months(pairs: set[tuple[int, dt.date]]) -> int:
    """Recompute the role rows of the given (thread, month) pairs; returns how many rows."""
    if not pairs:
        return 0
    ordered = sorted(pairs)
    threads = [t for t, _ in ordered]
    los = [_start(m) for _, m in ordered]
    his = [_start(next_month(m)) for _, m in ordered]
    acc: dict[tuple[int, str, str, dt.date], _Acc] = {}
    with connection.cursor() as cur:
        cur.execute(_ROWS_SQL, [threads, los, his])
        for thread_id, published_at, parties, mediators, events in cur.fetchall():
            day = timezone.localdate(published_at)
            if isinstance(events, str):
                events = json.loads(events)
            tagged, acted = roles_of_article(parties or (), mediators or (), events or ())
            for actor, role in {*tagged, *acted}:
                acc.setdefault((thread_id, actor, role, month_of(day)), _Acc(day, day)).see(day)
            for (actor, role), n in tagged.items():
                acc[(thread_id, actor, role, month_of(day))].articles += n
            for (actor, role), n in acted.items():
                acc[(thread_id, actor, role, month_of(day))].events += n
        cur.execute(
            """
            DELETE FROM articles_rolemonth r
            USING unnest(%s::bigint[], %s::date[]) AS v(t, m)
            WHERE r.thread_id = v.t AND r.month = v.m
            """,
            [threads, [m for _, m in ordered]],
        )
    RoleMonth.objects.bulk_create(
        [
            RoleMonth(
                thread_id=t,
                actor=actor,
                role=role,
                month=month,
                first_day=e.first,
                last_day=e.last,
                articles=e.articles,
                events=e.events,
            )
            for (t, actor, role, month), e in acc.items()
        ],
        batch_size=1000,
    )
    return len(acc)


def months_with_articles(thread_ids: set[int]) -> set[tuple[int, dt.date]]:
    """Every (thread, month) in which the threads have a dated article."""
    with connection.cursor() as cur:
        cur.execute(
            """
            SELECT DISTINCT thread_id, date_trunc('month', published_at AT TIME ZONE %s)::date
            FROM articles_article WHERE thread_id = ANY(%s) AND published_at IS NOT NULL
            """,
            [timezone.get_current_timezone_name(), list(thread_ids)],
        )
        return set(cur.fetchall())


def _start(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))
