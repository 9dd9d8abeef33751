"""Settings, read from the environment in one place.

Every value comes from an environment variable (or a ``.env`` file) through
django-environ. With no ``DATABASE_URL`` / ``REDIS_URL`` set, embedded
servers are started so a fresh checkout runs with nothing installed.
"""

from pathlib import Path

import environ
from django.utils.translation import gettext_lazy as _
from kombu import Queue

from negotiation_tracker import localservices

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)
localservices.ensure_environment()

SECRET_KEY = env("SECRET_KEY", default="dev-only-insecure-key-change-me")
DEBUG = env.bool("DEBUG", default=False)
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
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "articles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "negotiation_tracker.middleware.IgnoreBrowserLanguage",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
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
            ],
        },
    },
]

DATABASES = {"default": env.db("DATABASE_URL")}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env("REDIS_URL")
CACHES = {
    "default": {
        "BACKEND": "negotiation_tracker.cache.RedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": env("CACHE_PREFIX", default="nt"),
    }
}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
# Sessions are read on every page: from Redis, with the database behind it.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
# The signed-in user and their groups come from Redis, dropped on every change.
AUTHENTICATION_BACKENDS = ["articles.accounts.CachedUserBackend"]
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
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600}
CELERY_BEAT_SCHEDULE = {
    "requeue-pending": {
        "task": "articles.tasks.requeue_pending",
        "schedule": env.float("SWEEP_INTERVAL_SECONDS", default=300.0),
    },
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
}
# The schedule runs in exactly one `celery beat` process (docs/deployment.md);
# the scheduler class is a setting so a database-backed one can replace it.
CELERY_BEAT_SCHEDULER = env("CELERY_BEAT_SCHEDULER", default="celery.beat:PersistentScheduler")
CELERY_BEAT_SCHEDULE_FILENAME = env(
    "CELERY_BEAT_SCHEDULE_FILENAME", default=str(localservices.data_dir() / "celerybeat-schedule")
)

# Ingest limits (bytes unless named otherwise).
INGEST_MAX_FILE_BYTES = env.int("INGEST_MAX_FILE_BYTES", default=50 * 1024 * 1024)
INGEST_MAX_ARCHIVE_BYTES = env.int("INGEST_MAX_ARCHIVE_BYTES", default=1024 * 1024 * 1024)
INGEST_MAX_ARCHIVE_MEMBERS = env.int("INGEST_MAX_ARCHIVE_MEMBERS", default=10_000)
# Articles per processing task: large enough to amortise a round trip to
# PostgreSQL, small enough that a lost worker redoes little.
PROCESS_CHUNK_SIZE = env.int("PROCESS_CHUNK_SIZE", default=500)
# Tag articles right after processing (off only to time ingest on its own).
TAG_AFTER_PROCESS = env.bool("NT_TAG_AFTER_PROCESS", default=True)

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.CursorPagination",
    "PAGE_SIZE": 50,
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
