"""Single-article writes from the admin: derive what ingest would, then queue the workers."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from articles.ingest import detect_lang
from articles.models import Article, ArticleBand
from articles.nlp import dedup
from articles.nlp.cleaning import split_stories
from articles.nlp.dedup import content_hash
from articles.nlp.search import search_document
from articles.services import queue
from articles.services.ingest import queue_articles


def save_article(article: Article) -> Article:
    """Save an article typed or edited by hand and send it through the pipeline again.

    The raw text is what the admin typed; the cleaned text is derived from it
    as ingest would (boilerplate stripped, only the first story kept).
    """
    stories = split_stories(article.title, article.raw_text)
    story = stories[0] if stories else None
    article.text = story.text if story else article.raw_text.strip()
    if story:
        article.publisher = article.publisher or story.publisher[:300]
        article.byline = article.byline or story.byline[:300]
    article.lang = article.lang or detect_lang(article.text)
    article.content_hash = content_hash(article.text)
    article.search_text = search_document(article.title, article.text)
    article.status = Article.Status.PENDING
    article.tagger_version = ""
    article.queued_at, article.attempts = timezone.now(), 0
    signature = dedup.signature(article.text)
    article.minhash = dedup.signature_to_bytes(signature)
    with transaction.atomic():
        article.save()
        article.bands.all().delete()
        ArticleBand.objects.bulk_create(
            ArticleBand(article=article, band=i, key=k)
            for i, k in enumerate(dedup.lsh_bands(signature))
        )
        transaction.on_commit(lambda: queue_articles([article.pk]))
    return article


def retag(ids: list[int], chunk: int = 500) -> str:
    """Queue a re-tag of ``ids`` as one Celery group; returns its id for progress polling."""
    from celery import group

    result = group(
        queue.signature(queue.RETAG, ids[i : i + chunk]) for i in range(0, len(ids), chunk)
    ).apply_async()
    result.save()
    return result.id
