"""Watchlists (saved filter states) and the alerts they raise.

A watchlist stores the list page's own query string (``query``), so the
filters an analyst saved are exactly the filters the list page applies;
``criteria`` is the same state compiled once at save time for the workers'
matcher (``articles.alerts``).
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .articles import Article
from .threads import Thread


def new_feed_token() -> str:
    return secrets.token_urlsafe(32)


class Watchlist(models.Model):
    class Email(models.TextChoices):
        OFF = "off", _("No email")
        IMMEDIATE = "immediate", _("At once")
        DAILY = "daily", _("Daily digest")

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="watchlists"
    )
    name = models.CharField(_("name"), max_length=200)
    query = models.TextField(_("filters"), blank=True)
    criteria = models.JSONField(default=dict, editable=False)
    email = models.CharField(_("email"), max_length=10, choices=Email.choices, default=Email.OFF)
    language = models.CharField(
        _("language of emails"), max_length=5, choices=settings.LANGUAGES, default="ar"
    )
    feed_token = models.CharField(
        max_length=64, unique=True, default=new_feed_token, editable=False
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("watchlist")
        verbose_name_plural = _("watchlists")
        constraints = [
            models.UniqueConstraint(fields=["owner", "name"], name="watchlist_name_per_owner"),
        ]

    def __str__(self) -> str:
        return self.name


class Alert(models.Model):
    """One thing a watchlist caught: an article, or a move of a thread.

    ``subject`` names what triggered it (``article:123``,
    ``thread:7:mediator:QAT``); the unique ``(watchlist, subject)`` pair is
    why an alert is raised once however often a chunk is evaluated.
    """

    class Email(models.TextChoices):
        NONE = "none", _("Not emailed")
        PENDING = "pending", _("To be emailed")
        SENDING = "sending", _("Being emailed")
        SENT = "sent", _("Emailed")

    # Alerts are written a million at a time, so each row carries only the
    # indexes its reads need: the watchlist and the user are the first
    # column of indexes below, the thread's is partial, the article has
    # none. No foreign key is checked by the database: a check per row (a
    # lookup and a row lock queued to the commit) cost half as much as
    # writing the row. The writer locks the chunk's watchlists once instead
    # (``services.alerts``) and their deletion takes that lock first, so an
    # alert never outlives its watchlist; the user is the watchlist's owner,
    # and deleting a user, an article or a thread still removes its alerts
    # (Django cascades them).
    watchlist = models.ForeignKey(
        Watchlist,
        on_delete=models.CASCADE,
        related_name="alerts",
        db_constraint=False,
        db_index=False,
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="alerts",
        db_constraint=False,
        db_index=False,
    )
    trigger = models.CharField(max_length=30)
    subject = models.CharField(max_length=120)
    # No index on the article: no page reads alerts by article, and only an
    # admin deleting an article looks them up (a scan, once in a while),
    # while every alert written paid for the index.
    article = models.ForeignKey(
        Article,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        db_constraint=False,
        db_index=False,
    )
    thread = models.ForeignKey(
        Thread,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        db_constraint=False,
        db_index=False,
    )
    detail = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)
    email_status = models.CharField(
        max_length=10, choices=Email.choices, default=Email.NONE, db_index=False
    )
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-id"]
        verbose_name = _("alert")
        verbose_name_plural = _("alerts")
        constraints = [
            models.UniqueConstraint(fields=["watchlist", "subject"], name="alert_once"),
        ]
        indexes = [
            models.Index(fields=["user", "-id"], name="alert_user_idx"),
            models.Index(fields=["watchlist", "-id"], name="alert_watchlist_idx"),
            # A thread's deletion finds its alerts; most alerts have no thread.
            models.Index(
                fields=["thread"], name="alert_thread_idx", condition=Q(thread__isnull=False)
            ),
            # The bell's count: only the unread rows are in it.
            models.Index(
                fields=["user"], name="alert_unread_idx", condition=Q(read_at__isnull=True)
            ),
            models.Index(
                fields=["email_status"],
                name="alert_email_todo_idx",
                condition=Q(email_status__in=["pending", "sending"]),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.watchlist_id}:{self.subject}"
