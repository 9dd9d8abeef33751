"""Apply the tagger to stored articles and write its tags in bulk.

Idempotent: an article already tagged by the current tagger version is
skipped (unless forced), and writing the same tags twice leaves the same
row. Analysts' corrections are applied on top of the tagger's output every
time, so they survive any re-tag.
"""

from __future__ import annotations

from collections import defaultdict

from django.db import connection, transaction
from django.utils import timezone

from articles import cache
from articles.models import Actor, Article, Correction, Thread, Topic, columns
from articles.nlp.summary import key_sentence
from articles.nlp.types import ArticleInput, TagResult
from articles.services import alerts, attempts, story
from articles.services import events as event_service
from articles.services.corrections import Tags
from articles.services.lexicon import current_tagger, mark_seen
from articles.services.rollups import refresh_thread_stats
from articles.services.rows import update_articles

_FIELDS = list(columns.TAGS)


def to_input(article: Article) -> ArticleInput:
    return ArticleInput(
        id=str(article.pk),
        title=article.title,
        text=article.text,
        published_at=article.published_at.isoformat() if article.published_at else None,
        source=article.source.name if article.source_id else None,
        lang=article.lang or None,
    )


def tag_articles(ids: list[int], *, force: bool = False) -> int:
    """Tag the processed articles among ``ids``; returns how many were written.

    Like processing, a chunk that killed its worker is redone one article
    at a time, and an article that keeps failing is failed alone.
    """
    from articles.services.processing import give_up

    return attempts.run_isolated(
        "retag" if force else "tag", ids, lambda part: _tag(part, force), give_up
    )


def _tag(ids: list[int], force: bool) -> int:
    _, version = current_tagger()
    qs = Article.objects.filter(pk__in=ids, status=Article.Status.PROCESSED).select_related(
        "source"
    )
    if not force:
        qs = qs.exclude(tagger_version=version)
    articles = list(
        qs.only(
            "id", "title", "text", "published_at", "lang", "source__name", "tagged_at", "thread_id"
        )
    )
    if not articles:
        return 0
    for a in articles:  # what the query selected; compute_tags marks the failures
        a.status, a.error = Article.Status.PROCESSED, ""
    fields = compute_tags(articles)
    tagged = [a for a in articles if a.status == Article.Status.PROCESSED]
    with transaction.atomic():
        update_articles(articles, [*fields, "status", "error"])
        after_write(tagged)
    return len(tagged)


def clear_tags(article: Article) -> None:
    """No tags on ``article`` (one that failed before or during tagging)."""
    article.is_negotiation = None
    article.actors, article.parties, article.mediators, article.topics = [], [], [], []
    article.thread_id = None
    article.confidence, article.mentions, article.persons = {}, [], []
    article.cited_sources, article.key_sentence = [], ""
    article.tagger_version, article.tagged_at = "", None


def _tag_each(tagger, articles: list[Article]) -> dict[int, TagResult]:
    """The tagger's result per article; an article the tagger fails on is marked failed alone.

    Its reason is kept on the row (the admin's article list filters on
    failed ones), and the rest of the chunk is tagged as if it were not there.
    """
    results: dict[int, TagResult] = {}
    for a in articles:
        try:
            results[a.pk] = tagger.tag(to_input(a))
        except Exception as exc:
            a.status = Article.Status.FAILED
            a.error = f"tagging: {type(exc).__name__}: {exc}"[:2000]
            clear_tags(a)
    return results


def thread_history() -> dict[str, tuple[int, dict[str, int], dict[str, int]]]:
    """Per reviewed thread: its article count and how often each actor was a side
    or a mediator in them (corrections included, as stored)."""
    rows = (
        Thread.objects.exclude(status=Thread.Status.PROPOSED)
        .filter(merged_into__isnull=True, article_count__gt=0)
        .values_list("key", "article_count", "role_counts")
    )
    return {
        key: (
            n,
            dict((roles or {}).get("parties") or {}),
            dict((roles or {}).get("mediators") or {}),
        )
        for key, n, roles in rows
    }


def compute_tags(articles: list[Article]) -> list[str]:
    """Tag ``articles`` in memory, corrections applied; returns the fields to write.

    The roles the threads' stored articles show are handed to the tagger
    as evidence (never as an override) for the new articles' roles. Also
    notes which articles are tagged for the first time, for ``after_write``
    (name candidates are counted once per article).
    """
    tagger, version = current_tagger()
    tagger = tagger.with_history(thread_history())
    corrections: dict[int, list[Correction]] = defaultdict(list)
    for c in Correction.objects.filter(article__in=articles).order_by("created_at", "id"):
        corrections[c.article_id].append(c)
    results = _tag_each(tagger, articles)
    failed = [a for a in articles if a.pk not in results]
    articles = [a for a in articles if a.pk in results]
    thread_ids = _thread_ids({r.thread for r in results.values() if r.thread and r.is_negotiation})
    known_actors, known_topics = _known_ids()
    now = timezone.now()
    for a in articles:
        r = results[a.pk]
        neg = bool(r.is_negotiation)
        a._old_thread_id = a.__dict__.get("thread_id")
        tags = Tags(
            is_negotiation=neg,
            actors={x for x in r.actors if x in known_actors},
            parties={x for x in r.parties if x in known_actors} if neg else set(),
            mediators={x for x in r.mediators if x in known_actors} if neg else set(),
            topics={x for x in r.topics if x in known_topics} if neg else set(),
            thread_id=thread_ids.get(r.thread) if neg else None,
        ).apply(corrections.get(a.pk, ()))
        tags.write_to(a)
        a.confidence = _confidence(r)
        a.mentions = [
            {"actor": m.actor, "start": m.start, "end": m.end}
            for m in sorted(r.mentions, key=lambda m: m.start)
        ]
        a.persons = [{"name": p.name, "affiliation": p.affiliation} for p in r.persons]
        a.cited_sources = sorted({c[:200] for c in r.cited_sources})
        a.key_sentence = key_sentence(a.text, r) if a.is_negotiation else ""
        a._first_tagging = a.tagged_at is None
        a._candidates = r.candidates
        a._event_rows = (
            event_service.from_tags(
                r.events, actors=known_actors, topics=known_topics, text_length=len(a.text)
            )
            if neg
            else []
        )
        a.tagger_version = version
        a.tagged_at = now
    for a in failed:
        a._first_tagging, a._candidates, a._event_rows = False, [], []
    alerts.prepare([a for a in articles if a._first_tagging])
    return _FIELDS


