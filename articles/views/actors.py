from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from articles.selectors import role_history
from articles.selectors.actors import actor_page

from ._access import reader_required
from ._cards import render_cards


@reader_required
def actor_detail(request: HttpRequest, actor_id: str) -> HttpResponse:
    """Names and aliases, threads by role, its role history across threads, coverage over
    time, actors seen alongside."""
    data = actor_page(actor_id)
    if data is None:
        raise Http404
    render_cards(data.get("recent") or [], show_thread=True)
    data["roles"] = role_history.actor_roles(data["actor"].pk)
    data["chart"] = {
        "labels": [m["start"].isoformat() for m in data["coverage"]],
        "counts": [m["count"] for m in data["coverage"]],
        "zoom": "month",
    }
    return render(request, "articles/actor_detail.html", data)
