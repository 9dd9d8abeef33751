"""Near-duplicate clustering and the pending sweep."""

from __future__ import annotations

import pytest

from articles.ingest import Record
from articles.models import Article, ArticleBand, StoryCluster
from articles.services.processing import process_articles, queue_state

pytestmark = pytest.mark.django_db

WIRE = (
    "قال مسؤولون إن وفدي الحكومة والمعارضة سيجتمعان الأسبوع المقبل في جنيف برعاية المبعوث "
    "الأممي لبحث وقف إطلاق النار وتبادل الأسرى وفتح الممرات الإنسانية، وأضافوا أن جولة "
    "المحادثات السابقة انتهت دون اتفاق بسبب خلافات على جدول الأعمال وترتيبات المرحلة "
    "الانتقالية، فيما أكدت الأطراف الإقليمية دعمها للمسار السياسي وضرورة التوصل إلى حل شامل "
    "ينهي سنوات من الصراع ويضمن عودة النازحين إلى مناطقهم في أقرب وقت ممكن."
)
OTHER = (
    "افتتح وزير التعليم اليوم معرضا للكتاب في العاصمة بمشاركة مئات دور النشر العربية والأجنبية، "
    "ويستمر المعرض عشرة أيام تتخللها ندوات وأمسيات شعرية وورش عمل للأطفال والشباب في قاعات "
    "متعددة، وقال المنظمون إن عدد الزوار المتوقع يفوق نصف مليون زائر هذا العام."
)


def test_rewritten_wire_copy_joins_one_cluster(store):
    store(Record(title="a", text=WIRE, source="وكالة"))
    store(
        Record(
            title="b",
            text="جنيف - " + WIRE.replace("الأسبوع المقبل", "الأسبوع القادم"),
            source="صحيفة",
        )
    )
    store(Record(title="c", text=OTHER))
    ids = list(Article.objects.values_list("id", flat=True))
    assert process_articles(ids, tag=False) == 3
    a, b, c = Article.objects.order_by("id")
    assert a.cluster_id is not None
    assert a.cluster_id == b.cluster_id
    assert c.cluster_id is None
    assert a.cluster.size == 2
    assert ArticleBand.objects.filter(article=a).count() == 16


def _copy(n: int) -> Record:
    """The wire story as outlet ``n`` carried it: a changed dateline."""
    return Record(title=f"copy {n}", text=f"({n}) " + WIRE, source=f"outlet {n}")


def _process_new() -> None:
    process_articles(
        list(Article.objects.filter(status="pending").values_list("id", flat=True)), tag=False
    )


def test_later_copy_joins_the_existing_cluster_and_counts(store):
    store(_copy(1), _copy(2))
    _process_new()
    store(_copy(3))
    _process_new()
    clusters = set(Article.objects.values_list("cluster_id", flat=True))
    assert len(clusters) == 1 and None not in clusters
    assert StoryCluster.objects.get().size == 3


def test_a_copy_that_bridges_two_clusters_merges_them(store):
    store(_copy(1), _copy(2), _copy(3), _copy(4))
    _process_new()
    # Two clusters of one story, as two workers racing without the lock would leave them.
    split = StoryCluster.objects.create(size=2)
    Article.objects.filter(title__in=["copy 3", "copy 4"]).update(cluster=split)
    StoryCluster.objects.exclude(pk=split.pk).update(size=2)
    store(_copy(5))
    _process_new()
    assert StoryCluster.objects.count() == 1
    cluster = StoryCluster.objects.get()
    assert cluster.size == 5
    assert set(Article.objects.values_list("cluster_id", flat=True)) == {cluster.pk}


def test_processing_twice_changes_nothing(store):
    store(Record(title="a", text=WIRE))
    ids = list(Article.objects.values_list("id", flat=True))
    assert process_articles(ids) == 1
    before = list(Article.objects.values_list("id", "status", "processed_at", "cluster_id"))
    assert process_articles(ids) == 0
    assert list(Article.objects.values_list("id", "status", "processed_at", "cluster_id")) == before


def test_queue_state_counts(store):
    store(Record(title="a", text=WIRE), Record(title="c", text=OTHER))
    assert queue_state()["pending"] == 2
    process_articles(list(Article.objects.values_list("id", flat=True)), tag=False)
    state = queue_state()
    assert state["pending"] == 0
    assert state["untagged"] == 2


def test_an_article_whose_terms_fail_fails_alone(store, monkeypatch):
    from articles.nlp import search
    from articles.services import processing

    store(Record(title="a", text=WIRE), Record(title="b", text=OTHER))
    a, b = Article.objects.order_by("id")

    def chunk_fails(documents):
        raise ValueError("no chunk today")

    def one_fails(title, text):
        if title == "b":
            raise ValueError("not this one")
        return search.search_document(title, text)

    monkeypatch.setattr(processing, "search_documents", chunk_fails)
    monkeypatch.setattr(processing, "search_document", one_fails)
    assert process_articles([a.pk, b.pk], tag=False) == 1
    a.refresh_from_db()
    b.refresh_from_db()
    assert a.status == Article.Status.PROCESSED
    assert a.search_text == search.search_document("a", WIRE)
    assert b.status == Article.Status.FAILED and "not this one" in b.error


def test_deleting_an_article_deletes_its_band_keys(store):
    # The band table has no foreign key in the database: Django cascades.
    store(Record(title="a", text=WIRE), Record(title="b", text=OTHER))
    a, b = Article.objects.order_by("id")
    gone = a.pk
    assert ArticleBand.objects.filter(article_id=gone).count() == 16
    a.delete()
    assert not ArticleBand.objects.filter(article_id=gone).exists()
    assert ArticleBand.objects.filter(article=b).count() == 16
