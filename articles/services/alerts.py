"""Alerts: evaluated in the workers right after tagging, delivered in the product, by email and feed.

``after_tagging`` runs inside the tagging transaction with the articles
tagged for the first time, so alerts commit with the tags they come from:
a worker that dies before the commit leaves both to be redone, and one that
dies after has nothing left to do. Each trigger returns draft alerts; the
unique ``(watchlist, subject)`` pair makes a second evaluation of the same
articles (a redelivered task) insert nothing. The processing step writes
the article alerts earlier in the same transaction (``write_prepared``),
before it takes the clustering lock, so the other worker does not wait on
them.

Triggers are pluggable (``TRIGGERS``): one matches articles against the
watchlists' filters, others watch a thread's own moves (a new mediator, a
new side) for the watchlists that follow that thread.
"""

from __future__ import annotations

import json
import logging
import threading
from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import date, timedelta
from typing import Any, NamedTuple, Protocol

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import IntegrityError, connection, transaction
from django.db.models import Count, Min
from django.template.loader import render_to_string
from django.utils import timezone, translation

from articles.alerts import Facts, Rule, RuleIndex
from articles.cache import UNREAD_ALERTS, forget_reader
from articles.models import Alert, Article, Event, Watchlist

log = logging.getLogger(__name__)

STALE_SENDING = timedelta(minutes=30)
COMING_UP = timedelta(days=1)  # a planned round is announced from the day before
MAX_PER_EMAIL = 50
# The criteria that decide a match (the rest, like the words as typed, is for display).
MATCHED = (
    "actors",
    "role",
    "actor_mode",
    "topics",
    "event_types",
    "thread",
    "source",
    "lang",
    "start",
    "end",
    "terms",
)
INSERT_SLICE = 20_000
# Triggers whose subjects name the articles being tagged for the first time
# (``article:ID``, a burst's ``articles:FIRST-LAST:N``): nothing raised them before.
FRESH_TRIGGERS = frozenset({"article", "articles"})
# What ``facts`` reads of an article row (the search text only when a rule asks for words).
FACT_FIELDS = (
    "id", "thread_id", "actors", "parties", "mediators", "topics", "source_id", "lang",
    "published_at", "search_text", "tagged_at",
)  # fmt: skip


class Draft(NamedTuple):
    """An alert to raise for every watchlist of one rule (watchlists with the same filters).

    ``subject`` names what triggered it and is unique per watchlist; the
    rule's watchlists are expanded in the database when the alerts are
    written, so a thread followed by a hundred analysts costs one draft.
    """

    rule: int  # position in WatchlistSet.rules
    trigger: str
    subject: str
    article_id: int | None = None
    thread_id: int | None = None
    detail: dict[str, Any] | None = None


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
        groups: dict[str, tuple[dict[str, Any], list[tuple[int, int]]]] = {}
        for pk, owner, criteria in rows:
            # The criteria are JSON (strings, numbers, lists): their repr in
            # MATCHED order tells equal filters apart, at a tenth of json.dumps's cost.
            same = repr([criteria.get(k) for k in MATCHED])
            groups.setdefault(same, (criteria, []))[1].append((pk, owner))
        # Watchlists with the same filters (many analysts follow the same
        # thread) are one rule: tested once, alerted to each.
        self.rules = [
            Rule.from_criteria(
                members[0][0], criteria, owner_id=members[0][1], thread_ids=thread_ids,
                members=members,
            )
            for criteria, members in groups.values()
        ]  # fmt: skip
        for position, rule in enumerate(self.rules):
            rule.position = position
        self.index = RuleIndex(self.rules)
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
            from articles.services.watchlists import lexemes_of

            rows = list(Watchlist.objects.values_list("id", "owner_id", "criteria"))
            terms = lexemes_of({c["words"] for _, _, c in rows if c.get("words")})
            rows = [
                (pk, owner, {**c, "terms": terms.get(c["words"], [])} if c.get("words") else c)
                for pk, owner, c in rows
            ]
            keys = {c.get("thread") for _, _, c in rows if c.get("thread")}
            thread_ids = dict(Thread.objects.filter(key__in=keys).values_list("key", "id"))
            _held = (signature, WatchlistSet(rows, thread_ids))
        return _held[1]


