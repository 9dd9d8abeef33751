"""Streaming exports of a filtered article list, as CSV for Excel and JSON for notebooks.

Rows are read through a server-side cursor and written as they come, so an
export of 100,000 articles holds a few thousand rows in memory at a time and
the first bytes leave before the last row is read.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator
from datetime import datetime
from typing import Any

from django.db.models import QuerySet

EXPORT_LIMIT = 100_000
CHUNK = 2_000
# Ids for scripts, names beside them for people opening the file in a spreadsheet.
COLUMNS = (
    "id",
    "published_at",
    "source",
    "lang",
    "title",
    "key_sentence",
    "url",
    "is_negotiation",
    "actors",
    "actor_names",
    "parties",
    "party_names",
    "mediators",
    "mediator_names",
    "topics",
    "topic_names",
    "thread",
    "thread_name",
    "cited_sources",
    "cluster",
)
_QUERY_FIELDS = (
    "id",
    "published_at",
    "source__name",
    "lang",
    "title",
    "key_sentence",
    "url",
    "is_negotiation",
    "actors",
    "parties",
    "mediators",
    "topics",
    "thread_id",
    "cited_sources",
    "cluster_id",
)
_NAMED = (("actors", "actor_names"), ("parties", "party_names"), ("mediators", "mediator_names"))
# Spreadsheets run a cell that starts with one of these as a formula
# (OWASP "CSV injection"); titles come from scraped news and may.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
BOM = "\ufeff"


def rows(queryset: QuerySet, limit: int = EXPORT_LIMIT) -> Iterator[dict[str, Any]]:
    """Up to ``limit + 1`` articles as plain dicts with names beside the ids (in the active
    language); the extra one tells the caller to say so."""
    from articles.selectors import labels

    actors, topics = labels.actor_names(), labels.topic_names()
    values = queryset.order_by("-published_at", "-id").values_list(*_QUERY_FIELDS)
    for record in values[: limit + 1].iterator(chunk_size=CHUNK):
        row = dict(zip(_QUERY_FIELDS, record, strict=True))
        row["source"] = row.pop("source__name")
        row["cluster"] = row.pop("cluster_id")
        key, name = labels.thread_label(row.pop("thread_id"))
        row["thread"], row["thread_name"] = key or None, name
        for ids, names in _NAMED:
            row[names] = [actors.get(x, x) for x in row[ids]]
        row["topic_names"] = [topics.get(x, x) for x in row["topics"]]
        yield {c: row[c] for c in COLUMNS}


def safe_cell(value: Any) -> Any:
    """Quote a text cell that a spreadsheet would otherwise evaluate."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def csv_value(value: Any) -> Any:
    if isinstance(value, list):
        value = ";".join(value)
    elif isinstance(value, datetime):
        value = value.isoformat()
    elif value is None:
        value = ""
    return safe_cell(value)


class Echo:
    """A file-like whose ``write`` returns the line, so ``csv.writer`` can feed a generator."""

    def write(self, value: str) -> str:
        return value


def csv_stream(records: Iterable[dict[str, Any]], limit: int = EXPORT_LIMIT) -> Iterator[str]:
    """UTF-8 CSV with a BOM (so Excel reads Arabic), list cells joined with ``;``.

    When the filter matches more than ``limit`` articles, a last row says the
    file was cut, where an analyst opening it in Excel will see it.
    """
    writer = csv.writer(Echo())
    yield BOM + writer.writerow(COLUMNS)
    for n, record in enumerate(records):
        if n >= limit:
            yield writer.writerow(
                [f"# truncated: only the newest {limit} articles are exported; narrow the filter"]
            )
            return
        yield writer.writerow([csv_value(record[c]) for c in COLUMNS])


def json_stream(
    records: Iterable[dict[str, Any]], filters: dict[str, Any], limit: int = EXPORT_LIMIT
) -> Iterator[str]:
    """One JSON object: the filters used, the articles, their count and whether the list was cut."""
    head = {"filters": filters, "limit": limit}
    yield json.dumps(head, ensure_ascii=False)[:-1] + ', "articles": ['
    count = 0
    truncated = False
    for record in records:
        if count >= limit:
            truncated = True
            break
        if record["published_at"] is not None:
            record["published_at"] = record["published_at"].isoformat()
        yield ("," if count else "") + "\n" + json.dumps(record, ensure_ascii=False)
        count += 1
    yield f'\n], "count": {count}, "truncated": {json.dumps(truncated)}}}\n'
