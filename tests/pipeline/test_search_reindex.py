"""Stored search terms follow the search rules: a rebuild rewrites stale rows, resumes, and is idle when current."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from articles.models import Article, SearchIndexState
from articles.nlp import search
from articles.services import search_index
from tests.conftest import at, make_article

pytestmark = pytest.mark.django_db


def _stale(title: str, text: str, day: str) -> Article:
    """An article whose terms were built by older rules (the prefix «ل» kept on «لحماس»)."""
    article = make_article(title, text, published=at(day))
    Article.objects.filter(pk=article.pk).update(search_text=f"{title}\n{text}")
    return article


def test_rebuild_rewrites_stale_terms_and_then_idles() -> None:
    a = _stale("بيان", "رسالة لحماس", "2024-01-01")
    b = make_article("خبر", "وساطة قطرية", published=at("2024-01-02"))  # already current
    assert search_index.rebuild() == 1
    a.refresh_from_db()
    assert a.search_text == search.search_document("بيان", "رسالة لحماس")
    assert "حماس" in a.search_text.split()
    assert Article.objects.filter(search_vector="حماس").count() == 1
    assert search_index.is_current()
    assert search_index.rebuild() == 0  # nothing to do: no row is read again
    b.refresh_from_db()
    assert b.search_text == search.search_document("خبر", "وساطة قطرية")


def test_an_interrupted_rebuild_resumes_after_its_last_chunk() -> None:
    first = _stale("أول", "لحماس", "2024-01-01")
    second = _stale("ثان", "بحماس", "2024-01-02")
    SearchIndexState.objects.update_or_create(
        id=1, defaults={"version": "old", "target": search.version(), "done_through": first.pk}
    )
    assert search_index.rebuild() == 1
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.search_text == "أول\nلحماس"  # before the resume point: not visited again
    assert second.search_text == "ثان\nحماس"
    assert SearchIndexState.objects.get().version == search.version()


def test_pending_articles_are_left_to_processing() -> None:
    pending = _stale("خبر", "لحماس", "2024-01-01")
    Article.objects.filter(pk=pending.pk).update(status=Article.Status.PENDING)
    assert search_index.rebuild() == 0


def test_command_reports_and_retag_runs_it() -> None:
    _stale("بيان", "بوساطة قطرية", "2024-01-01")
    out = StringIO()
    call_command("reindex_search", stdout=out, verbosity=0)
    assert "1 articles rewritten" in out.getvalue()
    out = StringIO()
    call_command("reindex_search", stdout=out, verbosity=0)
    assert "current" in out.getvalue()
    SearchIndexState.objects.update(version="old")
    call_command("retag", stdout=StringIO(), verbosity=0)
    assert SearchIndexState.objects.get().version == search.version()
