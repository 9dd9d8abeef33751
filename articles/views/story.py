"""The story of a thread on its page: state band, event lanes, moves, roles, what changed.

Built on every request from small indexed reads (``selectors.story``),
outside the cached timeline body, so an analyst's event correction shows
at once.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from articles.models import Thread
from articles.selectors import events, labels
from articles.selectors import threads as thread_selectors
from articles.selectors.story import ThreadStory
from articles.selectors.story import thread_story as read_story

from ._access import reader_required
from ._story_html import moves_html, roles_html


def thread_story(
    thread: Thread, date_from: dt.date, date_to: dt.date, params: Any, language: str
) -> dict[str, Any]:
    """The story's template context: the selector's data and the chart's JSON."""
    flt = events.event_filter(params)
    data = read_story(thread, date_from, date_to, flt, to_the_end=not (params or {}).get("date_to"))
    kinds = events.type_labels()
    return {
        "filter": flt,
        "row": data.row,
        "types": [{"value": t, "label": kinds[t], "checked": t in flt.types} for t in events.TYPES],
        "actors": data.actors,
        "points": data.points,
        "story": data.story,
        "moves_html": moves_html(_with_milestones(data.story.moves, data.milestones)),
        "band": data.band,
        "roles": data.roles,
        "roles_html": roles_html(
            data.roles, {a.actor: labels.link("actor", a.actor) for a in data.roles}
        ),
        "changes": data.changes,
        "chart": _chart(thread, data, date_from, date_to, language),
    }


def _chart(
    thread: Thread, data: ThreadStory, date_from: dt.date, date_to: dt.date, language: str
) -> dict[str, Any]:
    """The story chart's data for the page's JSON script (read by static/js/story.js)."""
    kinds = events.type_labels()
    present = [t for t in events.TYPES if any(p["type"] == t for p in data.points)]
    return {
        "from": date_from.isoformat(),
        "to": date_to.isoformat(),
        "today": timezone.localdate().isoformat(),
        "lanes": [{"type": t, "label": kinds[t]} for t in present],
        # [days after "from", lane, reports]: a busy thread has thousands of points.
        "points": [
            [(p["day"] - date_from).days, present.index(p["type"]), p["n"]] for p in data.points
        ],
        "band": [
            {
                "state": r.state,
                "label": r.label,
                "from": r.start.isoformat(),
                "to": r.end.isoformat(),
                "since": r.since.isoformat(),
            }
            for r in data.band
        ],
        "milestones": [
            {
                "date": m.date.isoformat(),
                "label": m.label_ar if language == "ar" else (m.label_en or m.label_ar),
            }
            for m in data.milestones
        ],
        "moves": {
            m.key: {"s": m.sentence[:240], "o": len(m.outlets), "f": m.outlets[:1]}
            for m in data.story.moves
        },
        "detail": reverse("thread_moves", args=[thread.key]),
    }


def _with_milestones(moves: list[events.Move], milestones: list) -> list[dict[str, Any]]:
    """Moves and milestones in one list, newest first: a milestone sits at its date."""
    oldest = moves[-1].day if moves else None
    items = [{"kind": "move", "day": m.day, "move": m} for m in moves]
    items += [
        {"kind": "milestone", "day": ms.date, "milestone": ms}
        for ms in milestones
        if oldest is None or ms.date >= oldest
    ]
    items.sort(key=lambda i: (i["day"], i["kind"] == "milestone"), reverse=True)
    return items


def story_context(request: HttpRequest, thread: Thread, window: Any) -> dict[str, Any]:
    """What ``_story.html`` needs: the story of the window and the parameters its forms keep."""
    return {
        "thread": thread,
        "story": thread_story(
            thread, window.date_from, window.date_to, request.GET, request.LANGUAGE_CODE
        ),
        "story_keep": _kept(request, drop=("etype", "eactor", "after", "story")),
        "story_keep_no_to": _kept(request, drop=("etype", "eactor", "after", "story", "date_to")),
    }


@reader_required
def thread_story_fragment(request: HttpRequest, key: str) -> HttpResponse:
    """The story part of a thread page, for the window and filters of the page's URL.

    The page fetches it after it arrives, so the articles of the timeline
    never wait for the story, and the story is timed on its own.
    """
    thread = thread_selectors.thread_by_key(key)
    if thread is None:
        raise Http404
    window = thread_selectors.timeline_window(thread, request.GET)
    return render(request, "articles/_story.html", story_context(request, thread, window))


def _kept(request: HttpRequest, *, drop: tuple[str, ...]) -> list[tuple[str, str]]:
    """The query's other parameters, for a form or link that changes only some of them."""
    return [(k, v) for k, values in request.GET.lists() if k not in drop for v in values if v]


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
    return HttpResponse(moves_html({"kind": "move", "day": m.day, "move": m} for m in moves))
