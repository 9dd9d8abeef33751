"""Live sources: feeds, sitemaps and article pages polled on an interval.

An outlet (``Source``) is who publishes; a live source is where the product
looks for what it publishes. One outlet may have several (its Arabic and
English feeds, its news sitemap), and each keeps its own schedule, its
conditional-request state and its health.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .articles import Article, Source


class LiveSource(models.Model):
    """A URL polled on its interval: an RSS/Atom feed, a news sitemap or one article page."""

    class Kind(models.TextChoices):
        AUTO = "auto", _("Detect on first poll")
        FEED = "feed", _("RSS or Atom feed")
        SITEMAP = "sitemap", _("Sitemap")
        PAGE = "page", _("Article page")

    url = models.URLField(_("URL"), max_length=2000, unique=True)
    name = models.CharField(_("name"), max_length=200, blank=True)
    outlet = models.ForeignKey(
        Source,
        verbose_name=_("outlet"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="live_sources",
        help_text=_("The outlet its articles are stored under."),
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.AUTO)
    lang = models.CharField(
        _("language"),
        max_length=2,
        blank=True,
        choices=[("ar", _("Arabic")), ("en", _("English"))],
        help_text=_("Leave empty to detect it per article."),
    )
    interval_minutes = models.PositiveIntegerField(
        _("interval (minutes)"), default=30, validators=[MinValueValidator(1)]
    )
    enabled = models.BooleanField(_("enabled"), default=True)
    disabled_reason = models.CharField(_("why disabled"), max_length=300, blank=True)
    # The beat entry that polls it (django-celery-beat), kept in step by services.sources.
    schedule = models.OneToOneField(
        "django_celery_beat.PeriodicTask",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    # Conditional-request state of the last successful fetch of ``url``.
    etag = models.CharField(max_length=500, blank=True, editable=False)
    last_modified = models.CharField(max_length=100, blank=True, editable=False)
    polling_since = models.DateTimeField(null=True, blank=True, editable=False)
    next_poll_at = models.DateTimeField(_("next poll"), null=True, blank=True)
    last_polled_at = models.DateTimeField(_("last poll"), null=True, blank=True, editable=False)
    last_success_at = models.DateTimeField(_("last success"), null=True, blank=True, editable=False)
    last_error_at = models.DateTimeField(_("last error at"), null=True, blank=True, editable=False)
    last_error = models.TextField(_("last error"), blank=True, editable=False)
    failures = models.PositiveIntegerField(_("failures in a row"), default=0, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["name", "url"]
        verbose_name = _("live source")
        verbose_name_plural = _("live sources")
        constraints = [
            models.CheckConstraint(
                condition=Q(interval_minutes__gte=1), name="live_interval_positive"
            )
        ]

    def __str__(self) -> str:
        return self.name or self.url


class LiveEntry(models.Model):
    """One item a live source listed: seen once, fetched at most until it succeeds.

    The unique ``(source, key)`` pair is what keeps an entry from being
    fetched again on the next poll, and what makes a poll that runs twice
    (a redelivered task) insert nothing twice.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting to be fetched")
        STORED = "stored", _("Stored")
        DUPLICATE = "duplicate", _("Already stored")
        EMPTY = "empty", _("No text in the page")
        FAILED = "failed", _("Failed")
        BLOCKED = "blocked", _("Disallowed by robots.txt")

    source = models.ForeignKey(LiveSource, on_delete=models.CASCADE, related_name="entries")
    key = models.CharField(max_length=40)  # sha1 of the entry's id or link
    url = models.URLField(max_length=2000)
    title = models.TextField(blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    error = models.TextField(blank=True)
    article = models.ForeignKey(
        Article, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    stored_count = models.PositiveSmallIntegerField(default=0)
    seen_at = models.DateTimeField(auto_now_add=True)
    fetched_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-seen_at", "-id"]
        verbose_name = _("live entry")
        verbose_name_plural = _("live entries")
        constraints = [
            models.UniqueConstraint(fields=["source", "key"], name="live_entry_once"),
        ]
        indexes = [
            models.Index(
                fields=["source", "seen_at"],
                name="live_entry_todo_idx",
                condition=Q(status__in=["pending", "failed"]),
            ),
            models.Index(fields=["source", "-fetched_at"], name="live_entry_fetched_idx"),
        ]

    def __str__(self) -> str:
        return self.url


class CrawlHost(models.Model):
    """What a host's robots.txt allows, fetched at most once a day."""

    origin = models.CharField(max_length=300, unique=True)  # scheme://host[:port]
    robots_txt = models.TextField(blank=True)
    # The HTTP status robots.txt answered with; 0 when the host was unreachable.
    robots_status = models.PositiveSmallIntegerField(default=0)
    robots_fetched_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("crawled host")
        verbose_name_plural = _("crawled hosts")

    def __str__(self) -> str:
        return self.origin
