"""Pages cost a fixed number of queries however many rows they show (no per-row queries)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.conftest import at, make_article

pytestmark = pytest.mark.django_db


@pytest.fixture
def many(tagged) -> None:
    for i in range(40):
        make_article(
            f"مفاوضات {i}",
            f"نص المفاوضات رقم {i}",
            published=at(f"2024-02-{1 + i % 28:02d}", hour=i % 24),
            source=tagged["sources"]["jazeera"],
            thread=tagged["thread"],
            actors=["ISR", "QAT"],
            parties=["ISR"],
            mediators=["QAT"],
            topics=["ceasefire"],
        )


@pytest.mark.parametrize(
    ("name", "args", "params", "limit"),
    [
        ("home", [], {}, 10),
        # The list walks the newest stretch of the date index first: a bound,
        # then the walk with bitmap scans off (one statement with its SET).
        ("article_list", [], {"actor": "QAT", "topic": "ceasefire"}, 10),
        ("thread_detail", ["gaza-truce"], {"zoom": "day"}, 12),
        ("search", [], {"q": "المفاوضات"}, 6),
        ("actor_detail", ["QAT"], {}, 11),
    ],
)
def test_bounded_queries(analyst_client: Client, many, name, args, params, limit) -> None:
    url = reverse(name, args=args)
    analyst_client.get(url, params)  # warm the lexicon cache like a running site
    with CaptureQueriesContext(connection) as queries:
        response = analyst_client.get(url, params)
    assert response.status_code == 200
    assert len(queries) <= limit, [q["sql"][:120] for q in queries]


@pytest.mark.django_db(transaction=True)
def test_a_walk_turns_bitmap_scans_off_for_its_own_statement_only() -> None:
    from articles.selectors import articles as lists

    for i in range(3):
        make_article(f"مفاوضات {i}", "نص", published=at(f"2024-02-0{i + 1}"))
    ids = (
        "SELECT m.id FROM (SELECT id, published_at FROM articles_article) m "
        "WHERE m.published_at IS NOT NULL"
    )
    with CaptureQueriesContext(connection) as queries:
        rows = lists._card_rows_of(ids, (), 2, walk=True)
    assert [r["title"] for r in rows] == ["مفاوضات 2", "مفاوضات 1"]
    assert len(queries) == 1 and queries[0]["sql"].startswith("SET LOCAL enable_bitmapscan")
    with connection.cursor() as cur:
        cur.execute("SHOW enable_bitmapscan")
        assert cur.fetchone()[0] == "on"  # gone with the statement's own transaction
