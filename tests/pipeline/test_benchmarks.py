"""The benchmark commands run end to end and print one JSON line (figures are not asserted)."""

from __future__ import annotations

import json
import shutil

import pytest
from django.core.management import call_command

from tests.pipeline.conftest import shared_file

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def corpus(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    shutil.copy(shared_file("corpus", "saudinewsnet", "2015-07-21.zip"), folder)
    return folder


def test_benchmark_tag_prints_one_json_line(corpus, capsys):
    call_command("benchmark", "tag", str(corpus))
    figures = json.loads(capsys.readouterr().out.strip())
    assert figures["articles"] > 1000
    assert figures["articles_per_second"] > 0


@pytest.mark.worker
def test_benchmark_pipeline_goes_through_workers(corpus, capsys):
    call_command("benchmark", "pipeline", str(corpus), "--timeout", "300")
    figures = json.loads(capsys.readouterr().out.strip())
    assert figures["complete"] is True
    assert figures["articles_read"] > 1000
    assert (
        figures["articles_read"] == figures["created"] + figures["duplicates"] + figures["rejected"]
    )
    assert figures["negotiation_articles"] > 0
    assert figures["peak_memory_mb"] > 0


def test_benchmark_web_starts_cold_without_touching_other_keys() -> None:
    from django.core.cache import caches

    from articles.benchmarks.web import _empty_cache

    store = caches["default"]
    client = store._cache.get_client(write=True)
    store.set_many({"bench-a": 1, "bench-b": 2}, 60)
    client.set("celery-like-queue-key", b"task")
    try:
        assert _empty_cache() >= 2
        assert store.get_many(["bench-a", "bench-b"]) == {}
        assert client.get("celery-like-queue-key") == b"task"
    finally:
        client.delete("celery-like-queue-key")
