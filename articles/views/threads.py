from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseForbidden
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from articles.models import Thread
from articles.permissions import ADD_MILESTONE, can
from articles.selectors import labels
from articles.selectors import thread_state as states
from articles.selectors import threads as selectors

from ._access import reader_required
from ._cards import render_cards
from ._charts import series_rows
from ._filters import filter_panel
from .forms import MilestoneForm
from .story import story_context


@reader_required
def thread_list(request: HttpRequest) -> HttpResponse:
    """All negotiation threads with their state and status, newest activity first."""
    q = request.GET.get("q", "").strip()[:100]
    rows = states.thread_rows(list(selectors.thread_list(q=q)[:500]))
    rows.sort(key=lambda r: r.moved or dt.date.min, reverse=True)  # the threads that moved first
    status = request.GET.get("status", "")
    if status in states.STATUS_LABELS:
        rows = [r for r in rows if r.status == status]
    else:
        status = ""
    return render(
        request,
        "articles/thread_list.html",
        {"rows": rows, "status": status, "q": q, "statuses": states.status_choices()},
    )


@reader_required
def thread_detail(request: HttpRequest, key: str) -> HttpResponse:
    """The timeline: cards by day or week, a volume chart on the same axis, milestones.

    The timeline body (chart, milestones, cards) is the same for every
    reader of a URL, so it is rendered once per state (``page_body``); the header and the
    filter form need only the window, and the body is built on a miss only.
    """
    thread = selectors.thread_by_key(key, with_milestone_version=True)
    if thread is None:
        raise Http404
    if thread.key != key:
        return redirect("thread_detail", key=thread.key)
    window = selectors.timeline_window(thread, request.GET)
    cursor = request.GET.get("after")

    def build() -> selectors.Timeline:
        tl = selectors.timeline(thread, request.GET, cursor=cursor, window=window)
        render_cards(card for group in tl.groups for card in group.cards)
        return tl

    tl = SimpleLazyObject(build)
    context = {
        "thread": thread,
        "name": labels.thread_name(thread),
        "tags": selectors.thread_tags(thread),
        "window": window,
        "tl": tl,
        "chart": lambda: _chart(tl, request.LANGUAGE_CODE),  # called by the template on a miss
        "series_rows": lambda: series_rows(tl.series),
        # A milestone an admin just added or a re-tag must show at once: both are in the state.
        "body_state": selectors.timeline_body_state(thread, request.GET),
        "panel": filter_panel(window.filter, hide_thread=True),
        "zooms": [(z, z) for z in selectors.ZOOMS],
        "milestone_form": MilestoneForm() if can(request.user, ADD_MILESTONE) else None,
        "export_query": _export_query(thread, window),
        # The story comes in a request of its own that the page fetches, as the list's
        # counts do; ``?story=inline`` renders it in place (the link offered without
        # JavaScript).
        "story_url": f"{reverse('thread_story', args=[thread.key])}?{_query(request)}",
        "inline_query": f"{_query(request)}&story=inline".lstrip("&"),
    }
    if request.GET.get("story") == "inline":
        context.update(story_context(request, thread, window))
    return render(request, "articles/thread_detail.html", context)


def _query(request: HttpRequest) -> str:
    params = request.GET.copy()
    params.pop("story", None)
    return params.urlencode()


def _export_query(thread: Thread, window: selectors.Window) -> str:
    """The article filters of this timeline window, for the export links."""
    params = window.params.copy()
    for name in ("zoom", "after", "etype", "eactor"):
        params.pop(name, None)
    params["thread"] = thread.key
    return params.urlencode()


def _chart(tl: selectors.Timeline, language: str) -> dict[str, Any]:
    """The volume chart's data for the page's JSON script."""
    return {
        "labels": [b.start.isoformat() for b in tl.series],
        "counts": [b.count for b in tl.series],
        "zoom": tl.series_zoom,
        "end": tl.date_to.isoformat() if tl.date_to else "",
        "milestones": [
            {
                "date": m.date.isoformat(),
                "label": m.label_ar if language == "ar" else (m.label_en or m.label_ar),
            }
            for m in tl.milestones
        ],
    }


@require_POST
@reader_required
def milestone_add(request: HttpRequest, key: str) -> HttpResponse:
    """Admins mark a dated event on a thread's axis."""
    if not can(request.user, ADD_MILESTONE):
        return HttpResponseForbidden()
    thread = selectors.thread_by_key(key)
    if thread is None:
        raise Http404
    form = MilestoneForm(request.POST)
    if form.is_valid():
        milestone = form.save(commit=False)
        milestone.thread = thread
        milestone.created_by = request.user
        milestone.save()
        messages.success(request, _("Milestone added."))
    else:
        messages.error(request, _("The milestone needs a date and an Arabic label."))
    return redirect("thread_detail", key=thread.key)
