"""The admin's re-tag action runs on the worker and reports progress."""

from __future__ import annotations

import pytest

from articles.ingest import Record
from articles.models import Article
from articles.services.processing import process_articles
from tests.pipeline.test_tagging import TALKS
from tests.pipeline.test_worker import wait_for, worker  # noqa: F401

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.worker]


def test_admin_retag_action_with_progress(lexicon, store, worker, admin_client):  # noqa: F811
    store(Record(title="a", text=TALKS))
    ids = list(Article.objects.values_list("id", flat=True))
    process_articles(ids)
    Article.objects.update(parties=[], tagger_version="old")
    response = admin_client.post(
        "/admin/articles/article/",
        {"action": "retag_selected", "_selected_action": [str(i) for i in ids]},
    )
    assert response.status_code == 302
    progress_url = response["Location"]
    assert admin_client.get(progress_url).status_code == 200

    def finished() -> bool:
        return admin_client.get(progress_url + "status/").json()["done"]

    wait_for(finished)
    status = admin_client.get(progress_url + "status/").json()
    assert status["articles_done"] == 1 and status["percent"] == 100
    article = Article.objects.get()
    assert article.parties and article.tagger_version != "old"
