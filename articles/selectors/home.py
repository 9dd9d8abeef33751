"""The home page: the threads that moved, the newest articles and the processing queue."""

from __future__ import annotations

from typing import Any

from articles.cache import ARTICLES, cached, version
from articles.models import Article, IngestBatch

from .cards import Card, card_rows, to_cards
from .thread_state import home_threads


def queue_state() -> dict[str, int]:
    """How many articles wait for tagging and how many failed (status index, cached briefly).

    Counting a million pending rows takes a while, so twenty analysts on the
    home page share one count every half minute.
    """

    def compute() -> dict[str, int]:
        return {
            "pending": Article.objects.filter(status=Article.Status.PENDING).count(),
            "failed": Article.objects.filter(status=Article.Status.FAILED).count(),
        }

    return cached("queue", "all", compute, "queue")


def recent_batches(limit: int = 5) -> list[IngestBatch]:
    """The latest uploads and their outcome."""
    return list(IngestBatch.objects.order_by("-created_at")[:limit])


def latest_articles(limit: int = 12) -> list[Card]:
    """Newest articles by publication date, read straight off the published_at index."""
    rows = card_rows(Article.objects.filter(published_at__isnull=False))
    return to_cards(rows.order_by("-published_at", "-id")[:limit])


def body_state() -> str:
    """What the home page's body depends on: every article (its version is bumped on write)."""
    return f"v{version(ARTICLES)}"


def home(*, threads: int = 8, articles: int = 12) -> dict[str, Any]:
    """Everything the home page shows."""
    return {
        "threads": home_threads(threads),
        "articles": latest_articles(articles),
        "queue": queue_state(),
        "batches": recent_batches(),
    }
