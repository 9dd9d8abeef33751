"""Live sources: register them, keep their beat schedule, poll them into the ingest path.

A poll fetches the source's URL (conditionally), lists its entries, records
the new ones (``LiveEntry``, unique per source, so an entry is fetched at
most until it succeeds) and fetches the pages still waiting, a capped
number per poll. Each page's main text goes through the uploads' reader
(``articles.ingest.read_bytes``, trafilatura for HTML) and the uploads'
store service (``ingest_items``): cleaning, story split, duplicates and the
workers' tagging are the same code as for an upload.

Failures are the source's own: a poll that fails records its reason, backs
off (the interval doubled per failure in a row, up to a day) and, after
``LIVE_MAX_FAILURES`` in a row, disables the source; a page that fails is
reported on the source and its entry, and the poll goes on. Nothing a
source does stops another's poll.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from datetime import timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import DatabaseError, InterfaceError, transaction
from django.db.models import F, Q
from django.utils import timezone

from articles.ingest import Record, RowError, read_bytes
from articles.live import (
    Crawler,
    CrawlerSettings,
    Entry,
    FetchError,
    Response,
    detect_kind,
    page_text,
    parse_listing,
)
from articles.live.crawler import Robots, is_private
from articles.live.formats import gunzipped
from articles.models import Article, CrawlHost, IngestBatch, LiveEntry, LiveSource, Source
from articles.services.ingest import create_batch, ingest_items, limits_from_settings

log = logging.getLogger(__name__)

POLL_TASK = "live.poll_source"
# Shorter main text than this is navigation, not an article (a live page, unlike
# an admin's upload, may be anything the site serves).
MIN_TEXT_CHARS = 200
STALE_CLAIM = timedelta(minutes=15)
MAX_BACKOFF = timedelta(days=1)
_ACCEPT = {
    LiveSource.Kind.FEED: "application/rss+xml, application/atom+xml, application/xml;q=0.9, */*;q=0.5",
    LiveSource.Kind.SITEMAP: "application/xml, text/xml;q=0.9, */*;q=0.5",
    LiveSource.Kind.PAGE: "text/html, application/xhtml+xml;q=0.9, */*;q=0.5",
    LiveSource.Kind.AUTO: "application/rss+xml, application/atom+xml, application/xml, text/html;q=0.9, */*;q=0.5",
}


# --- registering -----------------------------------------------------------


def register_source(
    url: str,
    *,
    name: str = "",
    interval_minutes: int = 30,
    lang: str = "",
    kind: str = LiveSource.Kind.AUTO,
    user=None,
) -> LiveSource:
    """A new live source (or the existing one for ``url``, updated), with its beat entry.

    Its articles are stored under the outlet named ``name`` (created if
    new), or the host name when no name is given.
    """
    url = url.strip()
    URLValidator(schemes=["http", "https"])(url)
    if interval_minutes < 1:
        raise ValidationError("the interval must be at least one minute")
    if lang not in ("", "ar", "en"):
        raise ValidationError("the language must be ar or en")
    host = (urlsplit(url).hostname or url).removeprefix("www.")
    outlet, _ = Source.objects.get_or_create(
        name=(name or host)[:200], defaults={"display_name": name[:200], "url": _site(url)}
    )
    with transaction.atomic():
        source, created = LiveSource.objects.get_or_create(
            url=url,
            defaults={
                "name": name[:200] or host,
                "outlet": outlet,
                "interval_minutes": interval_minutes,
                "lang": lang,
                "kind": kind,
                "created_by": user,
            },
        )
        if not created:
            source.name = name[:200] or source.name
            source.outlet = outlet if name else source.outlet
            source.interval_minutes, source.lang = interval_minutes, lang or source.lang
            source.save()
        sync_schedule(source)
    return source


def _site(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}/"


def sync_schedule(source: LiveSource) -> None:
    """Create or update the source's django-celery-beat entry to match its interval and state.

    Admins change the interval (or disable the source) on the live source
    itself; this keeps the beat entry, which the scheduler reads from the
    database, in step.
    """
    from django_celery_beat.models import IntervalSchedule, PeriodicTask

    interval, _ = IntervalSchedule.objects.get_or_create(
        every=source.interval_minutes, period=IntervalSchedule.MINUTES
    )
    fields = {
        "name": f"live source {source.pk}: {source.url}"[:200],
        "task": POLL_TASK,
        "args": json.dumps([source.pk]),
        "interval": interval,
        "crontab": None,
        "enabled": source.enabled,
        "description": f"Poll {source.url}"[:1000],
    }
    task = source.schedule
    if task is None:
        task = PeriodicTask.objects.filter(name=fields["name"]).first() or PeriodicTask()
    for key, value in fields.items():
        setattr(task, key, value)
    task.save()
    if source.schedule_id != task.pk:
        LiveSource.objects.filter(pk=source.pk).update(schedule=task)
        source.schedule = task


def drop_schedule(source: LiveSource) -> None:
    """Remove the beat entry of a deleted source."""
    if source.schedule_id:
        from django_celery_beat.models import PeriodicTask

        PeriodicTask.objects.filter(pk=source.schedule_id).delete()


def enable(source: LiveSource) -> None:
    """Enable a source again (an admin's action): failures are forgotten, the next poll is now."""
    source.enabled, source.disabled_reason, source.failures = True, "", 0
    source.next_poll_at = None
    source.save(update_fields=["enabled", "disabled_reason", "failures", "next_poll_at"])
    sync_schedule(source)


# --- polling ---------------------------------------------------------------


@dataclass
class PollReport:
    """What one poll did, for the command's output and the task's result."""

    source_id: int
    url: str = ""
    skipped: str = ""
    not_modified: bool = False
    listed: int = 0
    new_entries: int = 0
    fetched: int = 0
    stored: int = 0
    duplicates: int = 0
    failed: int = 0
    error: str = ""
    page_errors: list[str] = field(default_factory=list)

    def line(self) -> str:
        if self.skipped:
            return f"#{self.source_id} {self.url}: skipped ({self.skipped})"
        if self.error:
            return f"#{self.source_id} {self.url}: FAILED: {self.error}"
        state = "not modified, " if self.not_modified else ""
        return (
            f"#{self.source_id} {self.url}: {state}{self.listed} listed, {self.new_entries} new, "
            f"{self.fetched} fetched, {self.stored} stored, {self.duplicates} duplicates, "
            f"{self.failed} failed"
        )


def crawler(*, allow_private: bool = False) -> Crawler:
    """A crawler with the product's settings, the broker's Redis for the host gate, robots in the database.

    ``allow_private`` lets it reach local and private addresses: only for a
    source an admin registered at such an address (the demo's sample site,
    an intranet feed), never because a feed's entries point there.
    """
    import redis

    client = redis.Redis.from_url(settings.CELERY_BROKER_URL)
    return Crawler(
        CrawlerSettings(
            user_agent=settings.LIVE_USER_AGENT,
            connect_timeout=settings.LIVE_CONNECT_TIMEOUT,
            read_timeout=settings.LIVE_READ_TIMEOUT,
            total_timeout=settings.LIVE_TOTAL_TIMEOUT,
            max_bytes=settings.LIVE_MAX_BYTES,
            host_delay=settings.LIVE_HOST_DELAY,
            allow_private=allow_private,
        ),
        client,
        (_robots_get, _robots_put),
    )


def _robots_get(origin: str) -> Robots | None:
    row = CrawlHost.objects.filter(origin=origin[:300]).first()
    if row is None or row.robots_fetched_at is None:
        return None
    return Robots(row.robots_txt, row.robots_status, row.robots_fetched_at)


def _robots_put(origin: str, robots: Robots) -> None:
    CrawlHost.objects.update_or_create(
        origin=origin[:300],
        defaults={
            "robots_txt": robots.text[:500_000],
            "robots_status": robots.status,
            "robots_fetched_at": robots.fetched_at,
        },
    )


def due_sources() -> list[int]:
    """Enabled sources whose next poll time has come (the command's loop without beat)."""
    now = timezone.now()
    return list(
        LiveSource.objects.filter(enabled=True)
        .filter(Q(next_poll_at__isnull=True) | Q(next_poll_at__lte=now))
        .order_by("id")
        .values_list("id", flat=True)
    )


def poll_sources(ids: list[int] | None = None, *, force: bool = True) -> list[PollReport]:
    """Poll the given sources (or every enabled one) one after the other."""
    if ids is None:
        ids = list(
            LiveSource.objects.filter(enabled=True).order_by("id").values_list("id", flat=True)
        )
    return [poll_source(pk, force=force) for pk in ids]


def poll_source(
    source_id: int, *, force: bool = False, client: Crawler | None = None
) -> PollReport:
    """Poll one source if it is due (or ``force``), unless another worker is polling it now.

    Safe to run twice: entries are unique per source and claimed by status,
    exact duplicates are refused by the store, and the claim on the source
    row keeps two polls of one source from running together.
    """
    report = PollReport(source_id)
    source = _claim(source_id, force)
    if source is None:
        row = LiveSource.objects.filter(pk=source_id).values("url", "enabled").first()
        report.url = row["url"] if row else ""
        report.skipped = (
            "no such source" if row is None
            else "disabled" if not row["enabled"] and not force
            else "not due yet, or being polled"
        )  # fmt: skip
        return report
    report.url = source.url
    own = client is None
    c = crawler(allow_private=is_private(source.url)) if own else client
    try:
        _poll(source, c, report)
    except (FetchError, ValueError) as exc:
        report.error = getattr(exc, "reason", None) or str(exc)
        _failed(source, report.error, getattr(exc, "retry_after", None))
    except (DatabaseError, InterfaceError):
        _release(source)
        raise
    except Exception as exc:  # a bug or a library's surprise must not stop the other sources
        log.exception("poll of live source %s failed", source.pk)
        report.error = f"{type(exc).__name__}: {exc}"[:500]
        _failed(source, report.error, None)
    else:
        _succeeded(source, report)
    finally:
        if own:
            c.close()
    return report


def _claim(source_id: int, force: bool) -> LiveSource | None:
    """Take the source for this poll with one UPDATE; None if not due, disabled or taken."""
    now = timezone.now()
    qs = LiveSource.objects.filter(pk=source_id).filter(
        Q(polling_since__isnull=True) | Q(polling_since__lt=now - STALE_CLAIM)
    )
    if not force:
        # A quarter of the interval (at most 30 s) of slack: beat's ticks are not exact.
        qs = qs.filter(enabled=True).filter(
            Q(next_poll_at__isnull=True) | Q(next_poll_at__lte=now + timedelta(seconds=15))
        )
    if not qs.update(polling_since=now, last_polled_at=now):
        return None
    return LiveSource.objects.select_related("outlet").get(pk=source_id)


def _release(source: LiveSource) -> None:
    LiveSource.objects.filter(pk=source.pk).update(polling_since=None)


def _succeeded(source: LiveSource, report: PollReport) -> None:
    now = timezone.now()
    changes = {
        "polling_since": None,
        "last_success_at": now,
        "failures": 0,
        "next_poll_at": now + timedelta(minutes=source.interval_minutes),
    }
    if not source.enabled:  # an admin polled a disabled source by hand, and it worked
        changes.update(enabled=True, disabled_reason="")
    if report.page_errors:
        changes.update(last_error=report.page_errors[-1][:2000], last_error_at=now)
    LiveSource.objects.filter(pk=source.pk).update(**changes)
    if not source.enabled:
        source.enabled = True
        sync_schedule(source)


def _failed(source: LiveSource, reason: str, retry_after: float | None) -> None:
    """Record a failed poll: the reason, the back-off, and past the limit, the source disabled."""
    now = timezone.now()
    failures = source.failures + 1
    wait = min(timedelta(minutes=source.interval_minutes) * 2 ** (failures - 1), MAX_BACKOFF)
    if retry_after:
        wait = max(wait, timedelta(seconds=min(retry_after, MAX_BACKOFF.total_seconds())))
    changes = {
        "polling_since": None,
        "failures": failures,
        "last_error": reason[:2000],
        "last_error_at": now,
        "next_poll_at": now + wait,
    }
    disable = failures >= settings.LIVE_MAX_FAILURES and source.enabled
    if disable:
        changes.update(
            enabled=False,
            disabled_reason=f"disabled after {failures} failed polls in a row: {reason}"[:300],
        )
    LiveSource.objects.filter(pk=source.pk).update(**changes)
    if disable:
        source.enabled = False
        sync_schedule(source)


def _poll(source: LiveSource, c: Crawler, report: PollReport) -> None:
    kind = source.kind
    response = c.get(
        source.url, etag=source.etag, last_modified=source.last_modified, accept=_ACCEPT[kind]
    )
    if response.not_modified:
        report.not_modified = True
    else:
        body = gunzipped(response.body, settings.LIVE_MAX_BYTES)
        if kind == LiveSource.Kind.AUTO:
            kind = detect_kind(body, response.content_type)
            LiveSource.objects.filter(pk=source.pk).update(kind=kind)
        if kind == LiveSource.Kind.PAGE:
            entries = [Entry(url=response.url, key=source.url)]
        else:
            entries = _listing_entries(kind, body, response, c, report)
        report.listed = len(entries)
        report.new_entries = _record_entries(source, entries)
        LiveSource.objects.filter(pk=source.pk).update(
            etag=response.headers.get("etag", "")[:500],
            last_modified=response.headers.get("last-modified", "")[:100],
        )
        if kind == LiveSource.Kind.PAGE:
            # The page itself was the listing: store it from this response.
            entry = LiveEntry.objects.get(source=source, key=entries[0].digest)
            if report.new_entries or entry.status in (
                LiveEntry.Status.PENDING,
                LiveEntry.Status.FAILED,
            ):
                _store_page(source, entry, response, _Batch(source), report)
            return
    _fetch_pending(source, c, report)


def _listing_entries(
    kind: str, body: bytes, response: Response, c: Crawler, report: PollReport
) -> list[Entry]:
    listing = parse_listing(kind, body, response.url, response.content_type)
    entries = list(listing.entries)
    for child in listing.sitemaps:
        try:
            sub = c.get(child, accept=_ACCEPT[LiveSource.Kind.SITEMAP])
            entries += parse_listing(
                "sitemap", gunzipped(sub.body, settings.LIVE_MAX_BYTES), sub.url
            ).entries
        except (FetchError, ValueError) as exc:
            report.page_errors.append(f"{child}: {getattr(exc, 'reason', None) or exc}")
    if listing.sitemaps and len(report.page_errors) == len(listing.sitemaps):
        raise ValueError(f"no sitemap of the index could be read: {report.page_errors[-1]}")
    return entries


def _record_entries(source: LiveSource, entries: list[Entry]) -> int:
    """Insert the entries not seen before; returns how many were new."""
    seen: dict[str, Entry] = {}
    for e in entries:
        seen.setdefault(e.digest, e)
    known = set(
        LiveEntry.objects.filter(source=source, key__in=list(seen)).values_list("key", flat=True)
    )
    fresh = [
        LiveEntry(
            source=source,
            key=digest,
            url=e.url[:2000],
            title=e.title[:2000],
            published_at=e.published_at,
        )
        for digest, e in seen.items()
        if digest not in known
    ]
    LiveEntry.objects.bulk_create(fresh, ignore_conflicts=True)
    return len(fresh)


class _Batch:
    """The poll's ingest batch, created with the first page that has something to store."""

    def __init__(self, source: LiveSource) -> None:
        self.source = source
        self.batch: IngestBatch | None = None

    def get(self) -> IngestBatch:
        if self.batch is None:
            self.batch = create_batch(kind=IngestBatch.Kind.LIVE, filename=self.source.url)
        return self.batch


def _fetch_pending(source: LiveSource, c: Crawler, report: PollReport) -> None:
    """Fetch the entries still waiting, newest first, up to the per-poll cap."""
    todo = list(
        LiveEntry.objects.filter(
            source=source,
            status__in=[LiveEntry.Status.PENDING, LiveEntry.Status.FAILED],
            attempts__lt=settings.LIVE_MAX_ENTRY_ATTEMPTS,
        ).order_by(F("published_at").desc(nulls_last=True), "id")[
            : settings.LIVE_MAX_ENTRIES_PER_POLL
        ]
    )
    batch = _Batch(source)
    for entry in todo:
        try:
            response = c.get(entry.url, accept=_ACCEPT[LiveSource.Kind.PAGE])
        except FetchError as exc:
            _entry_failed(
                entry, exc.reason, blocked="robots.txt" in exc.reason, final=not exc.transient
            )
            report.failed += 1
            report.page_errors.append(f"{entry.url}: {exc.reason}")
            continue
        _store_page(source, entry, response, batch, report)


def _entry_failed(
    entry: LiveEntry, reason: str, *, blocked: bool = False, final: bool = False
) -> None:
    status = LiveEntry.Status.BLOCKED if blocked else LiveEntry.Status.FAILED
    attempts = settings.LIVE_MAX_ENTRY_ATTEMPTS if final or blocked else entry.attempts + 1
    LiveEntry.objects.filter(pk=entry.pk).update(
        status=status, attempts=attempts, error=reason[:2000], fetched_at=timezone.now()
    )


def _store_page(
    source: LiveSource, entry: LiveEntry, response: Response, batch: _Batch, report: PollReport
) -> None:
    """One page through the uploads' HTML reader and store service; the entry records the outcome."""
    report.fetched += 1
    text = page_text(response.body, response.content_type)
    items: list[Record | RowError] = []
    for item in read_bytes(
        f"{_page_name(response.url)}.html", text.encode("utf-8"), limits_from_settings()
    ):
        if isinstance(item, Record) and len(item.text.strip()) < MIN_TEXT_CHARS:
            # A menu or a cookie notice is what is left of a page with no story.
            item = RowError(response.url, None, "empty body (no main text found in the page)")
        if isinstance(item, Record):
            item.url = response.url[:2000]
            item.source = source.outlet.name if source.outlet_id else item.source
            item.lang = source.lang or item.lang
            item.published_at = entry.published_at or item.published_at
            item.title = item.title or entry.title
            item.origin = response.url
        items.append(item)
    b = batch.get()
    before = (b.created_count, b.duplicate_count, b.rejected_count)
    ingest_items(b, items, queue=True)
    created = b.created_count - before[0]
    duplicates = b.duplicate_count - before[1]
    rejected = b.rejected_count - before[2]
    now = timezone.now()
    if created:
        article = (
            Article.objects.filter(batch=b, url=response.url[:2000])
            .order_by("id")
            .values_list("id", flat=True)
            .first()
        )
        LiveEntry.objects.filter(pk=entry.pk).update(
            status=LiveEntry.Status.STORED, article_id=article, stored_count=created,
            error="", fetched_at=now, attempts=entry.attempts + 1,
        )  # fmt: skip
        report.stored += created
    elif duplicates:
        LiveEntry.objects.filter(pk=entry.pk).update(
            status=LiveEntry.Status.DUPLICATE, error="", fetched_at=now, attempts=entry.attempts + 1
        )
        report.duplicates += duplicates
    else:
        reasons = [e.reason for e in items if isinstance(e, RowError)] or ["nothing stored"]
        reason = "no main text found in the page" if rejected else reasons[0]
        LiveEntry.objects.filter(pk=entry.pk).update(
            status=LiveEntry.Status.EMPTY, error=reason[:2000], fetched_at=now,
            attempts=settings.LIVE_MAX_ENTRY_ATTEMPTS,
        )  # fmt: skip
        report.failed += 1
        report.page_errors.append(f"{response.url}: {reason}")


def _page_name(url: str) -> str:
    path = urlsplit(url).path.rstrip("/").rsplit("/", 1)[-1] or urlsplit(url).netloc
    return path.rsplit(".", 1)[0][:100] or "page"
