"""Settings, read from the environment in one place.

Every value comes from an environment variable (or a ``.env`` file) through
django-environ. With no ``DATABASE_URL`` / ``REDIS_URL`` set, embedded
servers are started so a fresh checkout runs with nothing installed.
"""

from datetime import timedelta
from pathlib import Path

import environ
from celery.schedules import crontab
from csp.constants import NONE, SELF, UNSAFE_INLINE
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _
from kombu import Queue

from negotiation_tracker import localservices

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)
localservices.ensure_environment()

DEBUG = env.bool("DEBUG", default=False)
DEV_SECRET_KEY = "dev-only-insecure-key-change-me"


def secret_key(value: str, debug: bool) -> str:
    """The signing key; without DEBUG, a missing or guessable one stops the server here.

    Sessions, password-reset links and CSRF tokens are signed with it: a
    server running on a key written in a public repository (or an empty
    one, which fails every page) must not start. A checkout with embedded
    services gets a random key of its own (``localservices``).
    """
    if debug and not value:
        return DEV_SECRET_KEY
    weak = (
        len(value) < 50
        or len(set(value)) < 5
        or value.startswith("django-insecure")
        or value == DEV_SECRET_KEY
        or "change-me" in value
    )
    if weak and not debug:
        raise ImproperlyConfigured(
            "SECRET_KEY is missing or too weak. With DEBUG off, set SECRET_KEY to a random "
            "string of at least 50 characters, e.g. the output of "
            "`python -c 'import secrets; print(secrets.token_urlsafe(50))'` "
            "(see docs/deployment.md)."
        )
    return value


SECRET_KEY = secret_key(env("SECRET_KEY", default=""), DEBUG)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django.contrib.humanize",
    "rest_framework",
    "knox",
    "axes",
    "csp",
    "django_filters",
    "drf_spectacular",
    "django_celery_beat",
    "articles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "negotiation_tracker.middleware.IgnoreBrowserLanguage",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    # Bounds on every query string (dates, ids, lengths, NULs): 400 before any view runs.
    "articles.request_limits.QueryLimits",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # Last, as django-axes asks: it answers a locked-out login itself.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "negotiation_tracker.urls"
WSGI_APPLICATION = "negotiation_tracker.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "articles.context_processors.alerts",
            ],
        },
    },
]

DATABASES = {"default": env.db("DATABASE_URL")}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
# The same backend, with a health check that sends no statement to a quiet connection.
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"]["ENGINE"] = "negotiation_tracker.postgres"
# Parallel workers per query. Pages answer many analysts at once on a few
# cores: a page's query that starts two more processes only takes cores
# from the next requests, so the web server asks for none
# (``negotiation_tracker.wsgi`` sets 0); workers and commands keep the
# server's default, which bulk statements use.
#
# The longest a statement may run, in ms (unset: no limit). The web server
# sets 30 s (``negotiation_tracker.wsgi``): whatever a page's parameters,
# no request waits longer on the database, and the worker process is free
# again; workers and commands run their bulk statements with no limit.
for _variable, _setting in (
    ("DB_PARALLEL_WORKERS", "max_parallel_workers_per_gather"),
    ("DB_STATEMENT_TIMEOUT", "statement_timeout"),
):
    if (_value := env(_variable, default="")) != "":
        _options = DATABASES["default"].setdefault("OPTIONS", {})
        _options["options"] = f"{_options.get('options', '')} -c {_setting}={int(_value)}".strip()
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env("REDIS_URL")
CACHES = {
    "default": {
        # A Redis that is down or hangs is a cache miss (see negotiation_tracker/cache.py).
        "BACKEND": "negotiation_tracker.cache.TolerantRedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": env("CACHE_PREFIX", default="nt"),
        "OPTIONS": {"socket_connect_timeout": 1.0, "socket_timeout": 2.0},
    }
}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
# Sessions are read on every page: from Redis, with the database behind it
# (so a Redis outage signs nobody out).
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
# django-axes first: it refuses a login that is locked out before any password is checked.
# The signed-in user and their permissions come from the cache, dropped on every change
# and kept at most AUTH_USER_CACHE_SECONDS.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "articles.accounts.CachedUserBackend",
]
AUTH_USER_CACHE_SECONDS = env.int("AUTH_USER_CACHE_SECONDS", default=60)

