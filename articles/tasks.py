"""Celery tasks: ids in, one service call, nothing else.

Every task can run twice with the same result: services skip work already
done (status fields, upserts, unique constraints), tasks are acknowledged
only after they finish (``acks_late``) and retried a few times on database
errors, every task has a time limit (settings ``TASK_*TIME_LIMIT``), and a
periodic sweep re-queues whatever was left by a lost worker or never
reached the broker. How often a piece of work may start is bounded by the
services themselves (``services.attempts``), since a task that kills its
worker is redelivered by the broker, not retried by Celery.
"""

from __future__ import annotations

from celery import Task, shared_task
from django.db import DatabaseError, InterfaceError

_RETRY = {
    "autoretry_for": (DatabaseError, InterfaceError),
    "retry_backoff": 2,
    "retry_jitter": True,
    "max_retries": 3,
    "acks_late": True,
}


class _BatchTask(Task):
    """An ingest task whose batch ends failed, with the reason, when the task gives up."""

    def on_failure(self, exc, task_id, args, kwargs, einfo) -> None:
        from articles.services.uploads import batch_gave_up

        batch_gave_up(args[0] if args else kwargs.get("batch_id"), exc)


# Article and batch tasks report through their rows, not through results:
# sending them needs only the broker, never a result subscription (which,
# with Redis down, would hold the sender for twenty seconds).
_ROWS_REPORT = {"ignore_result": True}


@shared_task(**_RETRY, **_ROWS_REPORT)
def process_articles(ids: list[int]) -> int:
    """Search terms, near-duplicate clustering and tags for new articles."""
    from articles.services.processing import process_articles as process

    return process(ids)


@shared_task(**_RETRY, **_ROWS_REPORT)
def tag_articles(ids: list[int]) -> int:
    from articles.services.tagging import tag_articles as tag

    return tag(ids)


@shared_task(bind=True, base=_BatchTask, **_RETRY, **_ROWS_REPORT)
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

    batch = ingest_upload(batch_id, progress=progress, task_id=self.request.id or "")
    return {"batch": batch.pk, "status": batch.status}


@shared_task(**_RETRY)
def retag(ids: list[int]) -> int:
    """Re-tag articles whatever their tagger version (the admin action and ``retag``)."""
    from articles.services.tagging import tag_articles as tag

    return tag(ids, force=True)


@shared_task(acks_late=True)
def requeue_pending() -> int:
    """Periodic sweep: send batches and articles that a lost worker or a down broker left."""
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


@shared_task(name="alerts.rounds_coming_up", **_RETRY)
def alert_rounds_coming_up() -> int:
    """Hourly: the day before a planned round of talks, its thread's watchers are alerted (once)."""
    from articles.services.alerts import rounds_coming_up

    return rounds_coming_up()
