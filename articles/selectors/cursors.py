"""Seek paging: an opaque cursor for the position after a row, and the rows after it.

Pages go by a seek on ``(published_at, id)`` rather than OFFSET, so page
500 costs what page 1 costs: a b-tree is entered at the cursor and read for
one page.
"""

from __future__ import annotations

import base64
import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.db.models import Q, QuerySet

from articles.models import Article


def encode_cursor(item: Any) -> str:
    """An opaque, URL-safe cursor for the position just after ``item`` (a row, card or article)."""
    if isinstance(item, Mapping):
        published_at, pk = item["published_at"], item["id"]
    else:
        published_at, pk = item.published_at, getattr(item, "pk", None) or item.id
    stamp = published_at.isoformat() if published_at else ""
    raw = f"{stamp}|{pk}".encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(token: str | None) -> tuple[dt.datetime | None, int] | None:
    """Read a cursor back; a damaged one means "start from the top"."""
    if not token:
        return None
    try:
        raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)).decode()
        stamp, pk = raw.split("|")
        return (dt.datetime.fromisoformat(stamp) if stamp else None, int(pk))
    except (ValueError, UnicodeDecodeError):
        return None


def after_cursor(
    qs: QuerySet[Article], cursor: tuple[dt.datetime | None, int]
) -> QuerySet[Article]:
    """Rows strictly after the cursor in ``-published_at, -id`` order (NULL dates come first).

    The redundant ``published_at <= stamp`` gives PostgreSQL an index bound
    to start the backward scan from, not just a filter.
    """
    stamp, pk = cursor
    if stamp is None:
        return qs.filter(Q(published_at__isnull=True, id__lt=pk) | Q(published_at__isnull=False))
    return qs.filter(published_at__lte=stamp).filter(
        Q(published_at__lt=stamp) | Q(published_at=stamp, id__lt=pk)
    )