# --- triggers ----------------------------------------------------------------


class ArticleMatches:
    """An article meets a watchlist's filters.

    One alert per article, up to ``ALERT_BURST`` (3) of them per
    watchlist in one chunk of newly tagged articles; the rest of a larger
    catch is one alert that says how many more matched and opens the list
    on the watchlist's filters. A live source brings a few articles per
    chunk and each rings the bell on its own; a bulk upload of thousands
    rings it a few times per chunk of 500, not hundreds, and does not write
    thousands of rows per watchlist (writing the rows is most of what
    alerts cost). A chunk is tagged once, so the catch's subject (its first
    and last article and its size) is raised once.
    """

    name = "article"

    def evaluate(self, articles: Sequence[Facts], watchlists: WatchlistSet) -> Iterable[Draft]:
        name = self.name
        burst = settings.ALERT_BURST
        caught: dict[int, list[int]] = defaultdict(list)
        for rule, a in watchlists.index.match(articles):
            caught[rule.position].append(a.id)
        for position, ids in caught.items():
            if len(ids) > burst + 1:
                ids.sort()
                rest = ids[burst:]
                ids = ids[:burst]
                yield Draft(
                    position,
                    "articles",
                    f"articles:{rest[0]}-{rest[-1]}:{len(rest)}",
                    rest[0],
                    None,
                    {"count": len(rest), "first": rest[0], "last": rest[-1]},
                )
            for article_id in ids:
                yield Draft(position, name, f"article:{article_id}", article_id)


