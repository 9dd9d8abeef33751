"""Alerts: evaluated in the workers right after tagging, delivered in the product, by email and feed.

``after_tagging`` runs inside the tagging transaction with the articles
tagged for the first time, so alerts commit with the tags they come from:
a worker that dies before the commit leaves both to be redone, and one that
dies after has nothing left to do. Each trigger returns draft alerts; the
unique ``(watchlist, subject)`` pair makes a second evaluation of the same
articles (a redelivered task) insert nothing.

Triggers are pluggable (``TRIGGERS``): one matches articles against the
watchlists' filters, others watch a thread's own moves (a new mediator, a
new side) for the watchlists that follow that thread.
"""

from __future__ import annotations

import logging
import threading
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any, Protocol

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import connection, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from articles.alerts import Facts, Rule, RuleIndex
from articles.models import Alert, Article, Watchlist

log = logging.getLogger(__name__)

STALE_SENDING = timedelta(minutes=30)
MAX_PER_EMAIL = 50


@dataclass(frozen=True)
class Draft:
    """An alert to raise: for which watchlist, about what (``subject`` is unique per watchlist)."""

    watchlist_id: int
    user_id: int
    trigger: str
    subject: str
    article_id: int | None = None
    thread_id: int | None = None
    detail: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)


class Trigger(Protocol):
    """Something that turns newly tagged articles into alerts."""

    name: str

    def evaluate(self, articles: Sequence[Facts], watchlists: WatchlistSet) -> Iterable[Draft]: ...


# --- the watchlists as the workers hold them ---------------------------------


class WatchlistSet:
    """All watchlists compiled into rules and indexed, rebuilt when any watchlist changes."""

    def __init__(
        self, rows: list[tuple[int, int, dict[str, Any], str]], thread_ids: dict[str, int]
    ):
        self.rules = [
            Rule.from_criteria(pk, criteria, owner_id=owner, thread_ids=thread_ids)
            for pk, owner, criteria, _ in rows
        ]
        self.index = RuleIndex(self.rules)
        self.email = {pk: email for pk, _, _, email in rows}
        self.by_thread: dict[int, list[Rule]] = defaultdict(list)
        for rule in self.rules:
            if rule.thread_id is not None:
                self.by_thread[rule.thread_id].append(rule)


_held: tuple[tuple, WatchlistSet] | None = None
_held_lock = threading.Lock()


def watchlist_set() -> WatchlistSet:
    """The compiled watchlists, rebuilt only when one was added, changed or deleted.

    One small query per chunk compares the table's state (count, last
    change, last id, lexicon version for thread keys) with the one held.
    """
    global _held
    with connection.cursor() as cur:
        cur.execute(
            """
            SELECT count(*), max(updated_at), max(id),
                   (SELECT version FROM articles_lexiconstate WHERE id = 1)
            FROM articles_watchlist
            """
        )
        signature = tuple(cur.fetchone())
    with _held_lock:
        if _held is None or _held[0] != signature:
            from articles.models import Thread

            rows = list(Watchlist.objects.values_list("id", "owner_id", "criteria", "email"))
            keys = {c.get("thread") for _, _, c, _ in rows if c.get("thread")}
            thread_ids = dict(Thread.objects.filter(key__in=keys).values_list("key", "id"))
            _held = (signature, WatchlistSet(rows, thread_ids))
        return _held[1]


# --- triggers ----------------------------------------------------------------


class ArticleMatches:
    """An article meets a watchlist's filters."""

    name = "article"

    def evaluate(self, articles: Sequence[Facts], watchlists: WatchlistSet) -> Iterable[Draft]:
        for rule, a in watchlists.index.match(articles):
            yield Draft(
                rule.watchlist_id, rule.owner_id, self.name, f"article:{a.id}", article_id=a.id
            )


