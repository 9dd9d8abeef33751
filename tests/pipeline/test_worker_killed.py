"""A worker killed mid-batch loses no article: the sweep hands its work to the next worker."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import pytest
from celery.contrib.testing.worker import start_worker
from django.db import connection

from articles.benchmarks._harness import database_url
from articles.ingest import Record
from articles.models import Article
from articles.services.processing import requeue_pending
from negotiation_tracker.celery import app
from tests.pipeline.test_worker import wait_for

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.worker]

REPO = Path(__file__).resolve().parents[2]


def test_killed_worker_loses_no_article(lexicon, store):
    app.control.purge()
    texts = [
        f"قال المتحدث رقم {i} إن جولة المفاوضات بين الطرفين في الدوحة تناولت بنود الاتفاق "
        f"المقترح وتبادل الأسرى، وأضاف أن الوسطاء سيقدمون ردا مكتوبا في الأيام المقبلة {i}."
        for i in range(600)
    ]
    store(*(Record(title=f"t{i}", text=t) for i, t in enumerate(texts)), queue=False)
    ids = list(Article.objects.order_by("id").values_list("id", flat=True))
    from articles.tasks import process_articles

    for i in range(0, len(ids), 50):
        process_articles.delay(ids[i : i + 50])
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "negotiation_tracker.settings.test",
        "DATABASE_URL": database_url(connection.settings_dict["NAME"]),
    }
    worker = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "negotiation_tracker", "worker",
         "--pool", "solo", "--loglevel", "error", "--without-mingle", "--without-gossip"],
        cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        wait_for(lambda: Article.objects.filter(status=Article.Status.PROCESSED).exists(), 120)
    finally:
        worker.send_signal(signal.SIGKILL)
        worker.wait()
    left = Article.objects.filter(status=Article.Status.PENDING).count()
    assert left < len(ids)
    # The messages the dead worker held stay unacknowledged until Redis's
    # visibility timeout; the periodic sweep does not wait for that.
    app.control.purge()
    time.sleep(0.1)
    with start_worker(app, pool="threads", concurrency=2, perform_ping_check=False):
        requeue_pending(older_than=timedelta(0))
        wait_for(lambda: not Article.objects.exclude(tagged_at__isnull=False).exists(), 120)
    assert Article.objects.filter(status=Article.Status.PROCESSED).count() == len(ids)
