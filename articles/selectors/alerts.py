"""The read side of watchlists and alerts: the bell, the notifications page, emails, feeds.

Every read here is scoped to one user (or to one watchlist reached by its
private token): no selector returns another analyst's watchlists or alerts.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.conf import settings
from django.db import connection
from django.db.models import Count, Q, QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from articles.cache import UNREAD_ALERTS, for_reader
from articles.models import Alert, Watchlist

from . import labels

PAGE_SIZE = 50


def _states() -> dict[str, str]:
    from articles.models import ThreadState

    return dict(ThreadState.State.choices)


class _LazyStates(dict):
    def get(self, key, default=None):  # names in the active language, read when asked
        return {k: str(v) for k, v in _states().items()}.get(key, default)


STATES = _LazyStates()


_UNREAD_SQL = (
    f'SELECT count(*) FROM "{Alert._meta.db_table}" WHERE user_id = %s AND read_at IS NULL'
)


def unread_count(user) -> int:
    """The bell's number: one count on a partial index of unread alerts, kept per reader.

    Every page's header shows it, so it is read from the cache, which the
    alert services drop for each reader whose alerts they write or mark
    read (``cache.forget_reader``); a miss is one fixed statement, since
    building the same ``count()`` through the ORM costs several times the
    database's own time for it.
    """

    def count() -> int:
        with connection.cursor() as cur:
            cur.execute(_UNREAD_SQL, [user.pk])
            return cur.fetchone()[0]

    return for_reader(UNREAD_ALERTS, user.pk, count)


def watchlists_of(user) -> QuerySet[Watchlist]:
    """The user's watchlists with their alert and unread counts."""
    return Watchlist.objects.filter(owner=user).annotate(
        alert_total=Count("alerts"),
        unread=Count("alerts", filter=Q(alerts__read_at__isnull=True)),
    )


def watchlist_of(user, pk: int) -> Watchlist | None:
    """One of the user's watchlists; None for anybody else's (the view answers 404)."""
    return Watchlist.objects.filter(owner=user, pk=pk).first()


def watchlist_by_token(token: str) -> Watchlist | None:
    if not token or len(token) > 64:
        return None
    return Watchlist.objects.filter(feed_token=token).select_related("owner").first()


@dataclass
class Item:
    """An alert as shown: what happened, where it links, when."""

    id: int
    kind: str
    title: str
    text: str
    url: str
    when: datetime
    unread: bool
    watchlist: str
    lang: str = ""


def describe(alert: Alert) -> Item:
    """An alert in the active language; ``alert.article``/``thread``/``watchlist`` preloaded."""
    article = alert.article
    detail = alert.detail or {}
    if alert.trigger in ("new_mediator", "new_party") and alert.thread_id:
        thread = labels.thread_label(alert.thread_id)
        actor = labels.actor_names().get(detail.get("actor", ""), detail.get("actor", ""))
        title = (
            _("New mediator in %(thread)s: %(actor)s")
            if alert.trigger == "new_mediator"
            else _("New side in %(thread)s: %(actor)s")
        ) % {"thread": thread[1], "actor": actor}
        text = article.title if article else ""
        url = (
            reverse("article_detail", args=[article.pk])
            if article
            else reverse("thread_detail", args=[thread[0]])
        )
    elif alert.trigger in ("state_change", "talks_planned", "round_coming_up") and alert.thread_id:
        thread = labels.thread_label(alert.thread_id)
        if alert.trigger == "state_change":
            title = _("%(thread)s: now %(state)s (since %(since)s)") % {
                "thread": thread[1],
                "state": STATES.get(detail.get("state", ""), detail.get("state", "")),
                "since": detail.get("since", ""),
            }
        elif alert.trigger == "round_coming_up":
            title = _("%(thread)s: a planned round of talks is coming up on %(when)s") % {
                "thread": thread[1],
                "when": detail.get("when", ""),
            }
        else:
            title = _("%(thread)s: a round of talks is planned for %(when)s") % {
                "thread": thread[1],
                "when": detail.get("when", ""),
            }
        text = article.title if article else ""
        url = (
            reverse("thread_detail", args=[thread[0]])
            if thread[0]
            else reverse("notification_list")
        )
    elif alert.trigger == "articles":
        count = int(detail.get("count") or 0)
        title = ngettext(
            "%(count)s more article matches «%(watchlist)s»",
            "%(count)s more articles match «%(watchlist)s»",
            count,
        ) % {"count": count, "watchlist": alert.watchlist.name}
        text = _("Open them in the list with the watchlist's filters.")
        query = alert.watchlist.query
        url = reverse("article_list") + (f"?{query}" if query else "")
    elif article is not None:
        title = (
            article.title or article.key_sentence[:120] or _("Article %(id)s") % {"id": article.pk}
        )
        text = article.key_sentence
        url = reverse("article_detail", args=[article.pk])
    else:
        title, text, url = alert.subject, "", reverse("notification_list")
    return Item(
        id=alert.pk,
        kind=alert.trigger,
        title=title,
        text=text,
        url=url,
        when=alert.created_at,
        unread=alert.read_at is None,
        watchlist=alert.watchlist.name,
        lang=article.lang if article else "",
    )


