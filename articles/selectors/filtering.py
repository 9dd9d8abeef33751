"""The shared filter bound to a request's parameters: which articles a page is about."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import QueryDict

from articles.filters import ArticleFilter
from articles.models import Article


def base_queryset() -> QuerySet[Article]:
    """All articles, for the shared filter to narrow; callers choose the columns they read."""
    return Article.objects.all()


def article_filter(params: QueryDict | dict[str, Any] | None, queryset=None) -> ArticleFilter:
    """The shared FilterSet bound to GET parameters."""
    return ArticleFilter(
        params or None, queryset=queryset if queryset is not None else base_queryset()
    )


def filtered_articles(
    params: QueryDict | dict[str, Any] | None,
) -> tuple[QuerySet[Article], ArticleFilter]:
    """The filtered queryset (unordered slice not taken) and its bound filter for the form.

    Invalid parameters are ignored rather than emptying the list, so a
    hand-edited URL still shows something sensible.
    """
    flt = article_filter(params)
    qs = flt.qs if flt.is_valid() else base_queryset()
    return qs, flt
