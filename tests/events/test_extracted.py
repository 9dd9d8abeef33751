"""The real tagger's events (no stand-in) reach the Event table through the worker's path."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from articles.models import Event

from .conftest import stored

pytestmark = pytest.mark.django_db

WEDNESDAY = timezone.make_aware(dt.datetime(2024, 3, 27, 9))

RECALL = (
    "الدوحة - رفضت حركة حماس المقترح الأمريكي لوقف إطلاق النار في قطاع غزة وقدمت مقترحاً "
    "مضاداً عبر الوسطاء القطريين والمصريين، بحسب مصادر مطلعة على المفاوضات.\n"
    "وقال مكتب رئيس الوزراء الإسرائيلي إن إسرائيل استدعت فريق المفاوضات من الدوحة أمس، "
    "متهماً حماس بعرقلة المحادثات.\n"
    "ومن المقرر أن تستأنف المفاوضات غير المباشرة بين إسرائيل وحماس في القاهرة الإثنين "
    "بوساطة مصرية وقطرية.\n"
)


def test_tagged_events_are_stored_with_sentence_date_and_source(lexicon, store):
    [article] = stored(store, RECALL, published=[WEDNESDAY])
    events = list(Event.objects.filter(article=article))
    types = {e.type for e in events}
    assert {"rejection", "suspension", "talks_planned"} <= types
    recall = next(e for e in events if e.type == "suspension")
    assert recall.actors == ["ISR"]
    assert recall.when == dt.date(2024, 3, 26)  # «أمس» of a Wednesday article
    assert "استدعت فريق المفاوضات" in recall.sentence
    assert recall.origin == "tagger" and recall.tagger_version == article.tagger_version
    assert recall.thread_id == article.thread_id
    planned = next(e for e in events if e.type == "talks_planned")
    assert planned.when == dt.date(2024, 4, 1)  # the next Monday: a planned round lies ahead
    rejection = next(e for e in events if e.type == "rejection")
    assert rejection.actors == ["hamas"] and rejection.attributed_to == "مصادر مطلعة"
