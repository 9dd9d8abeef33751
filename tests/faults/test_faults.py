"""The fault suite: workers killed, the broker stopped, the database restarted, mid-work.

Each test breaks one real service while real Celery processes work, lets
the product recover by itself (the beat's sweep, the tasks' retries,
nobody's help), and then checks the end state: every article stored
exactly once and tagged, every batch ended with counts that match its
rows, nothing done twice.
"""

from __future__ import annotations

import io
import json
from collections import Counter

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection, transaction
from django.db.models import Count

from articles.ingest import Record
from articles.models import Article, IngestBatch, Thread
from articles.services.uploads import accept_uploads
from negotiation_tracker import localservices
from tests.faults.conftest import wait_for

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.worker]

TALK = (
    "قال المتحدث باسم الخارجية القطرية إن جولة جديدة من المفاوضات غير المباشرة بين إسرائيل "
    "وحماس ستعقد في الدوحة بوساطة مصرية لبحث وقف إطلاق النار وتبادل الأسرى، الخبر رقم {n}."
)


def rows(n: int, bad: int = 0) -> bytes:
    lines = [json.dumps({"title": f"خبر {i}", "text": TALK.format(n=i)}, ensure_ascii=False)
             for i in range(n)]  # fmt: skip
    for i in range(bad):
        lines.insert(5 + i * 7, '{"title": "مكسور", "text": ')
    return "\n".join(lines).encode()


def all_tagged(n: int) -> bool:
    return Article.objects.filter(tagged_at__isnull=False).count() == n


def batch_ended(pk: int) -> bool:
    return IngestBatch.objects.get(pk=pk).status in (
        IngestBatch.Status.DONE,
        IngestBatch.Status.FAILED,
    )


def assert_stored_once_and_tagged(n: int) -> None:
    titles = Counter(Article.objects.values_list("title", flat=True))
    assert len(titles) == n and set(titles.values()) == {1}, "an article was stored twice"
    states = dict(Article.objects.values_list("status").annotate(n=Count("id")))
    assert states == {Article.Status.PROCESSED: n}, states
    assert all_tagged(n)
    # Thread counts kept on write match the rows: no article counted twice.
    for thread in Thread.objects.filter(article_count__gt=0):
        assert thread.article_count == thread.articles.count()


def assert_batch(pk: int, *, read: int, created: int, rejected: int) -> IngestBatch:
    batch = IngestBatch.objects.get(pk=pk)
    assert batch.status == IngestBatch.Status.DONE, batch.message
    assert (batch.read_count, batch.created_count, batch.rejected_count) == (
        read, created, rejected,
    ), (batch.read_count, batch.created_count, batch.duplicate_count, batch.rejected_count)  # fmt: skip
    assert batch.duplicate_count == read - created - rejected
    assert batch.created_count == Article.objects.filter(batch=batch).count()
    return batch


def upload(data: bytes, name: str = "fault.jsonl") -> IngestBatch:
    with transaction.atomic():
        (batch,) = accept_uploads([SimpleUploadedFile(name, data)], user=None)
    return batch


def test_worker_killed_during_an_upload_ingest(lexicon, celery):
    celery.worker()
    batch = upload(rows(400, bad=2))
    wait_for(
        lambda: Article.objects.filter(batch=batch).count() >= 30, 60, "the ingest's first chunks"
    )
    celery.kill_worker()
    batch.refresh_from_db()
    assert batch.status == IngestBatch.Status.RUNNING, "the ingest ended before the kill"
    assert Article.objects.filter(batch=batch).count() < 400
    celery.worker()
    celery.beat()
    wait_for(lambda: batch_ended(batch.pk) and all_tagged(400), 120, "the batch and tagging")
    batch = assert_batch(batch.pk, read=402, created=400, rejected=2)
    assert batch.attempts == 2  # one lost run, one that finished
    assert_stored_once_and_tagged(400)


def test_worker_killed_during_tagging(lexicon, celery, store, settings):
    settings.PROCESS_CHUNK_SIZE = 20
    store(*(Record(title=f"خبر {i}", text=TALK.format(n=i)) for i in range(200)), queue=True)
    celery.worker()
    wait_for(
        lambda: Article.objects.filter(tagged_at__isnull=False).count() >= 20, 60, "first tags"
    )
    celery.kill_worker()
    assert Article.objects.filter(tagged_at__isnull=False).count() < 200, "tagging ended first"
    celery.worker()
    celery.beat()
    wait_for(lambda: all_tagged(200), 120, "tagging after the kill")
    assert_stored_once_and_tagged(200)


def test_redis_stopped_during_an_upload(lexicon, celery, broker, admin_client, tmp_path):
    celery.worker()
    celery.beat()
    broker.stop()
    # The upload page accepts the file although its task cannot be sent.
    response = admin_client.post(
        "/upload/", {"files": [SimpleUploadedFile("down.jsonl", rows(60, bad=1))]}
    )
    assert response.status_code == 302
    batch = IngestBatch.objects.get()
    assert (batch.status, batch.task_id) == (IngestBatch.Status.QUEUED, "")
    # The command stores its rows, says so in one line, and leaves them queued for later.
    path = tmp_path / "cli.jsonl"
    path.write_bytes(rows(100).replace("خبر".encode(), "سطر".encode()))
    err = io.StringIO()
    call_command("ingest", str(path), stdout=io.StringIO(), stderr=err, verbosity=0)
    assert err.getvalue().count("the task queue is unreachable") == 1, err.getvalue()
    cli = IngestBatch.objects.exclude(pk=batch.pk).get()
    assert_batch(cli.pk, read=100, created=100, rejected=0)
    assert not Article.objects.filter(batch=cli, queued_at__isnull=False).exists()

    broker.start()  # the same port, and empty: every message sent before is gone
    wait_for(lambda: batch_ended(batch.pk) and all_tagged(160), 120, "work after the broker")
    assert_batch(batch.pk, read=61, created=60, rejected=1)
    assert_stored_once_and_tagged(160)


def test_postgres_restarted_during_processing(lexicon, celery, store, settings):
    if not localservices.is_embedded():
        pytest.skip("restarts only the embedded PostgreSQL this checkout runs")
    settings.PROCESS_CHUNK_SIZE = 20
    store(*(Record(title=f"خبر {i}", text=TALK.format(n=i)) for i in range(200)), queue=True)
    celery.worker()
    celery.beat()
    wait_for(
        lambda: Article.objects.filter(tagged_at__isnull=False).count() >= 20, 60, "first tags"
    )
    assert Article.objects.filter(tagged_at__isnull=False).count() < 200, "tagging ended first"
    connection.close()
    localservices._pg_ctl(localservices.data_dir() / "postgres", "-m", "fast", "restart")
    wait_for(lambda: all_tagged(200), 120, "processing after the restart")
    assert_stored_once_and_tagged(200)
