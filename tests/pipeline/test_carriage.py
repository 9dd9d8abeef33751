"""The same text from a second outlet: one body, and a carriage record per further outlet."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from articles.ingest import Record
from articles.models import Article, Carriage
from articles.selectors.articles import facets

pytestmark = pytest.mark.django_db

TEXT = (
    "قال المتحدث باسم الخارجية القطرية إن جولة جديدة من المفاوضات غير المباشرة ستعقد في "
    "الدوحة الأسبوع المقبل بمشاركة وفود الطرفين والوسطاء المصريين والأمريكيين."
)


def wire(outlet: str, day: int, url: str = "") -> Record:
    return Record(
        title=f"عنوان {outlet}",
        text=TEXT,
        source=outlet,
        url=url or f"https://{outlet}.example/story",
        published_at=datetime(2024, 3, day, tzinfo=UTC),
    )


def test_a_second_outlet_adds_a_carriage_not_a_second_body(store, analyst_client):
    first = store(wire("aawsat", 1), wire("aawsat", 1))
    later = store(wire("okaz", 2), wire("sabq", 3), wire("okaz", 2), wire("aawsat", 4))
    article = Article.objects.get()
    assert article.source.name == "aawsat"
    rows = {c.source.name: c for c in Carriage.objects.select_related("source")}
    assert set(rows) == {"okaz", "sabq"}  # the article's own outlet is not a carriage
    okaz = rows["okaz"]
    assert (okaz.article_id, okaz.url, okaz.title, okaz.batch_id) == (
        article.pk,
        "https://okaz.example/story",
        "عنوان okaz",
        later.pk,
    )
    assert okaz.published_at == datetime(2024, 3, 2, tzinfo=UTC)
    # The report still adds up: the copies are duplicates of the batch.
    assert (first.created_count, first.duplicate_count) == (1, 1)
    assert (later.created_count, later.duplicate_count, later.read_count) == (0, 4, 4)

    Article.objects.update(status=Article.Status.PROCESSED)
    sources = {row["name"]: row["count"] for row in facets({})["source"]}
    assert sources == {"aawsat": 1, "okaz": 1, "sabq": 1}

    page = analyst_client.get(f"/articles/{article.pk}/").content.decode()
    assert "https://okaz.example/story" in page and "https://sabq.example/story" in page
    assert "3" in page.split('class="carried"', 1)[1].split("</p>", 1)[0]


def test_a_carriage_keeps_no_link_that_is_not_http(store):
    store(wire("aawsat", 1))
    store(Record(title="t", text=TEXT, source="okaz", url="javascript:alert(1)"))
    assert Carriage.objects.get().url == ""


def test_a_copy_without_an_outlet_adds_nothing(store):
    store(wire("aawsat", 1))
    store(Record(title="t", text=TEXT))
    assert not Carriage.objects.exists()
