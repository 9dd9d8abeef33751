"""The story of a thread on its page: state band, event lanes, moves, roles, what changed.

Built on every request from small indexed reads (see ``selectors.events``,
``selectors.thread_state``, ``selectors.role_history``), outside the
cached timeline body, so an analyst's event correction shows at once.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from articles.models import Thread
from articles.selectors import events, role_history, thread_state
from articles.selectors import threads as thread_selectors

from ._access import reader_required


def thread_story(
    thread: Thread, date_from: dt.date, date_to: dt.date, params: Any, language: str
) -> dict[str, Any]:
    """Everything the story part of the thread page shows, for one window and filter."""
    flt = events.event_filter(params)
    kinds = events.type_labels()
    points = events.lanes(thread, date_from, date_to, flt)
    story = events.story(thread, date_from, date_to, flt)
    band = thread_state.band(thread, date_from, date_to)
    until = events.newest_day(thread)
    milestones = list(
        thread.milestones.filter(date__gte=date_from, date__lte=date_to).order_by("date")
    )
    present = [t for t in events.TYPES if any(p["type"] == t for p in points)]
    chart = {
        "from": date_from.isoformat(),
        "to": date_to.isoformat(),
        "today": timezone.localdate().isoformat(),
        "lanes": [{"type": t, "label": kinds[t]} for t in present],
        "points": [
            {"d": p["day"].isoformat(), "t": p["type"], "n": p["n"], "planned": p["planned"]}
            for p in points
        ],
        "band": [
            {
                "state": r.state,
                "label": r.label,
                "from": r.start.isoformat(),
                "to": r.end.isoformat(),
                "since": r.since.isoformat(),
            }
            for r in band
        ],
        "milestones": [
            {
                "date": m.date.isoformat(),
                "label": m.label_ar if language == "ar" else (m.label_en or m.label_ar),
            }
            for m in milestones
        ],
        "moves": {
            m.key: {"s": m.sentence[:240], "o": len(m.outlets), "f": m.outlets[:1]}
            for m in story.moves
        },
        "detail": reverse("thread_moves", args=[thread.key]),
    }
    return {
        "filter": flt,
        "types": [{"value": t, "label": kinds[t], "checked": t in flt.types} for t in events.TYPES],
        "actors": [
            {**a, "checked": a["id"] in flt.actors}
            for a in events.thread_actors(thread, date_from, date_to)
        ],
        "points": points,
        "story": story,
        "stories": _with_milestones(story.moves, milestones),
        "band": band,
        "roles": role_history.thread_roles(thread),
        "changes": events.recent_changes(thread, until=until) if until else None,
        "chart": chart,
    }


def _with_milestones(moves: list[events.Move], milestones: list) -> list[dict[str, Any]]:
    """Moves and milestones in one list, newest first: a milestone sits at its date."""
    items = [{"kind": "move", "day": m.day, "move": m} for m in moves]
    if moves:
        oldest = moves[-1].day
        items += [
            {"kind": "milestone", "day": ms.date, "milestone": ms}
            for ms in milestones
            if ms.date >= oldest
        ]
    else:
        items += [{"kind": "milestone", "day": ms.date, "milestone": ms} for ms in milestones]
    items.sort(key=lambda i: (i["day"], i["kind"] == "milestone"), reverse=True)
    return items


@reader_required
def thread_moves(request: HttpRequest, key: str) -> HttpResponse:
    """The moves of one lane point (``?day=…&type=…``), as a fragment the chart shows on click."""
    thread = thread_selectors.thread_by_key(key)
    if thread is None:
        raise Http404
    try:
        day = dt.date.fromisoformat(request.GET.get("day", ""))
    except ValueError as exc:
        raise Http404 from exc
    type_ = request.GET.get("type", "")
    if type_ not in events.TYPES:
        raise Http404
    moves = events.moves_on(thread, day, type_, events.event_filter(request.GET))
    return render(
        request,
        "articles/_moves.html",
        {"items": [{"kind": "move", "day": m.day, "move": m} for m in moves], "fragment": True},
    )
