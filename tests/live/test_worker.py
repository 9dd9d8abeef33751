"""Live sources on a real Celery worker: the beat entry's task polls, the workers tag what arrived."""

from __future__ import annotations

import json

import pytest
from django_celery_beat.models import PeriodicTask
from django_celery_beat.schedulers import DatabaseScheduler

from articles.models import Article, LiveSource
from articles.services.sources import register_source
from negotiation_tracker.celery import app
from tests.live.server import page, rss
from tests.live.texts import AR_DOHA, EN_MUSCAT, EN_OTHER
from tests.pipeline.test_worker import wait_for, worker  # noqa: F401

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.worker]

DATE = "Mon, 06 Jan 2025 10:00:00 GMT"


def test_beat_entry_polls_on_the_worker_and_articles_get_tagged(web, lexicon, worker) -> None:  # noqa: F811
    web.add("/ar/1.html", page(*AR_DOHA))
    web.add("/en/1.html", page(*EN_MUSCAT, lang="en"))
    web.add("/en/2.html", page(*EN_OTHER, lang="en"))
    web.add(
        "/feed.xml",
        rss(
            (AR_DOHA[0], "{base}/ar/1.html", DATE),
            (EN_MUSCAT[0], "{base}/en/1.html", DATE),
            (EN_OTHER[0], "{base}/en/2.html", DATE),
        ),
        content_type="application/rss+xml",
    )
    source = register_source(web.url("/feed.xml"), name="Example", interval_minutes=5)
    # The database scheduler sees the source's entry with its interval.
    entry = DatabaseScheduler(app=app, lazy=True).all_as_schedule()[
        PeriodicTask.objects.get(pk=source.schedule_id).name
    ]
    assert entry.task == "live.poll_source" and entry.schedule.run_every.total_seconds() == 300
    # Run what beat would send, twice (a redelivery): nothing is stored twice.
    args = json.loads(PeriodicTask.objects.get(pk=source.schedule_id).args)
    first = app.send_task("live.poll_source", args=args)
    second = app.send_task("live.poll_source", args=args)
    first.get(timeout=180)
    second.get(timeout=180)
    wait_for(lambda: Article.objects.filter(tagged_at__isnull=False).count() == 3, 180)
    assert Article.objects.count() == 3
    assert Article.objects.get(title=AR_DOHA[0]).is_negotiation is True
    assert Article.objects.get(title=EN_MUSCAT[0]).is_negotiation is True
    assert Article.objects.get(title=EN_OTHER[0]).is_negotiation is False
    assert web.hits["/ar/1.html"] == 1
    assert LiveSource.objects.get().last_success_at is not None
