from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from articles.models import Article
from tests.conftest import make_article

pytestmark = pytest.mark.django_db


def test_home_shows_threads_with_sparklines_latest_and_queue(
    analyst_client: Client, tagged
) -> None:
    make_article("قيد المعالجة", "نص", published=None, status=Article.Status.PENDING)
    make_article("فشل", "نص آخر", published=None, status=Article.Status.FAILED)
    response = analyst_client.get(reverse("home"))
    html = response.content.decode()
    assert response.status_code == 200
    assert reverse("thread_detail", args=["gaza-truce"]) in html
    assert '<svg class="sparkline"' in html and "<polyline points=" in html
    assert response.context["queue"] == {"pending": 1, "failed": 1}
    assert "استئناف المفاوضات في الدوحة" in html
    series = response.context["threads"][0]["series"]
    assert len(series) == 26 and sum(series) == 3
