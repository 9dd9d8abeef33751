"""Every batch ends, the sweep sends only lost work, and no article holds back its neighbours."""

from __future__ import annotations

import base64
import json
from datetime import timedelta

import pytest
import redis
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from articles.ingest import Record
from articles.models import Article, IngestBatch, TaskAttempt
from articles.services import attempts
from articles.services.ingest import create_batch
from articles.services.processing import process_articles, requeue_pending
from articles.services.uploads import claim_batch, ingest_upload
from negotiation_tracker.celery import app
from tests.pipeline.test_tagging import TALKS

pytestmark = pytest.mark.django_db


def jsonl(*texts: str) -> bytes:
    return "\n".join(
        json.dumps({"title": f"t{i}", "text": t}, ensure_ascii=False) for i, t in enumerate(texts)
    ).encode()


def uploaded(data: bytes, name: str = "up.jsonl") -> IngestBatch:
    return create_batch(
        kind=IngestBatch.Kind.UPLOAD, filename=name, upload=SimpleUploadedFile(name, data)
    )


def test_a_batch_whose_file_is_gone_fails_with_the_reason(admin_client):
    batch = uploaded(jsonl(TALKS))
    batch.upload.storage.delete(batch.upload.name)
    with pytest.raises(FileNotFoundError):
        ingest_upload(batch.pk)
    batch.refresh_from_db()
    assert batch.status == IngestBatch.Status.FAILED and batch.finished_at
    assert "FileNotFoundError" in batch.message
    (status,) = admin_client.get(f"/upload/status/?batches={batch.pk}").json()["batches"]
    assert status["done"] and status["failed"] and "FileNotFoundError" in status["message"]
    assert "FileNotFoundError" in admin_client.get(f"/upload/batches/{batch.pk}/").content.decode()


def test_a_batch_held_by_a_live_worker_is_not_run_twice(settings):
    batch = uploaded(jsonl(TALKS))
    assert claim_batch(batch.pk, "task-a") is not None
    assert claim_batch(batch.pk, "task-b") is None  # task-a's heartbeat is fresh
    assert claim_batch(batch.pk, "task-a") is not None  # task-a's own retry
    settings.BATCH_STALE_SECONDS = 0  # task-a was lost
    assert claim_batch(batch.pk, "task-c") is not None  # the third start
    assert claim_batch(batch.pk, "task-d") is None  # past TASK_MAX_ATTEMPTS (3)
    batch.refresh_from_db()
    assert batch.status == IngestBatch.Status.FAILED
    assert batch.message.startswith("stopped after 3 attempts")


def test_a_rerun_counts_what_its_first_run_stored_as_created(settings):
    texts = [f"{TALKS} الفقرة رقم {i}." for i in range(5)]
    batch = uploaded(jsonl(*texts) + b"\n{broken\n")
    ingest_upload(batch.pk)
    # As if the worker had died right before marking the batch done.
    IngestBatch.objects.filter(pk=batch.pk).update(
        status=IngestBatch.Status.RUNNING, heartbeat_at=timezone.now() - timedelta(hours=1)
    )
    batch = ingest_upload(batch.pk)
    assert batch.status == IngestBatch.Status.DONE
    assert (batch.read_count, batch.created_count, batch.duplicate_count, batch.rejected_count) == (
        6, 5, 0, 1,
    )  # fmt: skip
    assert Article.objects.filter(batch=batch).count() == 5


def test_a_command_batch_whose_process_died_ends_failed_with_what_it_stored(store, settings):
    batch = store(Record(title="a", text=TALKS))
    # As if the process had been killed mid-file.
    IngestBatch.objects.filter(pk=batch.pk).update(
        status=IngestBatch.Status.RUNNING,
        created_count=0,
        heartbeat_at=timezone.now() - timedelta(hours=1),
    )
    app.control.purge()
    try:
        requeue_pending()
    finally:
        app.control.purge()
    batch.refresh_from_db()
    assert batch.status == IngestBatch.Status.FAILED and batch.finished_at
    assert batch.message.startswith("interrupted") and batch.created_count == 1


def queued_ids(broker: redis.Redis, queue: str) -> list:
    """The first argument of every message waiting on ``queue`` (kombu's Redis layout)."""
    out = []
    for raw in broker.lrange(queue, 0, -1):
        message = json.loads(raw)
        args, _, _ = json.loads(base64.b64decode(message["body"]))
        out.append(args[0])
    return out