class NewInThread:
    """A thread gains a mediator (or a side) that none of its earlier articles named.

    Raised for the watchlists that follow the thread. The first article of
    a thread opens it and raises nothing: every name in it would be "new".

    "Earlier articles" are read from the read model, not the article
    table: the thread's count and its (role, actor) count, less what the
    chunk's own rows hold now (nothing before their first tagging is
    written, their new tags after). Asked of the articles, a newcomer to a
    thread of thousands meant walking all of them, per chunk; the rollups
    are exact (``services.rollups``), so the answer is the same.
    """

    def __init__(self, role: str) -> None:
        self.role = role  # "mediators" or "parties"
        self.name = "new_mediator" if role == "mediators" else "new_party"
        self.rollup_role = "mediator" if role == "mediators" else "party"

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
                WITH p AS (SELECT * FROM unnest(%s::bigint[], %s::text[]) AS p(t, x)),
                own AS (
                  SELECT a.thread_id, a.{self.role} AS named FROM articles_article a
                  WHERE a.id = ANY(%s) AND a.thread_id IS NOT NULL
                )
                SELECT p.t, p.x FROM p
                WHERE coalesce((SELECT r.n FROM articles_rollup_all r
                                 WHERE r.kind = 'thread' AND r.key = p.t::varchar), 0)
                      > (SELECT count(*) FROM own WHERE own.thread_id = p.t)
                  AND coalesce((SELECT r.n FROM articles_rollup_thread_actor r
                                 WHERE r.thread_id = p.t AND r.role = %s AND r.actor = p.x), 0)
                      = (SELECT count(*) FROM own
                          WHERE own.thread_id = p.t AND own.named @> ARRAY[p.x]::varchar[])
                """,
                [list(threads), list(actors), chunk, self.rollup_role],
            )
            fresh = cur.fetchall()
        for thread_id, actor in fresh:
            a = pairs[(thread_id, actor)]
            for rule in watchlists.by_thread[thread_id]:
                yield Draft(
                    rule.position,
                    self.name,
                    f"thread:{thread_id}:{self.name}:{actor}",
                    a.id,
                    thread_id,
                    {"actor": actor},
                )


TRIGGERS: list[Trigger] = [ArticleMatches(), NewInThread("mediators"), NewInThread("parties")]


class ThreadMoves:
    """A followed thread's state changes, or a round of talks is planned for a day to come.

    Runs after the events and thread states of the chunk are written (they
    are the tagging transaction's own work), so it reads them back: the
    thread's current state when it began in the last ``RECENT`` days (an
    archive's old states raise nothing), and the chunk's ``talks_planned``
    events dated today or later. The subject carries the state and its
    first day, or the planned day, so each is alerted once.
    """

    name = "thread_move"
    RECENT = timedelta(days=14)

    def evaluate(self, articles: Sequence[Facts], watchlists: WatchlistSet) -> Iterable[Draft]:
        from articles.models import Event, ThreadState

        followed = {a.thread_id for a in articles if a.thread_id in watchlists.by_thread}
        if not followed:
            return
        by_thread = {a.thread_id: a for a in articles if a.thread_id in followed}
        today = timezone.localdate()
        states = ThreadState.objects.filter(
            thread_id__in=followed, end__isnull=True, start__gte=today - self.RECENT
        ).values_list("thread_id", "state", "start")
        for thread_id, state, start in states:
            for rule in watchlists.by_thread[thread_id]:
                yield Draft(
                    rule.position,
                    "state_change",
                    f"thread:{thread_id}:state:{state}:{start.isoformat()}",
                    by_thread[thread_id].id,
                    thread_id,
                    {"state": state, "since": start.isoformat()},
                )
        planned = Event.objects.filter(
            article_id__in=[a.id for a in articles],
            thread_id__in=followed,
            type="talks_planned",
            when__gte=today,
        ).values_list("thread_id", "when", "article_id")
        for thread_id, when, article_id in planned:
            for rule in watchlists.by_thread[thread_id]:
                yield Draft(
                    rule.position,
                    "talks_planned",
                    f"thread:{thread_id}:planned:{when.isoformat()}",
                    article_id,
                    thread_id,
                    {"when": when.isoformat()},
                )


def rounds_coming_up(today: date | None = None) -> int:
    """The day before a planned round of talks, alert the watchlists that follow its thread.

    Run periodically by beat (``alerts.rounds_coming_up``, hourly, so a
    missed tick costs an hour, not the alert). A round is a
    ``talks_planned`` event of a followed thread dated today or tomorrow;
    several reports of the same round (thread and date) are one alert,
    linked to the first report. The subject carries the thread and the
    date, so however often the task runs, each watchlist hears of a round
    once; a round whose date moves is a new round. Events an analyst
    removed are gone from the table, so they alert nobody.
    """
    from articles.models import EventType

    today = today or timezone.localdate()
    watchlists = watchlist_set()
    if not watchlists.by_thread:
        return 0
    last = today + COMING_UP
    rounds = (
        Event.objects.filter(
            thread_id__in=sorted(watchlists.by_thread),
            type=EventType.TALKS_PLANNED,
            day__gte=today,  # a dated event sits on its own date: the (thread, day) index
            day__lte=last,
            when__gte=today,
            when__lte=last,
        )
        .values("thread_id", "when")
        .annotate(first=Min("article_id"), reports=Count("article_id", distinct=True))
        .order_by("when", "thread_id")
    )
    drafts = [
        Draft(
            rule.position,
            "round_coming_up",
            f"thread:{r['thread_id']}:coming:{r['when'].isoformat()}",
            r["first"],
            r["thread_id"],
            {"when": r["when"].isoformat(), "reports": r["reports"]},
        )
        for r in rounds
        for rule in watchlists.by_thread[r["thread_id"]]
    ]
    if not drafts:
        return 0
    with transaction.atomic():
        return record(drafts, watchlists)


# Triggers that read what the tagging transaction wrote (events, thread states).
AFTER_WRITE: list[Trigger] = [ThreadMoves()]


# --- evaluation --------------------------------------------------------------


def facts(
    articles: Sequence[Article], words: frozenset[str] = frozenset(), *, events: bool = False
) -> list[Facts]:
    """The matcher's view of tagged articles.

    Of an article's search terms only the ones some watchlist asks for are
    kept (``words``); they are read in one query for articles loaded
    without their ``search_text``. The types of an article's moves are
    read only when some watchlist asks for event types (``events``): from
    the rows the tagger just made (``_event_rows``, before they are
    written), else from the event table.
    """
    texts: dict[int, str] = {}
    if words:
        deferred = [a.pk for a in articles if "search_text" in a.get_deferred_fields()]
        if deferred:
            texts = dict(Article.objects.filter(pk__in=deferred).values_list("id", "search_text"))
    moves = event_types(articles) if events else {}
    out = []
    for a in articles:
        terms = None
        if words:
            text = texts.get(a.pk)
            if text is None:  # not deferred: already on the instance
                text = a.search_text
            terms = frozenset(words.intersection(text.split()))
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
                terms=terms,
                events=moves.get(a.pk, frozenset()) if events else None,
            )
        )
    return out


def event_types(articles: Sequence[Article]) -> dict[int, frozenset[str]]:
    """The types of each article's moves: the tagger's fresh rows, else the stored events."""
    out: dict[int, frozenset[str]] = {}
    stored = []
    for a in articles:
        rows = getattr(a, "_event_rows", None)
        if rows is None:
            stored.append(a.pk)
        else:
            out[a.pk] = frozenset(r.type for r in rows)
    if stored:
        found: dict[int, set[str]] = defaultdict(set)
        pairs = Event.objects.filter(article_id__in=stored).values_list("article_id", "type")
        for article_id, type_ in pairs.distinct():
            found[article_id].add(type_)
        out.update({pk: frozenset(found.get(pk, ())) for pk in stored})
    return out


def evaluate(articles: Sequence[Article], watchlists: WatchlistSet | None = None) -> list[Draft]:
    """The alerts ``articles`` raise; nothing is written.

    Each trigger yields a (watchlist, subject) pair at most once and the
    triggers' subjects differ, so the drafts need no de-duplication here
    (the unique constraint stays the guard).
    """
    watchlists = watchlists or watchlist_set()
    if not articles or not watchlists.rules:
        return []
    chunk = facts(articles, watchlists.index.words, events=watchlists.index.needs_events)
    drafts: list[Draft] = []
    for trigger in TRIGGERS:
        drafts.extend(trigger.evaluate(chunk, watchlists))
    return drafts


def prepare(articles: Sequence[Article]) -> None:
    """Evaluate before the tagging transaction; ``after_tagging`` then only writes.

    The processing step writes its chunk under the clustering lock, so the
    matching (all the CPU of alerts) is done before it, and the drafts ride
    on the articles like the tagger's name candidates do.
    """
    watchlists = watchlist_set()
    drafts = evaluate(articles, watchlists)
    by_article: dict[int, list[Draft]] = defaultdict(list)
    for d in drafts:
        by_article[d.article_id].append(d)
    for a in articles:
        a._alert_drafts = (watchlists, by_article.get(a.pk, []))


def write_prepared(articles: Sequence[Article]) -> int:
    """Write the alerts ``prepare`` found for ``articles`` now; returns how many were new.

    Called in the processing step's transaction before it takes the
    clustering lock: writing hundreds of thousands of alert rows of a bulk
    load under that lock made the other worker wait for them. The articles
    keep an empty set of drafts, so ``after_tagging`` (still in the same
    transaction) adds only the triggers that read what the transaction
    wrote, and nothing is written twice.
    """
    found = _prepared(articles)
    if found is None:
        return 0
    watchlists, drafts = found
    for a in articles:
        a._alert_drafts = (watchlists, [])
    return record(drafts, watchlists, first_tagging=True) if drafts else 0


def _prepared(articles: Sequence[Article]) -> tuple[WatchlistSet, list[Draft]] | None:
    """The watchlists and drafts ``prepare`` left on ``articles``; None unless it ran
    for every one of them with one set of watchlists."""
    prepared = [getattr(a, "_alert_drafts", None) for a in articles]
    if not prepared or any(p is None for p in prepared) or len({id(p[0]) for p in prepared}) != 1:
        return None
    return prepared[0][0], [d for _, ds in prepared for d in ds]


def after_tagging(articles: Sequence[Article]) -> int:
    """Raise the alerts that newly tagged ``articles`` bring; returns how many were new.

    Called inside the tagging transaction, with the articles tagged for the
    first time and the drafts from ``prepare`` when it ran (else they are
    evaluated here). Emails of "at once" watchlists are queued when the
    transaction commits.
    """
    if not articles:
        return 0
    found = _prepared(articles)
    if found is not None:
        watchlists, drafts = found
        for a in articles:
            del a._alert_drafts  # written once, even if the caller writes again
    else:
        watchlists = watchlist_set()
        drafts = evaluate(articles, watchlists)
    if watchlists.by_thread:
        chunk = facts(articles)
        for trigger in AFTER_WRITE:
            drafts = [*drafts, *trigger.evaluate(chunk, watchlists)]
    return record(drafts, watchlists, first_tagging=True) if drafts else 0


def after_new_events(article_id: int, types: Iterable[str]) -> int:
    """An analyst added a move to an article (or retyped one): the watchlists asking for it see it.

    Only rules that ask for one of the new ``types`` are paired, since for
    every other rule the article's match did not change; the article's
    subject is the one its tagging used, so an article a watchlist already
    caught is not alerted again. Runs in the correction's transaction.
    An article not yet tagged is left to its first tagging.
    """
    types = frozenset(types)
    watchlists = watchlist_set()
    if not types or not watchlists.index.needs_events:
        return 0
    article = (
        Article.objects.filter(pk=article_id, tagged_at__isnull=False).only(*FACT_FIELDS).first()
    )
    if article is None:
        return 0
    chunk = facts([article], watchlists.index.words, events=True)
    drafts = [
        Draft(rule.position, "event", f"article:{a.id}", a.id, detail={"types": sorted(types)})
        for rule, a in watchlists.index.match(chunk)
        if not rule.events.isdisjoint(types)
    ]
    return record(drafts, watchlists) if drafts else 0


def record(
    drafts: Sequence[Draft], watchlists: WatchlistSet, *, first_tagging: bool = False
) -> int:
    """Write the alerts not raised before, one per watchlist of each draft's rule.

    The rules' watchlists are joined in the database, against the watchlist
    table itself, so a watchlist deleted since the rules were built is
    skipped and each alert's email state follows its watchlist's choice.
    Emails of "at once" watchlists are queued when the transaction commits.

    ``first_tagging``: the drafts come from articles tagged for the first
    time in this transaction, so their article alerts cannot exist yet and
    are written without a conflict check per row (a third of a row's cost);
    should another transaction have raised one of them all the same (two
    deliveries of one chunk at once), the unique constraint refuses the
    batch and it is written again skipping what exists.
    """
    fresh: list[Draft] = []
    rest: list[Draft] = []
    for d in drafts:
        (fresh if first_tagging and d.trigger in FRESH_TRIGGERS else rest).append(d)
    new = 0
    immediate: set[int] = set()
    for part, checked in ((fresh, False), (rest, True)):
        for i in range(0, len(part), INSERT_SLICE):
            n, ids = _insert_once(part[i : i + INSERT_SLICE], watchlists, checked)
            new += n
            immediate.update(ids)
    if immediate:
        ids = sorted(immediate)
        transaction.on_commit(lambda: _queue_emails(ids))
    return new


def _insert_once(
    drafts: Sequence[Draft], watchlists: WatchlistSet, checked: bool
) -> tuple[int, list[int]]:
    if not checked:
        try:
            with transaction.atomic():  # a savepoint: a refused batch leaves the rest intact
                return _insert(drafts, watchlists, skip_existing=False)
        except IntegrityError:
            pass
    return _insert(drafts, watchlists, skip_existing=True)


def _insert(
    drafts: Sequence[Draft], watchlists: WatchlistSet, *, skip_existing: bool
) -> tuple[int, list[int]]:
    """Insert the drafts' alerts; returns how many were new and the "at once" watchlists among them.

    The watchlists written to are locked against deletion (``FOR KEY
    SHARE``) once per statement, as a foreign key would per row, and
    ``delete_watchlist`` takes the conflicting lock before it removes a
    watchlist's alerts: an alert is never left without its watchlist.
    """
    rules = watchlists.rules
    used = sorted({d.rule for d in drafts})
    members = [(g, w, u) for g in used for w, u in rules[g].members]
    conflict = "ON CONFLICT (watchlist_id, subject) DO NOTHING" if skip_existing else ""
    with connection.cursor() as cur:
        cur.execute(
            f"""
            WITH d AS (
              SELECT * FROM unnest(%s::int[], %s::text[], %s::text[], %s::bigint[],
                                   %s::bigint[], %s::text[]) AS d(g, t, s, a, th, x)
            ),
            m AS (SELECT * FROM unnest(%s::int[], %s::bigint[], %s::int[]) AS m(g, w, u)),
            wl AS (
              SELECT id, email FROM articles_watchlist WHERE id = ANY(%s::bigint[])
              ORDER BY id FOR KEY SHARE
            ),
            ins AS (
              INSERT INTO articles_alert
                (watchlist_id, user_id, trigger, subject, article_id, thread_id, detail,
                 email_status, created_at)
              SELECT m.w, m.u, d.t, d.s, d.a, d.th, d.x::jsonb,
                     CASE WHEN wl.email = 'off' THEN 'none' ELSE 'pending' END, now()
              FROM d JOIN m USING (g) JOIN wl ON wl.id = m.w
              ORDER BY m.w, d.s  -- index order: each watchlist's entries land together
              {conflict}
              RETURNING watchlist_id, email_status
            )
            SELECT (SELECT count(*) FROM ins),
                   ARRAY(SELECT DISTINCT ins.watchlist_id FROM ins
                         JOIN wl ON wl.id = ins.watchlist_id
                         WHERE ins.email_status = 'pending' AND wl.email = 'immediate')
            """,
            [
                [d.rule for d in drafts],
                [d.trigger for d in drafts],
                [d.subject[:120] for d in drafts],
                [d.article_id for d in drafts],
                [d.thread_id for d in drafts],
                [_json(d.detail) if d.detail else "{}" for d in drafts],
                [g for g, _, _ in members],
                [w for _, w, _ in members],
                [u for _, _, u in members],
                sorted({w for _, w, _ in members}),
            ],
        )
        count, ids = cur.fetchone()
    if count:
        forget_reader(UNREAD_ALERTS, (u for _, _, u in members))
    return count, list(ids)


def _json(value: dict[str, Any]) -> str:
    return json.dumps(value, ensure_ascii=False)


def _queue_emails(watchlist_ids: list[int]) -> None:
    from articles.services import queue

    queue.enqueue(queue.SEND_ALERT_EMAILS, watchlist_ids)


# --- reading and emailing ----------------------------------------------------


def mark_read(user, ids: Iterable[int] | None = None) -> int:
    """Mark the user's alerts read (these, or all); another user's ids are ignored."""
    qs = Alert.objects.filter(user=user, read_at__isnull=True)
    if ids is not None:
        qs = qs.filter(pk__in=list(ids))
    forget_reader(UNREAD_ALERTS, [user.pk])
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
