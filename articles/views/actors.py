from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.functional import SimpleLazyObject
from django.utils.html import format_html_join
from django.utils.safestring import SafeString

from articles.models import ActorAlias
from articles.selectors import role_history
from articles.selectors.actors import actor_body_state, actor_name, actor_page

from ._access import reader_required
from ._cards import render_cards


def alias_chips(aliases: Iterable[ActorAlias]) -> SafeString:
    """The aliases as chips titled with their kind: joined here, not looped in the
    template, where each alias asked Django for its kind's label anew (an actor has
    dozens of aliases: a tenth of the page's time)."""
    kinds = {value: str(label) for value, label in ActorAlias.Kind.choices}
    return format_html_join(
        "",
        '<li><span class="chip" dir="auto" lang="{}" title="{}">{}</span></li>',
        ((a.lang, kinds.get(a.kind, a.kind), a.text) for a in aliases),
    )


@reader_required
def actor_detail(request: HttpRequest, actor_id: str) -> HttpResponse:
    """Names and aliases, threads by role, its role history across threads, coverage over
    time, actors seen alongside.

    The body is the same for every reader of an actor until the articles change, so it is
    rendered once (``page_body``, keyed by ``actor_body_state``); its data is read only
    when it is rendered.
    """
    name = actor_name(actor_id)
    if name is None:
        raise Http404

    def build() -> dict[str, Any]:
        data = actor_page(actor_id)
        if data is None:  # removed from the lexicon since its name was read
            raise Http404
        render_cards(data.get("recent") or [], show_thread=True)
        data["alias_chips"] = alias_chips(data["aliases"])
        data["roles"] = role_history.actor_roles(data["actor"].pk)
        data["chart"] = {
            "labels": [m["start"].isoformat() for m in data["coverage"]],
            "counts": [m["count"] for m in data["coverage"]],
            "zoom": "month",
        }
        return data

    context = {
        "name": name,
        "body_state": actor_body_state(actor_id),
        "page": SimpleLazyObject(build),
    }
    return render(request, "articles/actor_detail.html", context)