def before_lock(articles: list[Article]) -> None:
    """What of ``after_write`` needs nothing the write makes: the article alerts of the chunk.

    The processing step calls it in its transaction before the clustering
    lock, so this work runs while the other worker holds the lock.
    """
    alerts.write_prepared([a for a in articles if getattr(a, "_first_tagging", False)])


def after_write(articles: list[Article]) -> None:
    """What follows a write of tags: events, name candidates, the threads' dates, counts and story, alerts.

    Runs in the transaction that wrote the tags, so the events, the role
    history, the thread states and the alerts change together with them.
    Alerts are raised for articles tagged for the first time only
    (``services.alerts``).
    """
    touched = event_service.store_events(articles)
    mark_seen({x for a in articles for x in a.actors})
    first = [a for a in articles if getattr(a, "_first_tagging", False)]
    _record_candidates(first)
    threads = {t for a in articles for t in (a.thread_id, getattr(a, "_old_thread_id", None)) if t}
    refresh_thread_stats(threads)
    cache.invalidate(cache.thread_scope(t) for t in threads)
    story.refresh(touched)
    alerts.after_tagging(first)


def _known_ids() -> tuple[set[str], set[str]]:
    return set(Actor.objects.values_list("id", flat=True)), set(
        Topic.objects.values_list("id", flat=True)
    )


def _confidence(r: TagResult) -> dict[str, dict[str, float]]:
    out: dict[str, dict[str, float]] = {}
    for t in r.actor_tags:
        out.setdefault(t.actor, {})[t.role] = round(float(t.confidence), 3)
    return out


def _thread_ids(keys: set[str]) -> dict[str, int]:
    """Thread ids for the tagger's keys, creating proposed threads for new keys."""
    if not keys:
        return {}
    found = {t.key: t for t in Thread.objects.filter(key__in=keys)}
    missing = keys - found.keys()
    if missing:
        Thread.objects.bulk_create(
            [Thread(key=k, status=Thread.Status.PROPOSED, **proposed_names(k)) for k in missing],
            ignore_conflicts=True,
        )
        found = {t.key: t for t in Thread.objects.filter(key__in=keys)}
    return {k: (t.merged_into_id or t.pk) for k, t in found.items()}


def proposed_names(key: str) -> dict[str, str]:
    """Readable names for a proposed thread key such as ``proposed:IRN+USA:nuclear``."""
    parts = key.split(":")
    actor_ids = parts[1].split("+") if len(parts) > 1 else []
    topic = parts[2] if len(parts) > 2 else ""
    names = dict(Actor.objects.filter(pk__in=actor_ids).values_list("pk", "name_ar"))
    names_en = dict(Actor.objects.filter(pk__in=actor_ids).values_list("pk", "name_en"))
    t = Topic.objects.filter(pk=topic).first()
    ar = " – ".join(names.get(a, a) for a in actor_ids) or key
    en = " – ".join(names_en.get(a, a) for a in actor_ids) or key
    if t:
        ar, en = f"{ar}: {t.name_ar}", f"{en}: {t.name_en}"
    return {"name_ar": ar[:300], "name_en": en[:300]}


def _record_candidates(articles: list[Article]) -> None:
    """Store the names the tagger found after titles, with the affiliation their title gave.

    A name seen again counts once more; an affiliation is kept once known.
    An affiliation that is not an actor of the database is dropped.
    """
    rows: dict[str, tuple[str, str, int, str | None]] = {}
    counts: dict[str, int] = defaultdict(int)
    for a in articles:
        for c in getattr(a, "_candidates", ()):
            name = c.name.strip()[:200]
            if name:
                rows.setdefault(name, (c.title[:200], c.context[:1000], a.pk, c.affiliation))
                counts[name] += 1
    if not rows:
        return
    with connection.cursor() as cur:
        cur.executemany(
            """
            INSERT INTO articles_candidate
              (name, title, context, article_id, seen, status, created_at, suggested_affiliation_id)
            VALUES (%s, %s, %s, %s, %s, 'new', now(), (SELECT id FROM articles_actor WHERE id = %s))
            ON CONFLICT (name) DO UPDATE SET
              seen = articles_candidate.seen + EXCLUDED.seen,
              suggested_affiliation_id = COALESCE(
                articles_candidate.suggested_affiliation_id, EXCLUDED.suggested_affiliation_id
              )
            """,
            [(n, t, ctx, aid, counts[n], aff) for n, (t, ctx, aid, aff) in rows.items()],
        )
