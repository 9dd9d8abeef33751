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


@pytest.fixture(autouse=True)
def own_cache(private_cache) -> None:
    """Every events test has a cache of its own (``private_cache``)."""


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


def put(article: Article, *rows) -> list:
    """Give a stored article these events through the events service (as a worker would)."""
    from django.db import transaction

    from articles.services.events import write_article_events

    with transaction.atomic():
        return write_article_events(article, rows)


def sentence_of(article: Article, words: str) -> dict:
    """``start``/``end`` of ``words`` in the article's text."""
    start = article.text.index(words)
    return {"start": start, "end": start + len(words)}


@pytest.fixture
def story(tagged):
    """The tagged Gaza thread with a story: talks, a proposal two outlets report, a planned round.

    Articles (see tests/conftest.py ``tagged``): a3 (5 Jan, Qatar hosts talks, English),
    a2 (10 Feb, Egypt proposes, الشرق الأوسط), a1 (1 Mar, talks resume in Doha, الجزيرة).
    """
    from articles.services.events import EventRow

    a1, a2, a3, _ = tagged["articles"]
    put(
        a3,
        EventRow(
            "talks_held",
            actors=["ISR", "hamas"],
            via=["QAT"],
            **sentence_of(a3, "Qatar hosted a new round of talks"),
        ),
    )
    put(
        a2,
        EventRow(
            "proposal",
            actors=["EGY"],
            targets=["ISR", "hamas"],
            topics=["ceasefire"],
            **sentence_of(a2, "اقترحت مصر هدنة جديدة"),
        ),
    )
    put(
        a1,
        EventRow(
            "proposal",
            actors=["EGY"],
            when=dt.date(2024, 2, 11),
            attributed_to="رويترز",
            **sentence_of(a1, "المفاوضات بين إسرائيل وحماس"),
        ),
        EventRow(
            "talks_planned",
            actors=["ISR", "hamas"],
            via=["QAT"],
            when=dt.date(2024, 3, 12),
            **sentence_of(a1, "استؤنفت في الدوحة"),
        ),
    )
    return tagged
