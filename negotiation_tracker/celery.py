"""The Celery application: workers take article ids from Redis and call services."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "negotiation_tracker.settings.base")

app = Celery("negotiation_tracker")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
