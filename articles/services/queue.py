"""Work handed to the workers, by task name: services never import ``articles.tasks``.

Tasks call services; a service that must queue work sends it by name
through the Celery app, so the dependency runs one way (tasks → services)
and the routing by kind of work (``CELERY_TASK_ROUTES``) applies as it does
to ``task.delay``.
"""

from __future__ import annotations

from typing import Any

from celery import current_app

PROCESS = "articles.tasks.process_articles"
TAG = "articles.tasks.tag_articles"
INGEST = "articles.tasks.ingest_batch"
RETAG = "articles.tasks.retag"
SEND_ALERT_EMAILS = "alerts.send_emails"


def enqueue(task: str, *args: Any) -> Any:
    """Queue ``task`` with ``args`` (ids only); returns Celery's result handle."""
    return current_app.send_task(task, args=args)


def signature(task: str, *args: Any) -> Any:
    """A signature of ``task``, for groups and chords."""
    return current_app.signature(task, args=args)
