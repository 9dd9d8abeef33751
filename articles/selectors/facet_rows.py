"""Samples of the newest articles matching tag values, read from the facet rows.

``FacetRow`` holds each article's date, its "value × month" keys and every
value it is counted under in one narrow row; the facet counts and an
actor's company count a sample of the newest matches of a filter. This
writes the sample's statement: the month keys select exactly the articles
naming the values over the window's months (see ``tag_months``), the day
bounds apply outside an ``OFFSET 0`` fence (inside, PostgreSQL would AND
the month bitmap with one of the whole window), and the rows come newest
first, undated ones before them as PostgreSQL sorts the article table.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from .dates import start_of

# The facet rows' heap is narrow, so a window of many months costs little more
# than its matches: a posting list per value and month, up to twenty years.
MOST_MONTHS = 240

SAMPLE_SQL = """
SELECT f.article_id, f.keys FROM (
  SELECT article_id, published_at, keys FROM articles_facetrow WHERE {where} OFFSET 0
) f WHERE {bounds} ORDER BY f.published_at DESC, f.article_id DESC LIMIT %s
"""


def sample_sql(
    chosen: list[list[str]],
    first: dt.date | None,
    last: dt.date | None,
    limit: int,
    *,
    required: list[str] | None = None,
    undated: bool = False,
) -> tuple[str, list[Any]]:
    """The newest ``limit`` rows (``article_id``, ``keys``) with a month key of every list
    of ``chosen`` (``tag_months.month_keys``) published from ``first`` to ``last``
    (either open), holding every key of ``required`` (``h:12``, ``s:3``, ``l:en``);
    with ``undated``, the undated articles naming the values too.

    An undated article's month keys have an empty month (``a:IRN:``), so
    they are found by the same index.
    """
    if undated:
        chosen = [[*keys, *sorted({k.rsplit(":", 1)[0] + ":" for k in keys})] for keys in chosen]
    where = " AND ".join(["months && %s::text[]"] * len(chosen))
    values: list[Any] = list(chosen)
    bounds = ["TRUE"]
    if first is not None:
        bounds.append(
            "(f.published_at >= %s OR f.published_at IS NULL)"
            if undated
            else "f.published_at >= %s"
        )
        values.append(start_of(first))
    if last is not None:
        bounds.append("f.published_at < %s")
        values.append(start_of(last, 1))
    if required:
        bounds.append("f.keys @> %s::text[]")
        values.append(required)
    values.append(limit)
    return SAMPLE_SQL.format(where=where, bounds=" AND ".join(bounds)), values
