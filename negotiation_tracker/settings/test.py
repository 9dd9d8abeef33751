"""Test settings: the same real PostgreSQL and Redis, faster hashing, a separate cache prefix."""

import os
import secrets

# The tests run with DEBUG off, where settings refuse a missing key; child
# processes (workers, gunicorn) inherit this one.
os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(50))

from .base import *  # noqa: E402, F403

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES["default"]["KEY_PREFIX"] = "nt-test"  # noqa: F405
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}

# A Redis database of the tests' own, so a running demo's queue is never touched.
CELERY_BROKER_URL = REDIS_URL.rsplit("/", 1)[0] + "/13"  # noqa: F405
CELERY_RESULT_BACKEND = CELERY_BROKER_URL
CACHES["default"]["LOCATION"] = CELERY_BROKER_URL  # noqa: F405
# Uploads on a disk of the tests' own; a test that runs several processes
# gives each a folder of its own, as if each ran on another host.
MEDIA_ROOT = Path(env("TEST_MEDIA_ROOT", default=str(BASE_DIR / ".data" / "test-media")))  # noqa: F405

# Live sources against the tests' local server: short timeouts and delays.
LIVE_CONNECT_TIMEOUT = 2.0
LIVE_READ_TIMEOUT = 1.0
LIVE_TOTAL_TIMEOUT = 3.0
LIVE_HOST_DELAY = 0.05
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# The test database reuses user ids run after run, and throttle counts live an
# hour in Redis: a budget no test reaches (tests/security sets a low one itself).
REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"] = {"export": "100000/hour"}  # noqa: F405