def test_the_sweep_sends_what_never_reached_the_broker_and_what_was_lost_only(store, settings):
    broker = redis.Redis.from_url(settings.CELERY_BROKER_URL)
    app.control.purge()
    # Titles no random token on the page can hold (a CSRF token held "t0" once).
    store(*(Record(title=f"chunk-{i}", text=f"{TALKS} رقم {i}") for i in range(3)), queue=False)
    never, recent, lost = Article.objects.order_by("id").values_list("id", flat=True)
    now = timezone.now()
    Article.objects.filter(pk=recent).update(queued_at=now)
    Article.objects.filter(pk=lost).update(queued_at=now - timedelta(hours=2))
    unsent = uploaded(jsonl(TALKS))  # accepted while the broker was down: no task id
    running = uploaded(jsonl(TALKS), "b.jsonl")
    IngestBatch.objects.filter(pk=running.pk).update(
        status=IngestBatch.Status.RUNNING, task_id="x", heartbeat_at=now - timedelta(hours=1)
    )
    alive = uploaded(jsonl(TALKS), "c.jsonl")
    IngestBatch.objects.filter(pk=alive.pk).update(
        status=IngestBatch.Status.RUNNING, task_id="y", heartbeat_at=now
    )
    try:
        requeue_pending()
        assert queued_ids(broker, "processing") == [[never, lost]]
        assert sorted(queued_ids(broker, "ingest")) == [unsent.pk, running.pk]
        # Sent now, so queued: the next sweep leaves them alone.
        requeue_pending()
        assert queued_ids(broker, "processing") == [[never, lost]]
        assert sorted(queued_ids(broker, "ingest")) == [unsent.pk, running.pk]
    finally:
        app.control.purge()


def test_a_chunk_that_lost_its_worker_is_redone_alone_and_the_culprit_given_up(
    store, lexicon, admin_client
):
    # Titles no random token on the page can hold (a CSRF token held "t0" once).
    store(*(Record(title=f"chunk-{i}", text=f"{TALKS} رقم {i}") for i in range(3)), queue=False)
    ids = list(Article.objects.order_by("id").values_list("id", flat=True))
    attempts.begin(attempts.work_key("process", ids))  # a worker died on the chunk
    for _ in range(settings.TASK_MAX_ATTEMPTS):  # ... and on ids[1] alone, each time
        attempts.begin(attempts.work_key("process", [ids[1]]))
    assert process_articles(ids) == 2
    rows = dict(Article.objects.values_list("id", "status"))
    assert rows == {ids[0]: "processed", ids[1]: "failed", ids[2]: "processed"}
    assert Article.objects.get(pk=ids[1]).error.startswith("stopped after 3 attempts")
    # Admins find it, with its reason, under the failed ones.
    page = admin_client.get("/admin/articles/article/?status__exact=failed").content.decode()
    assert "stopped after 3 attempts" in page and "chunk-0" not in page
    assert Article.objects.filter(tagged_at__isnull=False).count() == 2
    assert not TaskAttempt.objects.exists()


def test_poison_articles_are_processed_without_holding_back_the_chunk(store, lexicon):
    # Far past every per-article bound (the tagger reads 100,000 characters,
    # search 300,000, PostgreSQL refuses a lexeme of 2 KB), so larger fields
    # cost no more: what held workers for minutes was work beyond the bounds.
    token = "ب" * 3_000_000  # one 6 MB "word"
    words = (TALKS + " ") * (2_000_000 // len(TALKS))  # 4 MB of ordinary words
    store(
        Record(title="قبل", text=TALKS + " أ"),
        Record(title="كلمة", text=token),
        Record(title="كلمات", text=words),
        Record(title="بعد", text=TALKS + " ب"),
        queue=False,
    )
    ids = list(Article.objects.order_by("id").values_list("id", flat=True))
    assert process_articles(ids) == 4
    assert Article.objects.filter(status="processed", tagged_at__isnull=False).count() == 4
    assert len(Article.objects.get(title="كلمات").key_sentence) <= 320


def test_every_task_has_a_time_limit_under_the_visibility_timeout():
    """A message comes back after the visibility timeout only if its task is surely dead."""
    from articles import tasks

    visibility = app.conf.broker_transport_options["visibility_timeout"]
    assert 0 < app.conf.task_soft_time_limit < app.conf.task_time_limit < visibility
    ingest = app.conf.task_annotations["articles.tasks.ingest_batch"]
    assert 0 < ingest["soft_time_limit"] < ingest["time_limit"] < visibility
    for task in (tasks.process_articles, tasks.tag_articles, tasks.ingest_batch):
        assert task.acks_late and task.max_retries <= settings.TASK_MAX_ATTEMPTS
