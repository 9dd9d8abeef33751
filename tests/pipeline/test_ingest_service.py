"""Storing records: stories, duplicates, rejects and the batch's arithmetic."""

from __future__ import annotations

import pytest

from articles.ingest import Record, RowError, read_bytes
from articles.models import Article, IngestBatch
from articles.services.ingest import create_batch, ingest_items
from tests.pipeline.conftest import shared_file

pytestmark = pytest.mark.django_db

BODY = (
    "أعلنت وزارة الخارجية القطرية استئناف المحادثات غير المباشرة في الدوحة بمشاركة وفود من "
    "الطرفين، وقال المتحدث إن الوسطاء يعملون على تقريب وجهات النظر حول بنود الاتفاق المقترح."
)


def test_counts_add_up_and_broken_lines_are_reported(store):
    data = (
        '{"id": "a", "title": "خبر أول", "text": "' + BODY + '"}\n'
        '{"id": "b", "title": "broken", "text": \n'
        '{"id": "c", "title": "خبر ثالث", "text": ""}\n'
        '{"id": "d", "title": "خبر رابع", "text": "'
        + BODY
        + ' وأضاف أن الجولة المقبلة ستعقد قريبا."}\n'
    ).encode()
    batch = create_batch(kind=IngestBatch.Kind.COMMAND, filename="upload.jsonl")
    batch = ingest_items(batch, read_bytes("upload.jsonl", data), queue=False)
    assert batch.status == IngestBatch.Status.DONE
    assert batch.created_count == 2
    assert batch.rejected_count == 2
    assert batch.read_count == batch.created_count + batch.duplicate_count + batch.rejected_count
    lines = sorted(e["line"] for e in batch.errors)
    assert lines == [2, 3]
    assert all(e["reason"] for e in batch.errors)
    assert Article.objects.filter(batch=batch, status=Article.Status.PENDING).count() == 2


def test_reingesting_the_same_records_creates_nothing(store):
    record = Record(title="عنوان", text=BODY, source="الشرق الأوسط", origin="x.json:1")
    first = store(record)
    second = store(record)
    assert first.created_count == 1
    assert second.created_count == 0
    assert second.duplicate_count == 1
    assert Article.objects.count() == 1


def test_diacritics_and_hamza_do_not_make_a_new_article(store):
    store(Record(title="t", text=BODY))
    variant = BODY.replace("أعلنت", "اَعلنت").replace("القطرية", "القطريّة")
    batch = store(Record(title="t2", text=variant))
    assert batch.duplicate_count == 1


def test_seed_page_becomes_two_linked_stories(store):
    raw = shared_file("seeds", "000_4aa8b5c3c2ddf981.txt").read_text(encoding="utf-8")
    batch = store(Record(title="", text=raw, origin="000.txt"))
    stories = list(Article.objects.filter(batch=batch).order_by("story_index"))
    assert len(stories) == 2
    first, second = stories
    assert first.publisher == "سكاي نيوز عربية"
    assert "كلمات دلالية" not in first.text
    assert second.page_id == first.pk
    assert "طهران" in second.title
    assert "يمن مونيتور" in second.byline
    assert "مقالات مشابهة" not in second.text
    assert first.raw_text == raw == second.raw_text


def test_row_errors_are_counted_as_rejected(store):
    batch = create_batch(kind=IngestBatch.Kind.COMMAND, filename="f")
    batch = ingest_items(
        batch,
        [RowError("f.csv", 4, "row 4: empty body"), Record(title="t", text=BODY)],
        queue=False,
    )
    assert (batch.read_count, batch.created_count, batch.rejected_count) == (2, 1, 1)
    assert batch.errors == [{"file": "f.csv", "line": 4, "reason": "row 4: empty body"}]


def test_search_text_folds_clitics(store):
    from django.contrib.postgres.search import SearchQuery

    from articles.services.processing import process_articles

    store(Record(title="", text="وقال إن ومفاوضات الدوحة مستمرة بين الطرفين منذ أسابيع طويلة"))
    process_articles(list(Article.objects.values_list("id", flat=True)), tag=False)

    from articles.nlp.search import search_terms

    query = SearchQuery(search_terms("المفاوضات"), config="simple")
    assert Article.objects.filter(search_vector=query).count() == 1
