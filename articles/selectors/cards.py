"""Articles as cards: the few columns a list row or a timeline card shows, names resolved.

Rows are read as plain dictionaries of ``columns.CARD`` (no joins: outlet
and thread names come from the cached label dictionaries).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db import connection
from django.db.models import QuerySet
from django.urls import get_script_prefix

from articles.models import Article, columns

from . import labels

CARD_FIELDS = columns.CARD
_TABLE = Article._meta.db_table


@dataclass
class Card:
    """One article as a list row or timeline card, with names resolved."""

    id: int
    title: str
    published_at: dt.datetime | None
    outlet: str
    lang: str
    status: str
    key_sentence: str
    thread_key: str
    thread_name: str
    parties: list[dict[str, str]] = field(default_factory=list)
    mediators: list[dict[str, str]] = field(default_factory=list)
    others: list[dict[str, str]] = field(default_factory=list)
    topics: list[dict[str, str]] = field(default_factory=list)
    rank: float | None = None
    snippet: str = ""  # safe HTML built by selectors.search (escaped text + <mark>)
    title_html: str = ""  # likewise
    html: str = ""  # the rendered card, filled by the views (articles.views._cards)


def card_rows(qs: QuerySet[Article]) -> QuerySet[Article]:
    """The queryset reading only what a card shows, as dictionaries."""
    return qs.values(*CARD_FIELDS)


def card_row(article: Article) -> dict[str, Any]:
    """A model instance as the dictionary ``to_cards`` reads (the article page)."""
    return {name: getattr(article, "pk" if name == "id" else name) for name in CARD_FIELDS}


def to_cards(rows: Iterable[Mapping[str, Any]]) -> list[Card]:
    """Turn card rows into display cards with one cached name lookup for all of them."""
    actors = labels.actor_names()
    topics = labels.topic_names()
    threads = labels.all_thread_labels()
    outlets = labels.all_source_names()
    prefix = get_script_prefix()
    cards: list[Card] = []
    for a in rows:
        parties, mediators = a["parties"] or [], a["mediators"] or []
        roles = set(parties) | set(mediators)
        thread_id = a["thread_id"]
        thread = threads.get(thread_id) if thread_id else None
        if thread_id and thread is None:
            thread = labels.thread_label(thread_id)
        cards.append(
            Card(
                id=a["id"],
                title=a["title"],
                published_at=a["published_at"],
                outlet=labels.outlet(a["source_id"], a["publisher"], outlets),
                lang=a["lang"],
                status=a["status"],
                key_sentence=a["key_sentence"],
                thread_key=thread[0] if thread else "",
                thread_name=thread[1] if thread else "",
                parties=labels.label_list(parties, actors, script_prefix=prefix),
                mediators=labels.label_list(mediators, actors, script_prefix=prefix),
                others=labels.label_list(
                    [x for x in a["actors"] or [] if x not in roles], actors, script_prefix=prefix
                ),
                topics=labels.label_list(a["topics"], topics, link="topic", script_prefix=prefix),
                rank=a.get("rank"),
            )
        )
    return cards


CARD_SQL_COLUMNS = ", ".join(f'"{name}"' for name in CARD_FIELDS)


def card_rows_by_id(ids: list[int], extra: tuple[str, ...] = ()) -> list[dict[str, Any]]:
    """Card rows (and the ``extra`` columns) of these ids, in their order; ids no
    longer stored are left out."""
    if not ids:
        return []
    fields = (*CARD_FIELDS, *extra)
    columns = ", ".join(f'"{name}"' for name in fields)
    with connection.cursor() as cur:
        cur.execute(f"SELECT {columns} FROM {_TABLE} WHERE id = ANY(%s)", (ids,))
        by_id = {row[0]: dict(zip(fields, row, strict=True)) for row in cur.fetchall()}
    return [by_id[pk] for pk in ids if pk in by_id]
