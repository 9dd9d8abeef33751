"""The moves an article reports, on its page, and the analyst's corrections of them."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseForbidden
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from articles.models import Article, Event, EventCorrection
from articles.nlp.summary import sentence_bounds
from articles.permissions import CORRECT_MOVES, can
from articles.selectors import events as event_selectors
from articles.selectors import labels
from articles.services.events import record_event_correction, sentence_of

from ._access import reader_required
from .event_forms import AddMove, EventCorrectionForm

PREVIEW_CHARS = 110


def sentences(text: str) -> list[tuple[int, int, str]]:
    """The article's sentences as (start, end, a short preview) for the "add a move" menu."""
    out = []
    for start, end in sentence_bounds(text):
        while start < end and text[start].isspace():
            start += 1
        preview = sentence_of(text, start, end)
        if len(preview) > 3:
            if len(preview) > PREVIEW_CHARS:
                preview = preview[: PREVIEW_CHARS - 1] + "…"
            out.append((start, end, preview))
    return out


def _add_move(article: Article) -> AddMove:
    names = labels.actor_names()
    actors = sorted(((a, names.get(a, a)) for a in article.actors), key=lambda kv: kv[1])
    return AddMove(sentences(article.text), actors)


def _form(article: Article, data=None) -> EventCorrectionForm:
    add = _add_move(article)
    return EventCorrectionForm(data, sentences=add.sentences, actors=add.actors)


def event_context(article: Article, user: Any) -> dict[str, Any]:
    """The article's events with names, and for analysts the forms that correct them."""
    names = labels.actor_names()
    kinds = event_selectors.type_labels()
    rows = []
    events = (
        event_selectors.article_events(article.pk) if getattr(article, "has_events", True) else []
    )
    for e in events:
        rows.append(
            {
                "event": e,
                "label": kinds.get(e.type, e.type),
                "actors": [names.get(a, a) for a in e.actors],
                "targets": [names.get(a, a) for a in e.targets],
                "via": [names.get(a, a) for a in e.via],
            }
        )
    context: dict[str, Any] = {"moves": rows, "move_types": list(kinds.items())}
    if can(user, CORRECT_MOVES):
        context["add_move"] = _add_move(article)
        context["event_corrections"] = (
            list(
                EventCorrection.objects.filter(article=article)
                .select_related("created_by")
                .order_by("-created_at")[:20]
            )
            if getattr(article, "has_event_corrections", True)
            else []
        )
    return context


@require_POST
@reader_required
def article_event_correct(request: HttpRequest, pk: int) -> HttpResponse:
    """Record one event correction through the events service, then back to the article."""
    if not can(request.user, CORRECT_MOVES):
        return HttpResponseForbidden()
    article = Article.objects.only("id", "text", "actors", "thread_id").filter(pk=pk).first()
    if article is None:
        raise Http404
    form = _form(article, request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            messages.error(request, " ".join(errors))
        return redirect("article_detail", pk=pk)
    data = form.cleaned_data
    event = None
    if data.get("event"):
        event = Event.objects.filter(pk=data["event"], article_id=article.pk).first()
    try:
        if data["action"] == EventCorrection.Action.ADD:
            start, end = form.span()
            record_event_correction(
                article,
                action="add",
                type=data["type"],
                start=start,
                end=end,
                when=data.get("when"),
                attributed_to=data.get("attributed_to") or "",
                user=request.user,
                **form.slots(),
            )
        else:
            record_event_correction(
                article,
                action=data["action"],
                event=event,
                new_type=data.get("new_type") or "",
                user=request.user,
            )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Correction saved."))
    return redirect(reverse("article_detail", args=[pk]) + "#moves")
