"""Tag every article under PATH in this one process, with no database writes."""

import time

from articles.ingest import Limits, Record, iter_paths, read_file
from articles.nlp.lexicon import Lexicon
from articles.nlp.tagger import Tagger
from articles.nlp.threads import load_thread_defs
from articles.nlp.types import ArticleInput


def add_arguments(parser) -> None:
    parser.add_argument("path")
    parser.add_argument(
        "--no-events",
        action="store_true",
        help="leave event reading out (the figure to compare the events' cost with)",
    )


def run(options: dict) -> dict:
    """Reading the files is not timed; building the tagger and tagging are, apart.

    Wall-clock and CPU time are both given: on a shared machine the CPU
    time of this one process says more about the tagger's own speed."""
    inputs = [
        ArticleInput(
            id=str(i),
            title=r.title,
            text=r.text,
            published_at=r.published_at.isoformat() if r.published_at else None,
            source=r.source,
            lang=r.lang or None,
        )
        for p in iter_paths([options["path"]])
        for i, r in enumerate(read_file(p, Limits()))
        if isinstance(r, Record)
    ]
    t0 = time.perf_counter()
    tagger = Tagger(Lexicon.from_data_dir(), load_thread_defs())
    if options.get("no_events"):
        tagger.events = None
    t1 = time.perf_counter()
    c1 = time.process_time()
    negotiations = events = 0
    for a in inputs:
        result = tagger.tag(a)
        negotiations += result.is_negotiation
        events += len(result.events)
    t2 = time.perf_counter()
    c2 = time.process_time()
    return {
        "benchmark": "tag",
        "articles": len(inputs),
        "negotiation_articles": negotiations,
        "events": events,
        "build_seconds": round(t1 - t0, 2),
        "seconds": round(t2 - t1, 2),
        "articles_per_second": round(len(inputs) / (t2 - t1), 1),
        # CPU time of this process: the fairer figure on a shared machine.
        "cpu_seconds": round(c2 - c1, 2),
        "articles_per_cpu_second": round(len(inputs) / (c2 - c1), 1),
    }
