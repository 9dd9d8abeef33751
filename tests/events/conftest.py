"""Events as the tagger would report them: the tagger's output is replaced at the nlp boundary.

The extraction itself is another package's work; these tests give the
real tagger's result a list of events chosen per test and check what the
product makes of them (storage, corrections, timeline, state, roles, API).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator

import pytest

from articles.ingest import Record
from articles.models import Article
from articles.nlp.tagger import Tagger
from articles.nlp.types import ArticleInput, EventTag, TagResult
from articles.services.processing import process_articles
from tests.pipeline.conftest import lexicon, store  # noqa: F401 (fixtures)

EventsFor = Callable[[ArticleInput, TagResult], list[EventTag]]


def event(text: str, sentence: str, type_: str, **fields) -> EventTag:
    """An event whose offsets are those of ``sentence`` in ``text``."""
    start = text.index(sentence)
    return EventTag(type=type_, start=start, end=start + len(sentence), **fields)


@pytest.fixture
def tagger_events(monkeypatch) -> Iterator[Callable[[EventsFor], None]]:
    """Make the tagger report the events ``fn(input, result)`` for every article it tags."""
    original = Tagger.tag

    def install(fn: EventsFor) -> None:
        def tag(self, article: ArticleInput) -> TagResult:
            result = original(self, article)
            result.events = fn(article, result)
            return result

        monkeypatch.setattr(Tagger, "tag", tag)

    yield install


GAZA = (
    "استضافت العاصمة القطرية الدوحة جولة جديدة من المفاوضات غير المباشرة بين إسرائيل وحركة "
    "حماس بوساطة قطرية ومصرية، لبحث صفقة تبادل الأسرى ووقف إطلاق النار في قطاع غزة. "
    "وقدم الوسطاء مقترحا جديدا للطرفين. "
)


def stored(
    store_records, *texts: str, published: list[dt.datetime] | None = None, source: str = ""
) -> list[Article]:
    """Store and process articles (tags and events written by the real services)."""
    records = [
        Record(
            title=f"خبر {i}",
            text=text,
            published_at=(published[i] if published else None),
            source=source or f"outlet{i}",
        )
        for i, text in enumerate(texts)
    ]
    store_records(*records)
    ids = list(Article.objects.order_by("id").values_list("id", flat=True))
    process_articles(ids)
    return list(Article.objects.order_by("id"))
