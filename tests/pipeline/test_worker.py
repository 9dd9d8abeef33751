"""The real thing: a Celery worker on the real Redis broker against the test database."""

from __future__ import annotations

import time

import pytest
from celery.contrib.testing.worker import start_worker
from django.core.files.uploadedfile import SimpleUploadedFile

from articles.ingest import Record
from articles.models import Article, IngestBatch
from articles.services.processing import requeue_pending
from negotiation_tracker.celery import app
from tests.pipeline.test_processing import OTHER, WIRE
from tests.pipeline.test_tagging import TALKS

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.worker]


@pytest.fixture
def worker(transactional_db):
    app.control.purge()
    with start_worker(
        app, pool="threads", concurrency=2, perform_ping_check=False, shutdown_timeout=30
    ):
        yield


def wait_for(predicate, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.2)
    raise AssertionError("the worker did not finish in time")


def test_ingest_is_processed_and_tagged_by_the_worker(lexicon, store, worker):
    store(
        Record(title="a", text=TALKS),
        Record(title="b", text=WIRE),
        Record(title="c", text=OTHER),
        queue=True,
    )
    wait_for(lambda: Article.objects.filter(tagged_at__isnull=False).count() == 3)
    assert not Article.objects.exclude(status=Article.Status.PROCESSED).exists()
    assert Article.objects.get(title="a").is_negotiation is True
    assert Article.objects.get(title="c").is_negotiation is False


def test_articles_left_pending_by_a_lost_worker_are_finished(lexicon, store, worker):
    from datetime import timedelta

    # Stored but never queued: as if the worker holding their task died and
    # its message was lost.
    store(Record(title="a", text=TALKS), Record(title="c", text=OTHER), queue=False)
    assert requeue_pending(older_than=timedelta(0)) == 2
    wait_for(lambda: Article.objects.filter(tagged_at__isnull=False).count() == 2)


def test_upload_page_runs_the_batch_on_the_worker(lexicon, worker, admin_client):
    data = ('{"title": "مفاوضات", "text": "' + TALKS + '"}\n{not json}\n').encode()
    response = admin_client.post(
        "/upload/", {"files": [SimpleUploadedFile("batch.jsonl", data)]}, follow=False
    )
    assert response.status_code == 302
    batch = IngestBatch.objects.get()
    wait_for(lambda: IngestBatch.objects.get().status == IngestBatch.Status.DONE)
    batch.refresh_from_db()
    assert (batch.read_count, batch.created_count, batch.rejected_count) == (2, 1, 1)
    status = admin_client.get(f"/upload/status/?batches={batch.pk}").json()["batches"][0]
    assert status["done"] and status["percent"] == 100 and status["created"] == 1
    report = admin_client.get(f"/upload/batches/{batch.pk}/")
    assert report.status_code == 200
    assert "not valid JSON" in report.content.decode() or "JSON" in report.content.decode()
