"""Live sources' health: what the sources page and the admin list show."""

from __future__ import annotations

from datetime import timedelta

from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from articles.models import LiveEntry, LiveSource

HEALTH_DAYS = 7


def with_health(qs: QuerySet[LiveSource]) -> QuerySet[LiveSource]:
    """Sources annotated with ``stored_recent`` (articles stored in the last week) and
    ``waiting``/``failing`` entry counts; one statement for the whole list."""
    since = timezone.now() - timedelta(days=HEALTH_DAYS)
    stored = (
        LiveEntry.objects.filter(source=OuterRef("pk"), fetched_at__gte=since)
        .values("source")
        .annotate(n=Sum("stored_count"))
        .values("n")
    )
    return qs.select_related("outlet").annotate(
        stored_recent=Coalesce(Subquery(stored, output_field=IntegerField()), 0),
        waiting=Count("entries", filter=Q(entries__status=LiveEntry.Status.PENDING)),
        failing=Count(
            "entries",
            filter=Q(
                entries__status__in=[
                    LiveEntry.Status.FAILED,
                    LiveEntry.Status.EMPTY,
                    LiveEntry.Status.BLOCKED,
                ],
                entries__fetched_at__gte=since,
            ),
        ),
    )


def per_day(source: LiveSource) -> float:
    """Articles stored per day over the last week (annotated by ``with_health``)."""
    return round(getattr(source, "stored_recent", 0) / HEALTH_DAYS, 1)


def health_rows() -> list[LiveSource]:
    """Every source with its health, the failing and disabled ones first."""
    rows = list(
        with_health(LiveSource.objects.all()).order_by("enabled", "-failures", "name", "id")
    )
    for s in rows:
        s.per_day = per_day(s)
    return rows


def recent_problems(source: LiveSource, limit: int = 20) -> QuerySet[LiveEntry]:
    """The source's latest entries that failed, had no text or were disallowed."""
    return source.entries.filter(
        status__in=[LiveEntry.Status.FAILED, LiveEntry.Status.EMPTY, LiveEntry.Status.BLOCKED]
    ).order_by("-fetched_at", "-id")[:limit]