# Failed logins: after AXES_FAILURE_LIMIT failures for one username from one
# address, that pair is refused for AXES_COOLOFF_MINUTES (a success resets the count).
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_USERNAME_CALLABLE = "articles.login_attempts.username"
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
# The address is REMOTE_ADDR: behind a reverse proxy every client shares the
# proxy's, so the lockout then acts per username.
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "ar"
LANGUAGES = [("ar", _("العربية")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]


def upload_storage() -> dict:
    """Where uploaded files are kept: a bucket when one is named, the local disk otherwise.

    With a bucket (S3 or any S3-compatible store) the web server that
    receives a file and the worker that reads it need not share a disk, so
    workers can run on other hosts. Keys may be left unset where the host
    has a role of its own (boto3 then finds its credentials itself).
    """
    bucket = env("AWS_STORAGE_BUCKET_NAME", default="")
    if not bucket:
        return {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    options = {
        "bucket_name": bucket,
        "endpoint_url": env("AWS_S3_ENDPOINT_URL", default=None),
        "region_name": env("AWS_S3_REGION_NAME", default=None),
        "access_key": env("AWS_ACCESS_KEY_ID", default=None),
        "secret_key": env("AWS_SECRET_ACCESS_KEY", default=None),
        "addressing_style": env("AWS_S3_ADDRESSING_STYLE", default=None),
        "location": env("AWS_LOCATION", default=""),
        # Two uploads named "2015-07-01.zip" are two objects, never one.
        "file_overwrite": False,
    }
    return {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {k: v for k, v in options.items() if v not in (None, "")},
    }


STORAGES = {
    "default": upload_storage(),
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
MEDIA_ROOT = Path(env("MEDIA_ROOT", default=str(BASE_DIR / ".data" / "media")))
MEDIA_URL = "media/"

DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
# One upload request (all its files) may carry at most this many bytes; the
# handler refuses a larger one from its Content-Length, and stops reading a
# body that grows past it, before anything more is written to disk.
UPLOAD_MAX_BYTES = env.int("UPLOAD_MAX_BYTES", default=1024 * 1024 * 1024)
FILE_UPLOAD_HANDLERS = [
    "articles.upload_limits.CappedUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]

# Production over HTTPS (docs/deployment.md): HTTPS=true turns on the redirect,
# secure cookies and HSTS; each may also be set on its own.
HTTPS = env.bool("HTTPS", default=False)
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=HTTPS)
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=HTTPS)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=HTTPS)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31_536_000 if HTTPS else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=HTTPS)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=HTTPS)
# Where TLS ends at a proxy that sets X-Forwarded-Proto (and strips it from clients).
if env.bool("TRUST_X_FORWARDED_PROTO", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Content Security Policy: scripts only from our own static files, never
# inline, so a script smuggled into an article's text or URL cannot run.
# Styles may be inline (the API docs page and the admin use a few).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# Celery: only ids cross the broker; tasks are idempotent and acknowledged
# after they finish, so a worker killed mid-batch hands its batch back.
CELERY_BROKER_URL = REDIS_URL
CELERY_RESULT_BACKEND = REDIS_URL
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TRACK_STARTED = True
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_EXPIRES = 24 * 3600
# A message whose worker died comes back after the visibility timeout;
# it must outlive the longest task (INGEST_TIME_LIMIT), and the sweep,
# not this timeout, is what resumes lost work promptly.
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600}
# Publishing to a broker that is down gives up within a second or two:
# the web request or command goes on, and the sweep sends the work later.
CELERY_TASK_PUBLISH_RETRY_POLICY = {
    "max_retries": 2,
    "interval_start": 0,
    "interval_step": 0.2,
    "interval_max": 0.5,
}
CELERY_BROKER_CONNECTION_TIMEOUT = 2.0
CELERY_REDIS_SOCKET_CONNECT_TIMEOUT = 2.0
CELERY_REDIS_SOCKET_TIMEOUT = 10.0
CELERY_BEAT_SCHEDULE = {
    "requeue-pending": {
        "task": "articles.tasks.requeue_pending",
        "schedule": env.float("SWEEP_INTERVAL_SECONDS", default=300.0),
    },
    # Alerts' emails left pending (a lost worker, a failed send) go out within minutes.
    "alert-emails": {"task": "alerts.send_emails", "schedule": 120.0},
    "alert-digests": {
        "task": "alerts.send_digests",
        "schedule": crontab(hour=env.int("ALERT_DIGEST_HOUR", default=6), minute=0),
    },
    # A planned round of talks is announced to its thread's watchers the day before.
    "alert-rounds-coming-up": {"task": "alerts.rounds_coming_up", "schedule": crontab(minute=5)},
}
# One queue per kind of work, so each is scaled on its own (`celery worker
# -Q ingest`); a worker started without -Q takes them all. Every task is
# routed here and nowhere else; a task left out goes to "maintenance".
WORK_QUEUES = ("ingest", "processing", "tagging", "maintenance")
CELERY_TASK_QUEUES = [Queue(name, routing_key=name) for name in WORK_QUEUES]
CELERY_TASK_DEFAULT_QUEUE = "maintenance"
CELERY_TASK_ROUTES = {
    "articles.tasks.ingest_batch": {"queue": "ingest"},
    "articles.tasks.process_articles": {"queue": "processing"},
    "articles.tasks.tag_articles": {"queue": "tagging"},
    "articles.tasks.retag": {"queue": "tagging"},
    "articles.tasks.requeue_pending": {"queue": "maintenance"},
    # Polling a live source fetches pages and stores them: ingest work.
    "live.poll_source": {"queue": "ingest"},
    "alerts.send_emails": {"queue": "maintenance"},
    "alerts.send_digests": {"queue": "maintenance"},
    "alerts.rounds_coming_up": {"queue": "maintenance"},
}
# The schedule runs in exactly one `celery beat` process (docs/deployment.md).
# Schedules live in the database (django-celery-beat), so admins edit them in
# the admin; each live source has its own entry, kept in step by services.sources.
CELERY_BEAT_SCHEDULER = env(
    "CELERY_BEAT_SCHEDULER", default="django_celery_beat.schedulers:DatabaseScheduler"
)
CELERY_BEAT_SCHEDULE_FILENAME = env(
    "CELERY_BEAT_SCHEDULE_FILENAME", default=str(localservices.data_dir() / "celerybeat-schedule")
)

