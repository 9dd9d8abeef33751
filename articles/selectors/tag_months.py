"""The "value × month" index of the article table, as a condition a counting query can add.

Migration ``0020_webperf_tag_months`` indexes every dated article under one
key per tag value and month of publication (``a:IRN:201403`` for an actor,
``p:``/``m:`` for a party or mediator, ``t:`` for a topic), through the SQL
function ``article_tag_months``. A filter on tag values and a window then
reads the posting lists of the window's months only, where the per-column
GIN indexes read every article naming the values at any date. The
condition only ever narrows what the exact filter already selects (same
values, months covering the window), so adding it changes no result.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import BooleanField, Q
from django.db.models.expressions import RawSQL

from articles.models import Article

from . import rollups
from .dates import start_of

_TABLE = Article._meta.db_table
EXPRESSION = (
    f'article_tag_months("{_TABLE}"."actors", "{_TABLE}"."parties", "{_TABLE}"."mediators", '
    f'"{_TABLE}"."topics", "{_TABLE}"."published_at")'
)
# The filter parameters the condition stands for, exactly, over its months.
TAG_PARAMS = ("actor", "role", "actor_mode", "topic")
_ROLE_PREFIX = {"party": "p", "mediator": "m", "mentioned": "a", "": "a"}
# A window of more months than this reads most of a value's posting list
# anyway; the per-column indexes then do as well.
MAX_MONTHS = 18
# A window of at most this many articles is cheaper walked newest first
# through the date index, which carries the tag columns (no heap read),
# than read row by row from the heap through any tag index: the values are
# common in it, so few of the walked entries are wasted.
WALK_ARTICLES = 50_000


def months(first: dt.date, last: dt.date) -> list[str]:
    """``YYYYMM`` of every month (UTC) that the days ``first``…``last`` touch."""
    lo = start_of(first).astimezone(dt.UTC)
    hi = (start_of(last, 1) - dt.timedelta(microseconds=1)).astimezone(dt.UTC)
    out, year, month = [], lo.year, lo.month
    while (year, month) <= (hi.year, hi.month):
        out.append(f"{year}{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out


def groups(data: dict[str, Any]) -> list[tuple[str, list[str]]]:
    """The filter's tag conditions as ``(prefix, values)``, each satisfied by any value."""
    out: list[tuple[str, list[str]]] = []
    actors = data.get("actor") or []
    if actors:
        prefix = _ROLE_PREFIX.get(data.get("role") or "", "a")
        if data.get("actor_mode") == "all":
            out += [(prefix, [a]) for a in actors]
        else:
            out.append((prefix, list(actors)))
    topics = data.get("topic") or []
    if topics:
        out.append(("t", list(topics)))
    return out


def condition(
    data: dict[str, Any], first: dt.date, last: dt.date, *, walk: int | None = None
) -> Q | None:
    """The index condition for a valid filter's ``cleaned_data`` and the days ``first``…``last``;
    None when the filter names no tag value, or the window is too long to gain
    or short enough to walk (``MAX_MONTHS``, at most ``walk`` articles; a caller
    that walked it already passes 0)."""
    chosen = month_keys(data, first, last)
    if chosen is None:
        return None
    walk = WALK_ARTICLES if walk is None else walk
    if walk and rollups.count("total", "", first, last) <= walk:
        return None
    q = Q()
    for keys in chosen:
        q &= Q(RawSQL(f"{EXPRESSION} && %s::text[]", (keys,), output_field=BooleanField()))
    return q


def month_keys(
    data: dict[str, Any], first: dt.date, last: dt.date, *, most: int = MAX_MONTHS
) -> list[list[str]] | None:
    """The index keys of a valid filter's tag values over the days ``first``…``last``, one
    list per group (an article matches when it has a key of every list); None when
    the filter names no tag value or the window is longer than ``most`` months."""
    chosen = groups(data)
    spans = months(first, last)
    if not chosen or len(spans) > most:
        return None
    return [[f"{prefix}:{v}:{m}" for v in values for m in spans] for prefix, values in chosen]