def _alerts() -> QuerySet[Alert]:
    return Alert.objects.select_related("watchlist", "article").only(
        "id", "trigger", "subject", "detail", "created_at", "read_at", "thread_id",
        "watchlist__name", "watchlist__query", "article__id", "article__title", "article__key_sentence",
        "article__lang",
    )  # fmt: skip


def notifications(
    user, *, before: int | None = None, watchlist: int | None = None
) -> dict[str, Any]:
    """A page of the user's alerts, newest first (seek on id), with the link to the next page."""
    qs = _alerts().filter(user=user)
    if watchlist is not None:
        qs = qs.filter(watchlist_id=watchlist)
    if before:
        qs = qs.filter(pk__lt=before)
    rows = list(qs.order_by("-id")[: PAGE_SIZE + 1])
    items = [describe(a) for a in rows[:PAGE_SIZE]]
    return {"items": items, "next": rows[PAGE_SIZE - 1].pk if len(rows) > PAGE_SIZE else None}


def open_alert(user, pk: int) -> Alert | None:
    return _alerts().filter(user=user, pk=pk).first()


def feed_items(watchlist: Watchlist, limit: int = 50) -> list[Item]:
    """The watchlist's latest alerts for its Atom feed."""
    rows = _alerts().filter(watchlist=watchlist).order_by("-id")[:limit]
    return [describe(a) for a in rows]


def email_groups(ids: list[int]) -> list[tuple[Watchlist, list[Alert]]]:
    """Claimed alerts grouped by watchlist (owner loaded), oldest first within each."""
    rows = (
        Alert.objects.filter(pk__in=ids)
        .select_related("watchlist__owner", "article")
        .order_by("watchlist_id", "id")
    )
    groups: dict[int, list[Alert]] = defaultdict(list)
    watchlists: dict[int, Watchlist] = {}
    for a in rows:
        groups[a.watchlist_id].append(a)
        watchlists[a.watchlist_id] = a.watchlist
    return [(watchlists[k], v) for k, v in groups.items()]


def absolute(url: str) -> str:
    return settings.SITE_URL + url


def summary(watchlist: Watchlist) -> list[tuple[str, str]]:
    """The watchlist's filters in words: (what, values) pairs for its page and emails."""
    c = watchlist.criteria or {}
    out: list[tuple[str, str]] = []
    actors = labels.actor_names()
    if c.get("thread"):
        thread = labels.all_thread_labels()
        name = next((n for k, n in thread.values() if k == c["thread"]), c["thread"])
        out.append((_("Thread"), name))
    if c.get("actors"):
        names = ", ".join(actors.get(a, a) for a in c["actors"])
        role = {"party": _("Party"), "mediator": _("Mediator"), "mentioned": _("Mentioned")}.get(
            c.get("role") or "", _("Any role")
        )
        mode = _("all of them") if c.get("actor_mode") == "all" else _("any of them")
        out.append((_("Actor"), f"{names} ({role}, {mode})"))
    if c.get("topics"):
        topics = labels.topic_names()
        out.append((_("Topic"), ", ".join(topics.get(t, t) for t in c["topics"])))
    if c.get("event_types"):
        from articles.models import EventType

        names = dict(EventType.choices)
        out.append((_("Event type"), ", ".join(str(names.get(t, t)) for t in c["event_types"])))
    if c.get("source") is not None:
        out.append((_("Source"), labels.outlet(c["source"])))
    if c.get("lang"):
        out.append((_("Language"), _("Arabic") if c["lang"] == "ar" else _("English")))
    if c.get("words"):
        out.append((_("Words"), c["words"]))
    if c.get("date_from") or c.get("date_to"):
        out.append((_("Dates"), f"{c.get('date_from') or '…'} – {c.get('date_to') or '…'}"))
    return out or [(_("Filters"), _("every new article"))]
