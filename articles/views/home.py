from __future__ import annotations

import operator
from functools import partial
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.functional import SimpleLazyObject

from articles.selectors.home import body_state
from articles.selectors.home import home as home_data

from ._access import reader_required
from ._cards import render_cards
from ._charts import sparkline_points


@reader_required
def home(request: HttpRequest) -> HttpResponse:
    """Active threads with sparklines, newest articles, the processing queue.

    The body is the same for every reader, so it is rendered once per
    version of the articles (``page_body``) and the data behind it is read
    only when it is rebuilt.
    """

    def build() -> dict[str, Any]:
        data = home_data()
        for entry in data["threads"]:
            entry["points"] = sparkline_points(entry["series"])
            entry["total"] = sum(entry["series"])
        render_cards(data["articles"], show_thread=True)
        return data

    data = SimpleLazyObject(build)
    context = {
        name: SimpleLazyObject(partial(operator.getitem, data, name))
        for name in ("threads", "articles", "queue", "batches")
    }
    context["body_state"] = body_state()
    return render(request, "articles/home.html", context)
