"""The real tagger's events (no stand-in) reach the Event table: through the
processing service, and from a real Celery worker on the real broker."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from articles.models import Event

from .conftest import stored

WEDNESDAY = timezone.make_aware(dt.datetime(2024, 3, 27, 9))

RECALL = (
    "الدوحة - رفضت حركة حماس المقترح الأمريكي لوقف إطلاق النار في قطاع غزة وقدمت مقترحاً "
    "مضاداً عبر الوسطاء القطريين والمصريين، بحسب مصادر مطلعة على المفاوضات.\n"
    "وقال مكتب رئيس الوزراء الإسرائيلي إن إسرائيل استدعت فريق المفاوضات من الدوحة أمس، "
    "متهماً حماس بعرقلة المحادثات.\n"
    "ومن المقرر أن تستأنف المفاوضات غير المباشرة بين إسرائيل وحماس في القاهرة الإثنين "
    "بوساطة مصرية وقطرية.\n"
)


@pytest.mark.django_db
def test_tagged_events_are_stored_with_sentence_date_and_source(lexicon, store):
    [article] = stored(store, RECALL, published=[WEDNESDAY])
    events = list(Event.objects.filter(article=article))
    types = {e.type for e in events}
    assert {"rejection", "suspension", "talks_planned"} <= types
    recall = next(e for e in events if e.type == "suspension")
    assert recall.actors == ["ISR"]
    assert recall.when == dt.date(2024, 3, 26)  # «أمس» of a Wednesday article
    assert "استدعت فريق المفاوضات" in recall.sentence
    assert recall.origin == "tagger" and recall.tagger_version == article.tagger_version
    assert recall.thread_id == article.thread_id
    planned = next(e for e in events if e.type == "talks_planned")
    assert planned.when == dt.date(2024, 4, 1)  # the next Monday: a planned round lies ahead
    rejection = next(e for e in events if e.type == "rejection")
    assert rejection.actors == ["hamas"] and rejection.attributed_to == "مصادر مطلعة"


@pytest.fixture
def celery_worker(transactional_db):
    """A real Celery worker on the real Redis broker (as tests/pipeline/test_worker.py)."""
    from celery.contrib.testing.worker import start_worker

    from negotiation_tracker.celery import app

    app.control.purge()
    with start_worker(
        app, pool="threads", concurrency=2, perform_ping_check=False, shutdown_timeout=30
    ):
        yield


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_a_celery_worker_stores_the_events_it_tags(lexicon, store, celery_worker):
    from articles.ingest import Record
    from articles.models import Article
    from tests.pipeline.test_worker import wait_for

    store(Record(title="استدعاء الوفد", text=RECALL, published_at=WEDNESDAY), queue=True)
    wait_for(lambda: Article.objects.filter(tagged_at__isnull=False).exists())
    article = Article.objects.get()
    stored_types = set(Event.objects.filter(article=article).values_list("type", flat=True))
    assert {"rejection", "suspension", "talks_planned"} <= stored_types
    assert Event.objects.filter(article=article, type="suspension", actors=["ISR"]).exists()
