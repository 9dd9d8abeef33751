"""Links of the pages: ``{{ article.url|http_url }}`` and ``{% query_with %}``."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any
from urllib.parse import urlencode

from django import template
from django.template.context import Context

from articles.links import http_url as _http_url

register = template.Library()


@register.filter
def http_url(value: object) -> str:
    """The URL if it may be a link, else empty (see ``articles.links``)."""
    return _http_url(value)


@register.simple_tag(takes_context=True)
def query_with(context: Context, **changes: Any) -> str:
    """The page's query string with ``changes`` made (None drops a parameter):
    what Django's ``{% querystring %}`` writes, character for character.

    That tag deep-copies the request's ``QueryDict`` for every link; a list
    or timeline page writes five to ten such links, and the copies were a
    fifth of the page's template time. The parameters are only read here,
    so a shallow view of their lists does.
    """
    query = context.request.GET
    lists = dict(query.lists())
    for key, value in changes.items():
        if value is None:
            lists.pop(key, None)
        elif isinstance(value, Iterable) and not isinstance(value, str):
            lists[key] = list(value)
        else:
            lists[key] = [value]
    if not lists and not query:
        return ""
    return "?" + urlencode([(key, str(v)) for key, values in lists.items() for v in values])
