"""Uploaded files: kept in the configured storage with their batch, read by a worker.

The web process writes the file through Django's storage and the worker
reads it back through the same API, never by a path: with an object store
configured (``AWS_STORAGE_BUCKET_NAME``) the worker may run on a host that
never saw the file.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import PurePosixPath

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models.fields.files import FieldFile

from articles.ingest import read_stored
from articles.models import IngestBatch
from articles.services.ingest import create_batch, ingest_items, limits_from_settings


def accept_uploads(
    files: list[UploadedFile], *, user, kind: str = IngestBatch.Kind.UPLOAD
) -> list[IngestBatch]:
    """Store each file with a batch of its own and queue it for a worker."""
    from articles.tasks import ingest_batch

    batches = []
    for f in files:
        batch = create_batch(kind=kind, filename=f.name, user=user, upload=f)
        batches.append(batch)
        transaction.on_commit(lambda b=batch: _start(b, ingest_batch))
    return batches


def _start(batch: IngestBatch, task) -> None:
    result = task.delay(batch.pk)
    IngestBatch.objects.filter(pk=batch.pk).update(task_id=result.id)


def ingest_upload(
    batch_id: int, progress: Callable[[IngestBatch], None] | None = None
) -> IngestBatch:
    """Read a batch's uploaded file; a batch already done is left as it is."""
    batch = IngestBatch.objects.get(pk=batch_id)
    if batch.status == IngestBatch.Status.DONE:
        return batch
    if batch.status == IngestBatch.Status.RUNNING:
        # A worker died mid-file: start the report again. Articles already
        # stored come back as duplicates, so nothing is stored twice.
        batch.read_count = batch.created_count = batch.duplicate_count = batch.rejected_count = 0
        batch.errors = []
    upload = batch.upload
    name = batch.filename or PurePosixPath(upload.name).name
    size = upload.size
    limits = limits_from_settings()
    # Fetched once however often it is read: counting first gives the
    # progress bar its end.
    load = functools.cache(functools.partial(_fetch, upload))
    batch.expected = sum(1 for _ in read_stored(name, size, load, limits)) if progress else 0
    return ingest_items(batch, read_stored(name, size, load, limits), progress=progress)


def _fetch(upload: FieldFile, limit: int) -> bytes:
    """At most ``limit`` bytes of the stored file, through its storage."""
    with upload.open("rb") as f:
        return f.read(limit)
