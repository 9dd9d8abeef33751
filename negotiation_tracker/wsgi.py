"""
WSGI config for negotiation_tracker project.

It exposes the WSGI callable as a module-level variable named ``application``.

For more information on this file, see
https://docs.djangoproject.com/en/5.2/howto/deployment/wsgi/
"""

import os

from django.core.wsgi import get_wsgi_application

from negotiation_tracker.warmup import prepare_worker

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "negotiation_tracker.settings.base")
# A page's query runs in its own process: see DB_PARALLEL_WORKERS in the settings.
os.environ.setdefault("DB_PARALLEL_WORKERS", "0")
# A page never waits on one statement for more than 30 s: see DB_STATEMENT_TIMEOUT.
os.environ.setdefault("DB_STATEMENT_TIMEOUT", "30000")

application = get_wsgi_application()
prepare_worker()
