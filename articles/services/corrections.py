"""Analysts' corrections: stored as rows of their own, then applied on top of the tagger."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import transaction

from articles import cache
from articles.models import Article, Correction
from articles.services.events import follow_article
from articles.services.rollups import refresh_thread_stats


@dataclass
class Tags:
    """An article's tags in plain form, between the tagger and the row."""

    is_negotiation: bool
    actors: set[str] = field(default_factory=set)
    parties: set[str] = field(default_factory=set)
    mediators: set[str] = field(default_factory=set)
    topics: set[str] = field(default_factory=set)
    thread_id: int | None = None

    def apply(self, corrections: Iterable[Correction]) -> Tags:
        """Apply corrections in the order they were made; later ones win."""
        roles = {"party": self.parties, "mediator": self.mediators, "mentioned": self.actors}
        A = Correction.Action
        for c in corrections:
            if c.action == A.ADD_ACTOR:
                roles[c.role].add(c.actor_id)
                self.actors.add(c.actor_id)
            elif c.action == A.REMOVE_ACTOR:
                if c.role == "mentioned":
                    for s in roles.values():
                        s.discard(c.actor_id)
                else:
                    roles[c.role].discard(c.actor_id)
            elif c.action == A.ADD_TOPIC:
                self.topics.add(c.topic_id)
            elif c.action == A.REMOVE_TOPIC:
                self.topics.discard(c.topic_id)
            elif c.action == A.SET_THREAD:
                self.thread_id = c.thread_id
            elif c.action == A.SET_NEGOTIATION:
                self.is_negotiation = bool(c.value)
        return self

    def write_to(self, article: Article) -> None:
        article.is_negotiation = self.is_negotiation
        article.actors = sorted(self.actors | self.parties | self.mediators)
        article.parties = sorted(self.parties)
        article.mediators = sorted(self.mediators)
        article.topics = sorted(self.topics)
        article.thread_id = self.thread_id


def record_correction(
    article: Article,
    *,
    action: str,
    actor_id: str | None = None,
    role: str = "",
    topic_id: str | None = None,
    thread_id: int | None = None,
    value: bool | None = None,
    user=None,
    note: str = "",
) -> Correction:
    """Store one correction and show it on the article at once."""
    with transaction.atomic():
        correction = Correction(
            article=article,
            action=action,
            actor_id=actor_id,
            role=role,
            topic_id=topic_id,
            thread_id=thread_id,
            value=value,
            created_by=user,
            note=note,
        )
        correction.full_clean(exclude=["article", "created_by"])
        correction.save()
        article = Article.objects.select_for_update().get(pk=article.pk)
        old_thread_id = article.thread_id
        tags = Tags(
            is_negotiation=bool(article.is_negotiation),
            actors=set(article.actors),
            parties=set(article.parties),
            mediators=set(article.mediators),
            topics=set(article.topics),
            thread_id=article.thread_id,
        ).apply([correction])
        tags.write_to(article)
        article.save(
            update_fields=["is_negotiation", "actors", "parties", "mediators", "topics", "thread"]
        )
        follow_article(article, old_thread_id=old_thread_id)
        threads = {t for t in (old_thread_id, article.thread_id) if t}
        refresh_thread_stats(threads)
        cache.invalidate(cache.thread_scope(t) for t in threads)
    return correction
