"""Alert evaluation's cost: the pipeline over PATH without and with N watchlists, and the matcher alone.

Two runs of ``benchmark pipeline`` (fresh scratch database, real workers):
one with no watchlist, one with ``--watchlists`` of them (10,000 by
default) saved before the articles arrive, so every article is evaluated
against all of them as it is tagged. The difference is what alert
evaluation adds. Then, in this process, the same tagged articles are
evaluated again against the watchlists in chunks as the workers see them,
without writing, which times the matcher alone on one core.

Watchlists are drawn at random (``--seed``) from the shapes analysts save:
an actor in a role, a thread, two actors together on a topic, words, a
topic in one language, an outlet; a few broad ones (a language, an
outlet) are included because some analysts keep them.
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import time
from pathlib import Path

from django.conf import settings

from articles.benchmarks._harness import (
    PeakMemory,
    bench_database_url,
    bench_redis_url,
    fresh_database,
    inner_run,
    workers,
)

WORDS = [
    "مفاوضات", "هدنة", "الدوحة", "القاهرة", "وساطة", "اتفاق", "الأسرى", "وقف إطلاق النار",
    "جولة", "مقترح", "النووي", "العقوبات", "الحوثيين", "اليمن", "سوريا", "جنيف", "مسقط",
    "talks", "ceasefire", "nuclear", "sanctions", "hostages", "agreement", "mediation",
    "طهران", "واشنطن", "موسكو", "فيينا", "لوزان", "الكويت", "صنعاء", "عدن",
]  # fmt: skip
CHUNK = 500


def add_arguments(parser) -> None:
    parser.add_argument("path")
    parser.add_argument("--watchlists", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--timeout", type=float, default=900)


def run(options: dict) -> dict:
    if os.environ.get("NT_BENCH_INNER"):
        return _inner(options)
    base = _pipeline(options, watchlists=0)
    loaded = _pipeline(options, watchlists=options["watchlists"])
    overhead = (loaded["seconds"] - base["seconds"]) / base["seconds"] * 100
    return {
        "benchmark": "alerts",
        "articles_read": loaded["articles_read"],
        "watchlists": loaded["watchlists"],
        "alerts": loaded["alerts"],
        "watchlists_with_alerts": loaded["watchlists_with_alerts"],
        "pipeline_seconds_without": base["seconds"],
        "pipeline_seconds_with": loaded["seconds"],
        "pipeline_overhead_percent": round(overhead, 1),
        "index_build_seconds": loaded["index_build_seconds"],
        "evaluate_seconds_one_core": loaded["evaluate_seconds"],
        "evaluate_share_of_pipeline_percent": round(
            loaded["evaluate_seconds"] / base["seconds"] * 100, 1
        ),
        "complete": base["complete"] and loaded["complete"],
        "peak_memory_mb": loaded["peak_memory_mb"],
    }


def _pipeline(options: dict, *, watchlists: int) -> dict:
    url, name = bench_database_url()
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "REDIS_URL": bench_redis_url(),
        "NT_TAG_AFTER_PROCESS": "1",
        "NT_BENCH_INNER": "1",
        "EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
    }
    fresh_database(env, name, lexicon=True)
    manage = [sys.executable, str(Path(settings.BASE_DIR) / "manage.py")]
    command = [*manage, "benchmark", "alerts", options["path"], "--watchlists", str(watchlists),
               "--seed", str(options["seed"]), "--timeout", str(options["timeout"])]  # fmt: skip
    with PeakMemory() as mem, workers(env):
        out = subprocess.run(command, env=env, check=True, capture_output=True, text=True)
    figures = json.loads(out.stdout.strip().splitlines()[-1])
    figures["peak_memory_mb"] = mem.peak_mb
    return figures


def _inner(options: dict) -> dict:
    """In the scratch database: save the watchlists, run the pipeline, then time the matcher alone."""
    from articles.models import Alert

    count = make_watchlists(options["watchlists"], options["seed"])
    figures = inner_run(options["path"], tag=True, timeout=options["timeout"])
    figures["watchlists"] = count
    figures["alerts"] = Alert.objects.count()
    figures["watchlists_with_alerts"] = Alert.objects.values("watchlist").distinct().count()
    figures.update(
        time_matcher() if count else {"evaluate_seconds": 0.0, "index_build_seconds": 0.0}
    )
    return figures


def make_watchlists(n: int, seed: int) -> int:
    """``n`` watchlists over ``n // 10`` analysts, their filters drawn from the lexicon."""
    if not n:
        return 0
    from django.contrib.auth.models import User

    from articles.models import Actor, Source, Thread, Topic, Watchlist
    from articles.services.watchlists import compile_query

    rng = random.Random(seed)
    actors = sorted(Actor.objects.values_list("id", flat=True))
    topics = sorted(Topic.objects.values_list("id", flat=True))
    threads = sorted(Thread.objects.values_list("key", flat=True))
    sources = [
        Source.objects.get_or_create(name=s)[0].pk
        for s in (
            "aawsat",
            "aleqtisadiya",
            "alhayat",
            "alriyadh",
            "alwatan",
            "okaz",
            "sabq",
            "saudiyoum",
        )
    ]  # SaudiNewsNet's outlets, so outlet watchlists can match
    users = User.objects.bulk_create(
        [User(username=f"bench-analyst-{i}") for i in range((n + 9) // 10)]
    )
    shapes = [
        (30, lambda: f"actor={rng.choice(actors)}&role={rng.choice(['party', 'mediator'])}"),
        (20, lambda: f"thread={rng.choice(threads)}"),
        (15, lambda: f"actor={','.join(rng.sample(actors, 2))}&actor_mode=all&topic={rng.choice(topics)}"),
        (15, lambda: f"q={rng.choice(WORDS)}"),
        (10, lambda: f"topic={rng.choice(topics)}&lang={rng.choice(['ar', 'en'])}"),
        (9.9, lambda: f"source={rng.choice(sources)}&actor={rng.choice(actors)}"),
        (0.1, lambda: rng.choice(["lang=ar", f"source={rng.choice(sources)}"])),
    ]  # fmt: skip
    weights = [w for w, _ in shapes]
    rows = []
    for i in range(n):
        make = rng.choices(shapes, weights)[0][1]
        query, criteria = compile_query(make())
        rows.append(Watchlist(owner=users[i // 10], name=f"w{i}", query=query, criteria=criteria))
    Watchlist.objects.bulk_create(rows, batch_size=2000)
    return n


def time_matcher() -> dict:
    """Evaluate every tagged article again in chunks, as the workers do, without writing."""
    from articles.models import Article
    from articles.services import alerts

    alerts._held = None
    t0 = time.perf_counter()
    held = alerts.watchlist_set()
    built = time.perf_counter() - t0
    ids = list(
        Article.objects.filter(tagged_at__isnull=False).order_by("id").values_list("id", flat=True)
    )
    spent = 0.0
    drafts = 0
    for i in range(0, len(ids), CHUNK):
        chunk = list(
            Article.objects.filter(pk__in=ids[i : i + CHUNK]).only(
                "id",
                "thread_id",
                "actors",
                "parties",
                "mediators",
                "topics",
                "source_id",
                "lang",
                "published_at",
                "search_text",
            )  # fmt: skip
        )
        start = time.perf_counter()
        drafts += len(alerts.evaluate(chunk, held))
        spent += time.perf_counter() - start
    return {
        "index_build_seconds": round(built, 2),
        "evaluate_seconds": round(spent, 2),
        "drafts": drafts,
    }
