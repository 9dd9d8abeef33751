"""Uploaded files: kept in the configured storage with their batch, read by a worker.

The web process writes the file through Django's storage and the worker
reads it back through the same API, never by a path: with an object store
configured (``AWS_STORAGE_BUCKET_NAME``) the worker may run on a host that
never saw the file.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from datetime import timedelta
from pathlib import PurePosixPath

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import DatabaseError, connection, transaction
from django.db.models.fields.files import FieldFile
from django.utils import timezone

from articles.ingest import read_stored
from articles.models import IngestBatch
from articles.services import queue
from articles.services.ingest import (
    create_batch,
    fail_batch,
    ingest_items,
    limits_from_settings,
)
from articles.services.outbox import try_send


def accept_uploads(
    files: list[UploadedFile], *, user, kind: str = IngestBatch.Kind.UPLOAD
) -> list[IngestBatch]:
    """Store each file with a batch of its own and queue it for a worker.

    The batch row is the record of the work: if the broker cannot take the
    task now, the upload is still accepted and the sweep sends the batch
    when the broker is back (``send_batch`` leaves its ``task_id`` empty).
    """
    batches = []
    for f in files:
        batch = create_batch(kind=kind, filename=f.name, user=user, upload=f)
        batches.append(batch)
        transaction.on_commit(lambda b=batch: send_batch(b.pk))
    return batches


def send_batch(batch_id: int, *, force: bool = False) -> bool:
    """Hand a batch to the ingest workers; False when the broker is unreachable.

    The task id is recorded only on a batch not yet sent (or, ``force``,
    one the sweep sends again because its message or worker was lost).
    """
    result = try_send(lambda: queue.enqueue(queue.INGEST, batch_id))
    if result is None:
        return False
    batches = IngestBatch.objects.filter(pk=batch_id, status=IngestBatch.Status.QUEUED)
    if not force:
        batches = batches.filter(task_id="")
    # heartbeat_at of a queued batch: when its message was sent.
    batches.update(task_id=result.id, heartbeat_at=timezone.now())
    return True


def claim_batch(batch_id: int, task_id: str) -> IngestBatch | None:
    """Take ``batch_id`` for this task, or ``None`` when it is not this task's to run.

    A batch is free when queued, or running under a worker whose heartbeat
    stopped (that worker was lost), or running under this same task (a
    retry). A batch another live worker holds, or one that has ended, is
    left alone, so a redelivered message never runs a batch twice at once.
    Each claim counts an attempt; past ``TASK_MAX_ATTEMPTS`` the batch
    fails with the reason instead of killing worker after worker.
    """
    stale = timezone.now() - timedelta(seconds=settings.BATCH_STALE_SECONDS)
    with connection.cursor() as cur:
        cur.execute(
            """
            UPDATE articles_ingestbatch
            SET status = 'running', heartbeat_at = now(), attempts = attempts + 1, task_id = %s
            WHERE id = %s AND (
              status = 'queued'
              OR (status = 'running'
                  AND (heartbeat_at IS NULL OR heartbeat_at < %s OR task_id = %s)))
            RETURNING attempts
            """,
            [task_id[:64], batch_id, stale, task_id[:64]],
        )
        row = cur.fetchone()
    if row is None:
        return None
    batch = IngestBatch.objects.get(pk=batch_id)
    if row[0] > settings.TASK_MAX_ATTEMPTS:
        fail_batch(
            batch,
            f"stopped after {row[0] - 1} attempts: the worker reading it was lost each time",
        )
        return None
    return batch


def ingest_upload(
    batch_id: int,
    progress: Callable[[IngestBatch], None] | None = None,
    *,
    task_id: str = "",
) -> IngestBatch:
    """Read a batch's uploaded file; a batch that ended, or that a live worker holds, is left as it is.

    Whatever goes wrong ends the batch with the reason on its page (a
    missing file, an unreadable storage), except a database error, which
    is raised with the batch released so the task's retry takes it again.
    """
    batch = claim_batch(batch_id, task_id or f"direct-{batch_id}")
    if batch is None:
        return IngestBatch.objects.get(pk=batch_id)
    # A run that starts again reads the whole file again: the report starts
    # over, and the batch's counts come from its rows at the end.
    batch.read_count = batch.created_count = batch.duplicate_count = batch.rejected_count = 0
    batch.errors = []
    try:
        upload = batch.upload
        name = batch.filename or PurePosixPath(upload.name).name
        size = upload.size
        limits = limits_from_settings()
        # Fetched once however often it is read: counting first gives the
        # progress bar its end.
        load = functools.cache(functools.partial(_fetch, upload))
        batch.expected = sum(1 for _ in read_stored(name, size, load, limits)) if progress else 0
        return ingest_items(
            batch, read_stored(name, size, load, limits), progress=progress, retryable=True
        )
    except DatabaseError:
        raise
    except Exception as exc:
        if batch.status != IngestBatch.Status.FAILED:
            fail_batch(batch, f"{type(exc).__name__}: {exc}")
        raise


def batch_gave_up(batch_id: int | None, exc: BaseException) -> None:
    """A batch whose task gave up (retries spent, time limit) ends failed with the reason."""
    if batch_id is None:
        return
    reason = f"{type(exc).__name__}: {exc}"[:2000]
    IngestBatch.objects.filter(
        pk=batch_id, status__in=[IngestBatch.Status.QUEUED, IngestBatch.Status.RUNNING]
    ).update(status=IngestBatch.Status.FAILED, message=reason, finished_at=timezone.now())


def _fetch(upload: FieldFile, limit: int) -> bytes:
    """At most ``limit`` bytes of the stored file, through its storage."""
    with upload.open("rb") as f:
        return f.read(limit)
