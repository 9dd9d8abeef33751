from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseForbidden
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from articles.permissions import CORRECT, can
from articles.selectors import article_page, dates, facets, filtering
from articles.selectors import articles as selectors
from articles.services.corrections import record_correction

from ._access import reader_required
from ._cards import render_cards
from ._filters import filter_panel
from .article_events import event_context
from .forms import CorrectionForm


@reader_required
def article_list(request: HttpRequest) -> HttpResponse:
    """Filtered, seek-paginated articles; the whole state lives in the GET URL.

    The page comes back with the filter form but without counts; the
    browser then fetches :func:`article_facets` for the same URL and puts the
    counted form in place, so the results never wait for the counting.
    ``?facets=1`` renders the counts inline (the link offered without
    JavaScript).
    """
    inline = request.GET.get("facets") == "1"
    data = selectors.article_list(
        dates.without(request.GET, ["facets"]),
        cursor=request.GET.get("after"),
        with_facets=inline,
    )
    render_cards(data["page"].cards, show_thread=True)
    return render(
        request,
        "articles/list.html",
        {**data, "panel": filter_panel(data["filter"], data["facets"])},
    )


@reader_required
def article_facets(request: HttpRequest) -> HttpResponse:
    """The filter panel with facet counts for the list URL's filters (an HTML fragment)."""
    params = dates.without(request.GET, ["facets"])
    flt = filtering.article_filter(params)
    flt.is_valid()
    counted = facets.facets(params)
    return render(
        request,
        "articles/_filter_panel.html",
        {"facets": counted, "panel": filter_panel(flt, counted), "filter": flt},
    )


@reader_required
def article_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One article with its mentions linked, its tags, its other outlets and, for analysts, the correction form."""
    article = article_page.get_article(pk)
    if article is None:
        raise Http404
    context = article_page.article_detail(article)
    context.update(event_context(article, request.user))
    if can(request.user, CORRECT):
        # The unbound form is rendered from these once per version (``{% correction_form %}``).
        context["correction_choices"] = article_page.correction_choices()
    return render(request, "articles/detail.html", context)


@require_POST
@reader_required
def article_correct(request: HttpRequest, pk: int) -> HttpResponse:
    """Record one correction through the corrections service, then back to the article."""
    if not can(request.user, CORRECT):
        return HttpResponseForbidden()
    article = article_page.get_article(pk)
    if article is None:
        raise Http404
    choices = article_page.correction_choices()
    form = CorrectionForm(request.POST, choices=choices)
    if not form.is_valid():
        context = article_page.article_detail(article)
        context.update(event_context(article, request.user))
        context.update(form=form, correction_choices=choices)
        return render(request, "articles/detail.html", context, status=400)
    data = form.cleaned_data
    action = data["action"]
    try:
        record_correction(
            article,
            action=action,
            actor_id=data["actor"] or None if action.endswith("_actor") else None,
            role=data["role"] if action.endswith("_actor") else "",
            topic_id=data["topic"] or None if action.endswith("_topic") else None,
            thread_id=data["thread"] if action == "set_thread" else None,
            user=request.user,
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Correction saved."))
    return redirect("article_detail", pk=pk)
