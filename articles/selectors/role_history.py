"""Role history: in which spans of dates an actor acted as party or mediator in a thread.

Read from ``RoleMonth`` (kept on write by ``services.role_history``): a
thread's rows are a few hundred at most, so the page merges them into
spans here. Months whose days lie within ``GAP_DAYS`` of each other join
one span; a span needs ``MIN_REPORTS`` articles or events, so one stray
tag draws no line; a span still running at the thread's newest day reads
"since".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Min

from articles.models import RoleMonth, Thread

from . import labels

GAP_DAYS = 62
MIN_REPORTS = 2
OPEN_DAYS = 45
MAX_ACTORS = 12


@dataclass
class Span:
    role: str
    first: dt.date
    last: dt.date
    reports: int
    open: bool = False


@dataclass
class ActorRoles:
    actor: str
    name: str
    spans: list[Span] = field(default_factory=list)

    @property
    def reports(self) -> int:
        return sum(s.reports for s in self.spans)

    @property
    def roles(self) -> list[str]:
        out: list[str] = []
        for s in sorted(self.spans, key=lambda s: s.first):
            if s.role not in out:
                out.append(s.role)
        return out

    @property
    def summary(self) -> list[Span]:
        """One line per role worth saying: its first day, its last, and whether it runs on.

        The main role (most reports) always; the other only with at least a
        quarter of its reports, so a mediator named once as a side does not
        read as both.
        """
        per_role: dict[str, Span] = {}
        for s in sorted(self.spans, key=lambda s: s.first):
            have = per_role.get(s.role)
            if have is None:
                per_role[s.role] = Span(s.role, s.first, s.last, s.reports, s.open)
            else:
                have.last, have.open = max(have.last, s.last), s.open
                have.reports += s.reports
        ranked = sorted(per_role.values(), key=lambda s: -s.reports)
        top = ranked[0].reports if ranked else 0
        return [s for s in ranked if s.reports * 4 >= top]


def spans(rows: Iterable[RoleMonth], *, newest: dt.date | None) -> list[Span]:
    """One actor's role months (one role or both) merged into spans (pure)."""
    out: list[Span] = []
    current: dict[str, Span] = {}
    for r in sorted(rows, key=lambda r: (r.role, r.first_day)):
        reports = r.articles + r.events
        span = current.get(r.role)
        if span is not None and (r.first_day - span.last).days <= GAP_DAYS:
            span.last = max(span.last, r.last_day)
            span.reports += reports
            continue
        span = Span(role=r.role, first=r.first_day, last=r.last_day, reports=reports)
        current[r.role] = span
        out.append(span)
    kept = [s for s in out if s.reports >= MIN_REPORTS]
    for s in kept:
        s.open = newest is not None and (newest - s.last).days <= OPEN_DAYS
    return sorted(kept, key=lambda s: s.first)


def thread_roles(thread: Thread, *, limit: int = MAX_ACTORS) -> list[ActorRoles]:
    """Each actor's spans in the thread, the most reported actors first."""
    return roles_of(list(RoleMonth.objects.filter(thread=thread)), limit=limit)


def roles_of(rows: list[RoleMonth], *, limit: int = MAX_ACTORS) -> list[ActorRoles]:
    """A thread's role months, already read, as each actor's spans."""
    newest = max((r.last_day for r in rows), default=None)
    by_actor: dict[str, list[RoleMonth]] = {}
    for r in rows:
        by_actor.setdefault(r.actor, []).append(r)
    names = labels.actor_names()
    out = []
    for actor, actor_rows in by_actor.items():
        merged = spans(actor_rows, newest=newest)
        if merged:
            out.append(ActorRoles(actor=actor, name=names.get(actor, actor), spans=merged))
    out.sort(key=lambda a: (-a.reports, a.name))
    return out[:limit]


@dataclass
class ThreadRoles:
    thread: Thread
    name: str
    spans: list[Span]


def actor_roles(actor_id: str) -> list[ThreadRoles]:
    """The actor's spans in every thread it acted in, the most recent thread first."""
    rows = list(RoleMonth.objects.filter(actor=actor_id).select_related("thread"))
    by_thread: dict[int, list[RoleMonth]] = {}
    for r in rows:
        by_thread.setdefault(r.thread_id, []).append(r)
    newest = _newest_days(list(by_thread))
    out = []
    for thread_id, thread_rows in by_thread.items():
        thread = thread_rows[0].thread
        if thread.merged_into_id:
            continue
        merged = spans(thread_rows, newest=newest.get(thread_id))
        if merged:
            out.append(ThreadRoles(thread=thread, name=labels.thread_name(thread), spans=merged))
    out.sort(key=lambda t: max(s.last for s in t.spans), reverse=True)
    return out


def _newest_days(thread_ids: list[int]) -> dict[int, dt.date]:
    """The newest role day of each thread (any actor): where "since" is measured from."""
    from django.db.models import Max

    if not thread_ids:
        return {}
    return dict(
        RoleMonth.objects.filter(thread_id__in=thread_ids)
        .values("thread_id")
        .annotate(last=Max("last_day"))
        .values_list("thread_id", "last")
    )


def first_acted(thread_id: int, actor: str, role: str) -> dt.date | None:
    """The first day the actor acted in this role in this thread (for alerts)."""
    return RoleMonth.objects.filter(thread_id=thread_id, actor=actor, role=role).aggregate(
        first=Min("first_day")
    )["first"]


def first_acts_between(
    first: dt.date, last: dt.date, *, role: str = RoleMonth.Role.MEDIATOR
) -> list[dict[str, object]]:
    """(thread, actor, day) of every actor that first acted in ``role`` in a thread within
    ``first``…``last``: "actor X first acted as mediator in thread T" for a day or a week."""
    rows = (
        RoleMonth.objects.filter(role=role)
        .values("thread_id", "actor")
        .annotate(day=Min("first_day"))
        .filter(day__gte=first, day__lte=last)
        .order_by("day", "thread_id", "actor")
    )
    return list(rows)