class NewInThread:
    """A thread gains a mediator (or a side) that none of its earlier articles named.

    Raised for the watchlists that follow the thread. The first article of
    a thread opens it and raises nothing: every name in it would be "new".
    """

    def __init__(self, role: str) -> None:
        self.role = role  # "mediators" or "parties"
        self.name = "new_mediator" if role == "mediators" else "new_party"

    def evaluate(self, articles: Sequence[Facts], watchlists: WatchlistSet) -> Iterable[Draft]:
        pairs: dict[tuple[int, str], Facts] = {}
        for a in articles:
            if a.thread_id in watchlists.by_thread:
                for actor in sorted(getattr(a, self.role)):
                    pairs.setdefault((a.thread_id, actor), a)
        if not pairs:
            return
        chunk = [a.id for a in articles]
        threads, actors = zip(*pairs, strict=True)
        with connection.cursor() as cur:
            cur.execute(
                f"""
                SELECT p.t, p.x FROM unnest(%s::bigint[], %s::text[]) AS p(t, x)
                WHERE EXISTS (
                    SELECT 1 FROM articles_article a
                    WHERE a.thread_id = p.t AND NOT (a.id = ANY(%s))
                )
                AND NOT EXISTS (
                    SELECT 1 FROM articles_article a
                    WHERE a.thread_id = p.t AND a.{self.role} @> ARRAY[p.x]::varchar[]
                      AND NOT (a.id = ANY(%s))
                )
                """,
                [list(threads), list(actors), chunk, chunk],
            )
            fresh = cur.fetchall()
        for thread_id, actor in fresh:
            a = pairs[(thread_id, actor)]
            for rule in watchlists.by_thread[thread_id]:
                yield Draft(
                    rule.watchlist_id,
                    rule.owner_id,
                    self.name,
                    f"thread:{thread_id}:{self.name}:{actor}",
                    article_id=a.id,
                    thread_id=thread_id,
                    detail={"actor": actor},
                )


TRIGGERS: list[Trigger] = [ArticleMatches(), NewInThread("mediators"), NewInThread("parties")]


# --- evaluation --------------------------------------------------------------


def facts(articles: Sequence[Article], with_terms: bool) -> list[Facts]:
    """The matcher's view of tagged articles; search terms read in one query when needed."""
    terms: dict[int, str] = {}
    if with_terms:
        deferred = [a.pk for a in articles if "search_text" in a.get_deferred_fields()]
        if deferred:
            terms = dict(Article.objects.filter(pk__in=deferred).values_list("id", "search_text"))
    out = []
    for a in articles:
        text = terms.get(a.pk) if a.pk in terms else (a.search_text if with_terms else None)
        out.append(
            Facts(
                id=a.pk,
                thread_id=a.thread_id,
                actors=frozenset(a.actors or ()),
                parties=frozenset(a.parties or ()),
                mediators=frozenset(a.mediators or ()),
                topics=frozenset(a.topics or ()),
                source_id=a.source_id,
                lang=a.lang or "",
                published_at=a.published_at,
                terms=frozenset(text.split()) if text is not None else None,
            )
        )
    return out


def after_tagging(articles: Sequence[Article]) -> int:
    """Raise the alerts that newly tagged ``articles`` bring; returns how many were new.

    Called inside the tagging transaction. Emails of "at once" watchlists
    are queued when it commits.
    """
    if not articles:
        return 0
    watchlists = watchlist_set()
    if not watchlists.rules:
        return 0
    chunk = facts(articles, with_terms=watchlists.index.needs_terms)
    drafts: dict[tuple[int, str], Draft] = {}
    for trigger in TRIGGERS:
        for d in trigger.evaluate(chunk, watchlists):
            drafts.setdefault((d.watchlist_id, d.subject), d)
    return record(drafts.values(), watchlists.email)


def record(drafts: Iterable[Draft], email: dict[int, str]) -> int:
    """Insert the alerts not raised before; emails of "at once" watchlists are queued on commit."""
    rows = [
        (
            d.watchlist_id, d.user_id, d.trigger, d.subject[:120], d.article_id, d.thread_id,
            _json(d.detail),
            Alert.Email.PENDING if email.get(d.watchlist_id, "off") != Watchlist.Email.OFF
            else Alert.Email.NONE,
        )
        for d in drafts
    ]  # fmt: skip
    if not rows:
        return 0
    with connection.cursor() as cur:
        cur.execute(
            """
            INSERT INTO articles_alert
              (watchlist_id, user_id, trigger, subject, article_id, thread_id, detail,
               email_status, created_at)
            SELECT w, u, t, s, a, th, d::jsonb, e, now()
            FROM unnest(%s::bigint[], %s::int[], %s::text[], %s::text[], %s::bigint[],
                        %s::bigint[], %s::text[], %s::text[]) AS v(w, u, t, s, a, th, d, e)
            ON CONFLICT (watchlist_id, subject) DO NOTHING
            RETURNING watchlist_id
            """,
            [list(col) for col in zip(*rows, strict=True)],
        )
        new = [w for (w,) in cur.fetchall()]
    now_ids = sorted({w for w in new if email.get(w) == Watchlist.Email.IMMEDIATE})
    if now_ids:
        transaction.on_commit(lambda: _queue_emails(now_ids))
    return len(new)


