"""The Celery application: workers take article ids from Redis and call services."""

import os

from celery import Celery
from celery.signals import worker_init

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "negotiation_tracker.settings.base")

app = Celery("negotiation_tracker")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@worker_init.connect
def _preload(**_kwargs) -> None:
    """Before a worker forks its pool: load what every process would load on its own."""
    from articles.services.processing import preload

    preload()
