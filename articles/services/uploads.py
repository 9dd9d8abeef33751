"""Uploaded files: kept on disk with their batch, read by a worker."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from articles.ingest import read_file
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
    path = Path(batch.upload.path)
    limits = limits_from_settings()
    # Counting first costs one extra read but gives the progress bar its end.
    batch.expected = sum(1 for _ in read_file(path, limits)) if progress else 0
    return ingest_items(batch, read_file(path, limits), progress=progress)