def _json(value: dict[str, Any]) -> str:
    import json

    return json.dumps(value, ensure_ascii=False)


def _queue_emails(watchlist_ids: list[int]) -> None:
    from articles.tasks import send_alert_emails

    send_alert_emails.delay(watchlist_ids)


# --- reading and emailing ----------------------------------------------------


def mark_read(user, ids: Iterable[int] | None = None) -> int:
    """Mark the user's alerts read (these, or all); another user's ids are ignored."""
    qs = Alert.objects.filter(user=user, read_at__isnull=True)
    if ids is not None:
        qs = qs.filter(pk__in=list(ids))
    return qs.update(read_at=timezone.now())


def send_emails(watchlist_ids: list[int] | None = None, *, digest: bool = False) -> int:
    """Send one email per watchlist with its pending alerts; returns how many alerts went out.

    ``digest`` selects the daily-digest watchlists, otherwise the "at once"
    ones (those given, or all on the periodic sweep). Alerts are claimed
    (``sending``) in a short transaction with ``SKIP LOCKED``, so two
    workers never send the same alert; after the message is handed to the
    mail backend they become ``sent``, and if sending fails they go back to
    ``pending`` for the next sweep. A claim older than half an hour (a
    worker lost mid-send) is taken as failed.
    """
    mode = Watchlist.Email.DAILY if digest else Watchlist.Email.IMMEDIATE
    Alert.objects.filter(
        email_status=Alert.Email.SENDING, emailed_at__lt=timezone.now() - STALE_SENDING
    ).update(email_status=Alert.Email.PENDING)
    qs = Alert.objects.filter(email_status=Alert.Email.PENDING, watchlist__email=mode)
    if watchlist_ids is not None:
        qs = qs.filter(watchlist_id__in=watchlist_ids)
    with transaction.atomic():
        claimed = list(
            qs.select_for_update(skip_locked=True, of=("self",)).values_list("id", flat=True)[:5000]
        )
        Alert.objects.filter(pk__in=claimed).update(
            email_status=Alert.Email.SENDING, emailed_at=timezone.now()
        )
    if not claimed:
        return 0
    from articles.selectors.alerts import email_groups

    sent = 0
    with get_connection() as mail:
        for watchlist, alerts in email_groups(claimed):
            ids = [a.pk for a in alerts]
            if not watchlist.owner.email:
                Alert.objects.filter(pk__in=ids).update(email_status=Alert.Email.NONE)
                continue
            try:
                _message(watchlist, alerts, digest, mail).send()
            except Exception:
                Alert.objects.filter(pk__in=ids).update(email_status=Alert.Email.PENDING)
                log.exception("alert email for watchlist %s failed", watchlist.pk)
                continue
            Alert.objects.filter(pk__in=ids).update(email_status=Alert.Email.SENT)
            sent += len(ids)
    return sent


def _message(watchlist: Watchlist, alerts: list, digest: bool, mail) -> EmailMultiAlternatives:
    from articles.selectors.alerts import describe

    with translation.override(watchlist.language):
        context = {
            "watchlist": watchlist,
            "items": [describe(a) for a in alerts[:MAX_PER_EMAIL]],
            "more": max(0, len(alerts) - MAX_PER_EMAIL),
            "count": len(alerts),
            "digest": digest,
            "site": settings.SITE_URL,
        }
        subject = render_to_string("alerts/email_subject.txt", context).strip()
        text = render_to_string("alerts/email.txt", context)
        html = render_to_string("alerts/email.html", context)
    message = EmailMultiAlternatives(
        " ".join(subject.split()), text, to=[watchlist.owner.email], connection=mail
    )
    message.attach_alternative(html, "text/html")
    return message
