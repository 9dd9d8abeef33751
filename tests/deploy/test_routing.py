"""Each kind of work goes to a queue of its own, so each can be scaled on its own."""

from __future__ import annotations

import json

import pytest
import redis
from django.conf import settings

from negotiation_tracker.celery import app

# What the deployment relies on: ingest, processing and tagging are scaled
# apart; the sweep never waits behind a long ingest.
EXPECTED = {
    "articles.tasks.ingest_batch": "ingest",
    "articles.tasks.process_articles": "processing",
    "articles.tasks.tag_articles": "tagging",
    "articles.tasks.retag": "tagging",
    "articles.tasks.requeue_pending": "maintenance",
    "live.poll_source": "ingest",
    "alerts.send_emails": "maintenance",
    "alerts.send_digests": "maintenance",
    "alerts.rounds_coming_up": "maintenance",
}


def _product_tasks() -> set[str]:
    app.loader.import_default_modules()
    return {name for name in app.tasks if name.startswith(("articles.", "live.", "alerts."))}


def test_every_task_is_routed_to_a_known_queue() -> None:
    # A task added without a route would land on the default queue: give
    # it one here and in settings.CELERY_TASK_ROUTES.
    assert _product_tasks() == set(EXPECTED)
    routes = settings.CELERY_TASK_ROUTES
    assert {name: routes[name]["queue"] for name in EXPECTED} == EXPECTED
    assert set(EXPECTED.values()) == set(settings.WORK_QUEUES)
    assert settings.CELERY_TASK_DEFAULT_QUEUE in settings.WORK_QUEUES


def test_each_task_lands_in_its_queue_on_the_broker() -> None:
    """Sent for real to Redis with no worker running: each message waits in its queue's list."""
    from articles import tasks

    broker = redis.Redis.from_url(settings.CELERY_BROKER_URL)
    app.control.purge()
    try:
        tasks.ingest_batch.delay(1)
        tasks.process_articles.delay([1])
        tasks.tag_articles.delay([1])
        tasks.retag.delay([1])
        tasks.requeue_pending.delay()
        tasks.poll_live_source.delay(1)
        tasks.send_alert_emails.delay([1])
        tasks.send_alert_digests.delay()
        tasks.alert_rounds_coming_up.delay()
        waiting = {
            queue: sorted(json.loads(raw)["headers"]["task"] for raw in broker.lrange(queue, 0, -1))
            for queue in settings.WORK_QUEUES
        }
    finally:
        app.control.purge()
    expected: dict[str, list[str]] = {queue: [] for queue in settings.WORK_QUEUES}
    for task, queue in EXPECTED.items():
        expected[queue].append(task)
    assert waiting == {queue: sorted(names) for queue, names in expected.items()}


@pytest.mark.parametrize("queue", ["ingest", "processing", "tagging", "maintenance"])
def test_the_compose_file_runs_one_worker_service_per_queue(queue: str) -> None:
    from tests.deploy._compose import worker_queues

    consumers = [name for name, queues in worker_queues().items() if queue in queues]
    assert consumers == [f"worker-{queue}"]
