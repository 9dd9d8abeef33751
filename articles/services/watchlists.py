"""Watchlists: an analyst's saved filter states, parsed by the list page's own filter form.

The filters are kept as the list page's query string, so "open in the
list" shows exactly what the watchlist watches, and compiled once here
into ``criteria`` for the workers' matcher (``articles.alerts``): the
form cleans the values, the words go through the same ``search_terms`` and
PostgreSQL parser as the list's search, and the dates become the same
instants the list's date filter uses.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.http import QueryDict
from django.utils.translation import gettext as _

from articles.cache import UNREAD_ALERTS, forget_reader
from articles.filters import ArticleFilter, _start_of
from articles.models import Watchlist
from articles.models.alerts import new_feed_token

# Parameters of the list and thread pages that are not filters.
NOT_FILTERS = {"after", "facets", "zoom", "watchlist", "page", "csrfmiddlewaretoken"}
MAX_PER_USER = 500


def canonical_query(query: str | QueryDict) -> QueryDict:
    """The filter parameters of a list URL's query, empties and paging dropped."""
    params = QueryDict(query.lstrip("?"), mutable=False) if isinstance(query, str) else query
    out = QueryDict(mutable=True)
    for key in ArticleFilter.base_filters:
        if key in NOT_FILTERS:
            continue
        values = [v for v in params.getlist(key) if v.strip()]
        if values:
            out.setlist(key, values)
    return out


def compile_query(query: str | QueryDict) -> tuple[str, dict[str, Any]]:
    """(canonical query string, criteria) for a filter state; ``ValidationError`` if it is not one.

    The filter form is the one the list page binds, so a watchlist accepts
    exactly the filter states the list accepts.
    """
    params = canonical_query(query)
    flt = ArticleFilter(params)
    if not flt.is_valid():
        problems = "; ".join(
            f"{name}: {' '.join(errors)}" for name, errors in flt.form.errors.items()
        )
        raise ValidationError(_("These filters cannot be saved: %s") % problems)
    data = flt.form.cleaned_data
    source = data.get("source")
    criteria: dict[str, Any] = {
        "actors": list(data.get("actor") or []),
        "role": data.get("role") or "",
        "actor_mode": data.get("actor_mode") or "any",
        "topics": list(data.get("topic") or []),
        "event_types": sorted(data.get("event") or []),
        "thread": data.get("thread") or "",
        "source": int(source) if source is not None else None,
        "lang": data.get("lang") or "",
        "start": _start_of(data["date_from"]).isoformat() if data.get("date_from") else None,
        "end": _end_of(data["date_to"]) if data.get("date_to") else None,
        "terms": query_lexemes(data.get("q") or ""),
        "words": (data.get("q") or "").strip(),
        "date_from": data["date_from"].isoformat() if data.get("date_from") else "",
        "date_to": data["date_to"].isoformat() if data.get("date_to") else "",
    }
    return params.urlencode(), criteria


def _end_of(day) -> str:
    import datetime as dt

    return _start_of(day + dt.timedelta(days=1)).isoformat()


def query_lexemes(q: str) -> list[str]:
    """The lexemes ``plainto_tsquery`` makes of the words, as the list's search asks them."""
    return lexemes_of([q]).get(q, [])


def lexemes_of(queries: Iterable[str]) -> dict[str, list[str]]:
    """``query_lexemes`` for many queries in one statement (the workers' rule build).

    The search rules live in code (``articles.nlp.search``), so the terms
    are recomputed whenever the rules are built, never trusted from an
    older save.
    """
    from articles.nlp.search import search_terms

    asked = {q: search_terms(q).strip() for q in queries if q and q.strip()}
    asked = {q: t for q, t in asked.items() if t}
    if not asked:
        return {}
    with connection.cursor() as cur:
        cur.execute(
            "SELECT q, tsvector_to_array(to_tsvector('simple', t)) "
            "FROM unnest(%s::text[], %s::text[]) AS u(q, t)",
            [list(asked), list(asked.values())],
        )
        return {q: sorted(terms) for q, terms in cur.fetchall()}


def create_watchlist(
    owner, *, name: str, query: str, email: str = Watchlist.Email.OFF, language: str = "ar"
) -> Watchlist:
    name = " ".join(name.split())[:200]
    if not name:
        raise ValidationError(_("A watchlist needs a name."))
    canonical, criteria = compile_query(query)
    if Watchlist.objects.filter(owner=owner).count() >= MAX_PER_USER:
        raise ValidationError(_("You have too many watchlists; delete some first."))
    if Watchlist.objects.filter(owner=owner, name=name).exists():
        raise ValidationError(_("You already have a watchlist with this name."))
    return Watchlist.objects.create(
        owner=owner, name=name, query=canonical, criteria=criteria, email=email, language=language
    )


def update_watchlist(watchlist: Watchlist, **changes: Any) -> Watchlist:
    """Change a watchlist's name, email choice, language or filters (``query``)."""
    if "name" in changes:
        name = " ".join(changes["name"].split())[:200]
        if not name:
            raise ValidationError(_("A watchlist needs a name."))
        clash = Watchlist.objects.filter(owner_id=watchlist.owner_id, name=name).exclude(
            pk=watchlist.pk
        )
        if clash.exists():
            raise ValidationError(_("You already have a watchlist with this name."))
        watchlist.name = name
    if "query" in changes:
        watchlist.query, watchlist.criteria = compile_query(changes["query"])
    for key in ("email", "language"):
        if key in changes:
            setattr(watchlist, key, changes[key])
    watchlist.save()
    return watchlist


def new_token(watchlist: Watchlist) -> Watchlist:
    """A new private feed address; the old one stops working at once."""
    watchlist.feed_token = new_feed_token()
    watchlist.save(update_fields=["feed_token", "updated_at"])
    return watchlist


def delete_watchlist(watchlist: Watchlist) -> None:
    """Delete the watchlist and its alerts.

    The row is locked first: a worker writing alerts to it holds a share
    lock until it commits (alert rows carry no foreign key), so the alerts
    are deleted after the worker's are visible, and a worker that comes
    later finds the watchlist gone and writes none.
    """
    with transaction.atomic():
        list(Watchlist.objects.select_for_update().filter(pk=watchlist.pk).values_list("pk"))
        watchlist.delete()
        forget_reader(UNREAD_ALERTS, [watchlist.owner_id])
