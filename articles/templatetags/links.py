"""``{{ article.url|http_url }}``: the URL if it may be a link, else empty (see ``articles.links``)."""

from __future__ import annotations

from django import template

from articles.links import http_url as _http_url

register = template.Library()


@register.filter
def http_url(value: object) -> str:
    return _http_url(value)
