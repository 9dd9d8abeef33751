from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from articles.selectors.search import search as run_search

from ._access import reader_required
from ._cards import render_cards
from ._filters import filter_panel


@reader_required
def search(request: HttpRequest) -> HttpResponse:
    """Ranked full-text search with highlighted snippets, under the list filters."""
    try:
        page = max(1, min(int(request.GET.get("page", 1)), 100))
    except ValueError:
        page = 1
    results = run_search(request.GET, page=page)
    render_cards(results.cards, show_thread=True)
    return render(
        request, "articles/search.html", {"results": results, "panel": filter_panel(results.filter)}
    )