# Live sources: how the product fetches other people's pages.
# Name the product and, in production, a contact address (LIVE_USER_AGENT).
LIVE_USER_AGENT = env("LIVE_USER_AGENT", default="NegotiationTracker/1.0 (news monitoring)")
LIVE_CONNECT_TIMEOUT = env.float("LIVE_CONNECT_TIMEOUT", default=10.0)
LIVE_READ_TIMEOUT = env.float("LIVE_READ_TIMEOUT", default=20.0)
LIVE_TOTAL_TIMEOUT = env.float("LIVE_TOTAL_TIMEOUT", default=60.0)
LIVE_MAX_BYTES = env.int("LIVE_MAX_BYTES", default=5 * 1024 * 1024)
# Seconds between two requests to one host.
LIVE_HOST_DELAY = env.float("LIVE_HOST_DELAY", default=2.0)
LIVE_MAX_ENTRIES_PER_POLL = env.int("LIVE_MAX_ENTRIES_PER_POLL", default=30)
# Failed polls in a row before a source is disabled.
LIVE_MAX_FAILURES = env.int("LIVE_MAX_FAILURES", default=6)
LIVE_MAX_ENTRY_ATTEMPTS = env.int("LIVE_MAX_ENTRY_ATTEMPTS", default=3)

# Alerts: links in emails and feeds point here.
SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")
EMAIL_BACKEND = env("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
EMAIL_FILE_PATH = env("EMAIL_FILE_PATH", default=str(BASE_DIR / ".data" / "mail"))
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="alerts@negotiation-tracker.local")
EMAIL_HOST = env("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
EMAIL_HOST_USER = env("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)
EMAIL_TIMEOUT = 30

# Ingest limits (bytes unless named otherwise).
INGEST_MAX_FILE_BYTES = env.int("INGEST_MAX_FILE_BYTES", default=50 * 1024 * 1024)
INGEST_MAX_ARCHIVE_BYTES = env.int("INGEST_MAX_ARCHIVE_BYTES", default=1024 * 1024 * 1024)
INGEST_MAX_ARCHIVE_MEMBERS = env.int("INGEST_MAX_ARCHIVE_MEMBERS", default=10_000)
# Records stored per transaction at ingest: a crash loses at most one chunk
# in hand, and the batch's heartbeat moves once per chunk.
INGEST_CHUNK_SIZE = env.int("INGEST_CHUNK_SIZE", default=1000)
# Articles per processing task: large enough to amortise a round trip to
# PostgreSQL, small enough that a lost worker redoes little.
PROCESS_CHUNK_SIZE = env.int("PROCESS_CHUNK_SIZE", default=500)
# Article alerts per watchlist in one chunk of newly tagged articles before
# the rest of the catch becomes one "N more articles" alert (services.alerts).
ALERT_BURST = env.int("ALERT_BURST", default=3)
# Tag articles right after processing (off only to time ingest on its own).
TAG_AFTER_PROCESS = env.bool("NT_TAG_AFTER_PROCESS", default=True)

# Faults. Every task has a time limit (soft: the task stops itself; hard:
# the worker process is replaced) and a bounded number of starts, so no
# task runs, or is redelivered, for ever. Article work is bounded per
# article (the analysed text is capped), so a chunk of 500 takes seconds.
TASK_SOFT_TIME_LIMIT = env.int("TASK_SOFT_TIME_LIMIT", default=600)
TASK_TIME_LIMIT = env.int("TASK_TIME_LIMIT", default=660)
INGEST_SOFT_TIME_LIMIT = env.int("INGEST_SOFT_TIME_LIMIT", default=1800)
INGEST_TIME_LIMIT = env.int("INGEST_TIME_LIMIT", default=1860)
TASK_MAX_ATTEMPTS = env.int("TASK_MAX_ATTEMPTS", default=3)
CELERY_TASK_SOFT_TIME_LIMIT = TASK_SOFT_TIME_LIMIT
CELERY_TASK_TIME_LIMIT = TASK_TIME_LIMIT
CELERY_TASK_ANNOTATIONS = {
    "articles.tasks.ingest_batch": {
        "soft_time_limit": INGEST_SOFT_TIME_LIMIT,
        "time_limit": INGEST_TIME_LIMIT,
    }
}
# A running batch whose worker has not reported for this long was lost:
# the sweep hands it to another worker (a chunk of 1,000 rows takes seconds).
BATCH_STALE_SECONDS = env.int("BATCH_STALE_SECONDS", default=300)
# Work sent this long ago and still not done is taken as lost with its
# message (a broker restarted without its data) and sent again; work sent
# more recently is still queued and is left alone.
QUEUE_LEASE_SECONDS = env.int("QUEUE_LEASE_SECONDS", default=900)

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # Tokens are stored as hashes, expire, and go when the password changes (knox).
        "knox.auth.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.CursorPagination",
    "PAGE_SIZE": 50,
    # Each export may be 100,000 rows: a reader (or a leaked token) gets this many an hour.
    "DEFAULT_THROTTLE_RATES": {"export": env("EXPORT_RATE", default="60/hour")},
}
REST_KNOX = {
    "TOKEN_TTL": timedelta(days=env.int("API_TOKEN_DAYS", default=30)),
    "TOKEN_LIMIT_PER_USER": 5,
    "AUTO_REFRESH": False,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Negotiation Tracker API",
    "DESCRIPTION": "Articles, actors, threads and tags of diplomatic negotiations in the news.",
    "VERSION": "1.0.0",
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="WARNING")},
}
