"""Benchmark 'reindex': rebuild every stored article's search terms, as after a change of rules.

Runs on the articles already in the database (``benchmark scale N`` fills
it). Two full passes: the first writes every row's terms with one extra
marker term, so that every row differs from what is stored, as after a
change of the clitic rules; the second writes the real terms back, again
every row. Each pass is ``manage.py reindex_search``'s code path
(``services.search_index.rebuild``): read a chunk by id, build the terms in
Python, one ``UPDATE`` for the chunk. Prints seconds per pass and per
100,000 articles.
"""

from __future__ import annotations

import argparse
import time
from typing import Any

from articles.models import Article
from articles.nlp import search
from articles.services import search_index

MARKER = "reindexbenchmark"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--chunk", type=int, default=2000)


def _marked(title: str, text: str) -> str:
    head, _, body = search.search_document(title, text).partition("\n")
    return f"{head}\n{body} {MARKER}" if body else f"{head}\n{MARKER}"


def run(options: dict[str, Any]) -> dict[str, Any]:
    rows = Article.objects.exclude(status=Article.Status.PENDING).count()
    passes = []
    for document in (_marked, search.search_document):
        started = time.perf_counter()
        written = search_index.rebuild(chunk=options["chunk"], force=True, document=document)
        passes.append((written, time.perf_counter() - started))
    seconds = [round(s, 1) for _, s in passes]
    best = min(s for _, s in passes)
    return {
        "benchmark": "reindex",
        "rows": rows,
        "rewritten": [w for w, _ in passes],
        "seconds": seconds,
        "rows_per_second": round(rows / best) if best else None,
        "seconds_per_100k": round(best * 100_000 / rows, 1) if rows else None,
        "search_version": search.version(),
    }
