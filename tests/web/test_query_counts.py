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
        # then the walk with bitmap scans off (a transaction and a SET).
        ("article_list", [], {"actor": "QAT", "topic": "ceasefire"}, 11),
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
