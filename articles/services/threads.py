"""Review of threads: accept proposals, merge duplicates, split off a new thread."""

from __future__ import annotations

from django.db import transaction
from django.db.models import Count

from articles import cache
from articles.models import Article, Correction, Event, Thread
from articles.services import story
from articles.services.rollups import refresh_thread_stats


def accept(threads: list[Thread]) -> None:
    """A reviewed proposal becomes a thread the tagger assigns articles to."""
    for t in threads:
        if t.status == Thread.Status.PROPOSED:
            t.status = Thread.Status.ACTIVE
            t.save(update_fields=["status"])
            _derive_definition(t)


def _derive_definition(thread: Thread) -> None:
    """Give an accepted proposal core parties and topics from its articles, if it has none."""
    if thread.core_parties.exists():
        return
    rows = Article.objects.filter(thread=thread).values_list("parties", "mediators", "topics")
    parties: dict[str, int] = {}
    mediators: dict[str, int] = {}
    topics: dict[str, int] = {}
    for p, m, t in rows:
        for x in p:
            parties[x] = parties.get(x, 0) + 1
        for x in m:
            mediators[x] = mediators.get(x, 0) + 1
        for x in t:
            topics[x] = topics.get(x, 0) + 1
    n = max(len(rows), 1)
    thread.core_parties.set([a for a, c in parties.items() if c / n >= 0.5])
    thread.mediators.set([a for a, c in mediators.items() if c / n >= 0.5])
    thread.topics.set([a for a, c in topics.items() if c / n >= 0.3])


@transaction.atomic
def merge(threads: list[Thread]) -> Thread:
    """Move every article of the given threads into the largest; the others point at it."""
    counted = Thread.objects.filter(pk__in=[t.pk for t in threads]).annotate(n=Count("articles"))
    target = max(counted, key=lambda t: (t.status != Thread.Status.PROPOSED, t.n, -t.pk))
    others = [t for t in counted if t.pk != target.pk]
    Article.objects.filter(thread__in=others).update(thread=target)
    Event.objects.filter(thread__in=others).update(thread=target)
    Correction.objects.filter(thread__in=others).update(thread=target)
    for t in others:
        t.merged_into = target
        t.status = Thread.Status.CONCLUDED if t.status != Thread.Status.PROPOSED else t.status
        t.article_count = 0
        t.save(update_fields=["merged_into", "status", "article_count"])
    refresh_thread_stats({target.pk})
    cache.invalidate(cache.thread_scope(t.pk) for t in counted)
    story.forget_threads({t.pk for t in others})
    story.rebuild_threads({target.pk})
    return target


@transaction.atomic
def split(article_ids: list[int], *, user=None) -> Thread:
    """Start a new thread from chosen articles; recorded as corrections so re-tags keep it."""
    from articles.services.corrections import record_correction

    n = Thread.objects.filter(key__startswith="split-").count() + 1
    thread = Thread.objects.create(
        key=f"split-{n}",
        name_ar=f"مسار جديد {n}",
        name_en=f"New thread {n}",
        status=Thread.Status.ACTIVE,
    )
    for article in Article.objects.filter(pk__in=article_ids):
        record_correction(
            article, action=Correction.Action.SET_THREAD, thread_id=thread.pk, user=user
        )
    refresh_thread_stats({thread.pk})
    _derive_definition(thread)
    return thread
