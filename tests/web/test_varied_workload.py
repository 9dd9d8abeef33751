"""``benchmark web --varied``: its requests are drawn from the data, differ by seed, and answer."""

from __future__ import annotations

import pytest
from django.test import Client

from articles.benchmarks import varied

pytestmark = pytest.mark.django_db


def test_every_page_kind_is_drawn_from_the_data_and_answers(analyst_client: Client, tagged) -> None:
    draw = varied.Draw(seed=7)
    for page in varied.PAGES:
        paths = draw.paths(page, 12)
        assert len(set(paths)) > 1, page
        for path in paths[:4]:
            response = analyst_client.get(path)
            assert response.status_code == 200, path


def test_a_seed_draws_the_same_mix_and_another_seed_another(tagged) -> None:
    first, again, other = (varied.Draw(seed=s).paths("list", 50) for s in (3, 3, 4))
    assert first == again
    assert first != other
    searched = " ".join(varied.Draw(seed=3).paths("search", 200))
    assert "%D9%88%D8%A7%D9%84%D9%85%D9%81%D8%A7%D9%88%D8%B6%D8%A7%D8%AA" in searched  # والمفاوضات


def test_pagecpu_reports_cpu_and_statements_per_page_kind(tagged, analyst_user) -> None:
    from articles.benchmarks import pagecpu

    figures = pagecpu.run(
        {"requests": 4, "seed": 7, "pages": ["article", "thread"], "cold": True, "calls": True}
    )
    assert figures["debug"] is False
    for page in ("article", "thread"):
        assert figures[page]["cpu_ms"] > 0 and figures[page]["statements"] >= 1
        assert 0 < figures[page]["p50_ms"] <= figures[page]["p95_ms"] <= figures[page]["p99_ms"]
        assert len(figures[page]["slowest"]) == 3
        # A rendered page makes thousands of Python calls; the count is per request.
        assert 1_000 < figures[page]["calls"] < 1_000_000
        assert all(
            path.startswith(f"/{'articles' if page == 'article' else 'threads'}/")
            for path in figures[page]["slowest"]
        )
    assert "list" not in figures
