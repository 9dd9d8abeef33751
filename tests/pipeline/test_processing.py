"""Near-duplicate clustering and the pending sweep."""

from __future__ import annotations

import pytest

from articles.ingest import Record
from articles.models import Article, ArticleBand
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
