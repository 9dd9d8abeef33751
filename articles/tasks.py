"""Celery tasks: ids in, one service call, nothing else.

Every task can run twice with the same result: services skip work already
done (status fields, upserts, unique constraints), tasks are acknowledged
only after they finish (``acks_late``) and retried on database errors, and
a periodic sweep re-queues whatever was left pending by a lost worker.
"""

from __future__ import annotations

from celery import shared_task
from django.db import DatabaseError, InterfaceError

_RETRY = {
    "autoretry_for": (DatabaseError, InterfaceError),
    "retry_backoff": 2,
    "retry_jitter": True,
    "max_retries": 5,
    "acks_late": True,
}


@shared_task(**_RETRY)
def process_articles(ids: list[int]) -> int:
    """Search terms, near-duplicate clustering and tags for new articles."""
    from articles.services.processing import process_articles as process

    return process(ids)


@shared_task(**_RETRY)
def tag_articles(ids: list[int]) -> int:
    from articles.services.tagging import tag_articles as tag

    return tag(ids)


@shared_task(bind=True, **_RETRY)
def ingest_batch(self, batch_id: int) -> dict:
    """Read an uploaded file into its batch, reporting progress as task state."""
    from articles.services.uploads import ingest_upload

    def progress(batch) -> None:
        self.update_state(
            state="PROGRESS",
            meta={
                "read": batch.read_count,
                "created": batch.created_count,
                "duplicates": batch.duplicate_count,
                "rejected": batch.rejected_count,
                "expected": getattr(batch, "expected", 0),
            },
        )

    batch = ingest_upload(batch_id, progress=progress)
    return {"batch": batch.pk, "status": batch.status}


@shared_task(**_RETRY)
def retag(ids: list[int]) -> int:
    """Re-tag articles whatever their tagger version (the admin action and ``retag``)."""
    from articles.services.tagging import tag_articles as tag

    return tag(ids, force=True)


@shared_task(acks_late=True)
def requeue_pending() -> int:
    """Periodic sweep: hand articles left pending by a lost worker back to the queue."""
    from articles.services.processing import requeue_pending as sweep

    return sweep()


# Live sources and alerts carry names of their own ("live.*", "alerts.*"), so
# a deployment can route each kind of work to a queue of its own.


@shared_task(name="live.poll_source", **_RETRY)
def poll_live_source(source_id: int, force: bool = False) -> dict:
    """Poll one live source if it is due, or now if ``force`` (beat runs it on the source's interval).

    Running twice is safe: the source row is claimed for the poll, entries
    are unique per source, and the store refuses exact duplicates.
    """
    from dataclasses import asdict

    from articles.services.sources import poll_source

    return asdict(poll_source(source_id, force=force))


@shared_task(name="alerts.send_emails", **_RETRY)
def send_alert_emails(watchlist_ids: list[int] | None = None) -> int:
    """Email the pending alerts of "at once" watchlists (these, or all of them on the sweep).

    Alerts are claimed before the message is sent and marked sent after, so
    a redelivered task finds nothing left to send.
    """
    from articles.services.alerts import send_emails

    return send_emails(watchlist_ids)


@shared_task(name="alerts.send_digests", **_RETRY)
def send_alert_digests() -> int:
    """Once a day: one email per "daily digest" watchlist with what it caught since the last."""
    from articles.services.alerts import send_emails

    return send_emails(None, digest=True)
