"""Alert evaluation's cost: the pipeline over PATH without and with N watchlists, and the matcher alone.

Pairs of ``benchmark pipeline`` runs (fresh scratch database, real
workers), interleaved: one with no watchlist, one with ``--watchlists`` of
them (10,000 by default) saved before the articles arrive, so every
article is evaluated against all of them as it is tagged and its alerts
are written in the tagging transaction. ``--repeat`` pairs are run and the
medians reported, since on a shared machine one pair's difference is
mostly the load's.

Two measures per run: wall time, and CPU time, the seconds of CPU every
process of the pipeline used (the ingest process, the Celery workers and,
with the embedded server, PostgreSQL and its backends). CPU time counts
the work done, not the waiting for a busy machine, so the difference of
CPU times is the cost of alerts even when the load changes between runs.
Then, in the last "with" run, the same tagged articles are evaluated again
against the watchlists in chunks as the workers see them, without
writing, which times the matcher alone on one core.

Watchlists are drawn at random (``--seed``) from the shapes analysts save:
an actor in a role, a thread, two actors together on a topic, words, a
topic in one language, moves of a type in a thread, an outlet; a few broad
ones (a language, an outlet) are included because some analysts keep them.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

from django.conf import settings

from articles.benchmarks._harness import (
    PeakMemory,
    bench_database_url,
    bench_redis_url,
    children_cpu,
    fresh_database,
    inner_run,
    postgres_cpu,
    postgres_cpu_since,
    workers,
)

WORDS = [
    "مفاوضات", "هدنة", "الدوحة", "القاهرة", "وساطة", "اتفاق", "الأسرى", "وقف إطلاق النار",
    "جولة", "مقترح", "النووي", "العقوبات", "الحوثيين", "اليمن", "سوريا", "جنيف", "مسقط",
    "talks", "ceasefire", "nuclear", "sanctions", "hostages", "agreement", "mediation",
    "طهران", "واشنطن", "موسكو", "فيينا", "لوزان", "الكويت", "صنعاء", "عدن",
]  # fmt: skip
CHUNK = 500
# Where a run's CPU time goes: the ingest process, the Celery workers, PostgreSQL.
COMPONENTS = ("ingest", "workers", "postgres")


def add_arguments(parser) -> None:
    parser.add_argument("path")
    parser.add_argument("--watchlists", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--timeout", type=float, default=900)
    parser.add_argument(
        "--repeat", type=int, default=3, help="pairs of runs (without, with); medians reported"
    )
    parser.add_argument("--matcher-only", action="store_true", help=argparse.SUPPRESS)


def run(options: dict) -> dict:
    if os.environ.get("NT_BENCH_INNER"):
        return _inner(options)
    pairs = []
    for i in range(max(1, options["repeat"])):
        # Alternate which run of the pair goes first, so a load that rises or
        # falls over the benchmark does not always favour the same side.
        order = (0, options["watchlists"]) if i % 2 == 0 else (options["watchlists"], 0)
        runs = {n: _pipeline(options, watchlists=n, last=i == options["repeat"] - 1) for n in order}
        pairs.append((runs[0], runs[options["watchlists"]]))
        print(json.dumps(_pair(*pairs[-1]), ensure_ascii=False), file=sys.stderr)
    base, loaded = pairs[-1]
    wall = [_pair(b, w)["wall_overhead_percent"] for b, w in pairs]
    cpu = [_pair(b, w)["cpu_overhead_percent"] for b, w in pairs]
    median_base_cpu = statistics.median(b["cpu_seconds"] for b, _ in pairs)
    return {
        "benchmark": "alerts",
        "pairs": len(pairs),
        "articles_read": loaded["articles_read"],
        "watchlists": loaded["watchlists"],
        "alerts": loaded["alerts"],
        "watchlists_with_alerts": loaded["watchlists_with_alerts"],
        "pipeline_seconds_without": [b["seconds"] for b, _ in pairs],
        "pipeline_seconds_with": [w["seconds"] for _, w in pairs],
        "wall_overhead_percent": wall,
        "wall_overhead_percent_median": round(statistics.median(wall), 1),
        "cpu_seconds_without": [b["cpu_seconds"] for b, _ in pairs],
        "cpu_seconds_with": [w["cpu_seconds"] for _, w in pairs],
        "cpu_overhead_percent": cpu,
        "cpu_overhead_percent_median": round(statistics.median(cpu), 1),
        **{
            f"{part}_cpu_seconds_added_median": round(
                statistics.median(
                    w[f"{part}_cpu_seconds"] - b[f"{part}_cpu_seconds"]
                    for b, w in pairs
                    if w[f"{part}_cpu_seconds"] is not None and b[f"{part}_cpu_seconds"] is not None
                ),
                1,
            )
            for part in COMPONENTS
            if all(w[f"{part}_cpu_seconds"] is not None for _, w in pairs)
        },
        "load_average_after_each_run": [(b["load_average"], w["load_average"]) for b, w in pairs],
        "postgres_counted": all(b["postgres_cpu_seconds"] is not None for b, _ in pairs),
        "index_build_seconds": loaded["index_build_seconds"],
        "evaluate_seconds_one_core": loaded["evaluate_seconds"],
        "evaluate_cpu_seconds": loaded["evaluate_cpu_seconds"],
        "evaluate_share_of_pipeline_cpu_percent": round(
            loaded["evaluate_cpu_seconds"] / median_base_cpu * 100, 1
        ),
        "complete": all(b["complete"] and w["complete"] for b, w in pairs),
        "peak_memory_mb": loaded["peak_memory_mb"],
    }


def _pair(base: dict, loaded: dict) -> dict:
    return {
        "wall_overhead_percent": round((loaded["seconds"] / base["seconds"] - 1) * 100, 1),
        "cpu_overhead_percent": round((loaded["cpu_seconds"] / base["cpu_seconds"] - 1) * 100, 1),
        "seconds": (base["seconds"], loaded["seconds"]),
        "cpu_seconds": (base["cpu_seconds"], loaded["cpu_seconds"]),
        **{
            f"{part}_cpu_seconds": (
                base.get(f"{part}_cpu_seconds"),
                loaded.get(f"{part}_cpu_seconds"),
            )
            for part in COMPONENTS
        },
        "load_average": (base.get("load_average"), loaded.get("load_average")),
    }


def _pipeline(options: dict, *, watchlists: int, last: bool) -> dict:
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
    children, postgres = children_cpu(), postgres_cpu()
    with PeakMemory() as mem, workers(env):
        out = subprocess.run(command, env=env, check=True, capture_output=True, text=True)
    figures = json.loads(out.stdout.strip().splitlines()[-1])
    children = children_cpu() - children
    figures["postgres_cpu_seconds"] = postgres_cpu_since(postgres)
    # The ingest process reports its own CPU (and what it spent outside the
    # pipeline); the rest of the children's is the workers'. PostgreSQL's
    # part of saving the watchlists and counting the alerts is not its own.
    own_outside = figures["outside_own_cpu_seconds"]
    figures["workers_cpu_seconds"] = round(
        children - figures["ingest_cpu_seconds"] - own_outside, 1
    )
    if figures["postgres_cpu_seconds"] is not None:
        figures["postgres_cpu_seconds"] = round(
            figures["postgres_cpu_seconds"] - (figures["outside_cpu_seconds"] - own_outside), 1
        )
    figures["load_average"] = round(os.getloadavg()[0], 1)
    figures["cpu_seconds"] = round(
        children + (figures["postgres_cpu_seconds"] or 0.0) - own_outside, 1
    )
    figures["peak_memory_mb"] = mem.peak_mb
    # The matcher alone, after the pipeline's CPU was read: not counted in it.
    matcher = {"evaluate_seconds": 0.0, "evaluate_cpu_seconds": 0.0, "index_build_seconds": 0.0}
    if last and watchlists:
        out = subprocess.run(
            [*command, "--matcher-only"], env=env, check=True, capture_output=True, text=True
        )
        matcher = json.loads(out.stdout.strip().splitlines()[-1])
    return {**figures, **matcher}


def _inner(options: dict) -> dict:
    """In the scratch database: save the watchlists and run the pipeline (or time the matcher).

    Saving 10,000 watchlists and counting the alerts afterwards are not
    pipeline work: their CPU time (this process's and PostgreSQL's) is
    reported so the caller takes it out of the run's.
    """
    from articles.models import Alert

    if options.get("matcher_only"):
        return time_matcher()
    before, own = _own_cpu(), time.process_time()
    count = make_watchlists(options["watchlists"], options["seed"])
    setup, own_setup = _own_cpu() - before, time.process_time() - own
    figures = inner_run(options["path"], tag=True, timeout=options["timeout"])
    before, own = _own_cpu(), time.process_time()
    figures["watchlists"] = count
    figures["alerts"] = Alert.objects.count()
    figures["watchlists_with_alerts"] = Alert.objects.values("watchlist").distinct().count()
    figures["outside_cpu_seconds"] = round(setup + _own_cpu() - before, 2)
    # This process's CPU in the pipeline (start-up and ingest): the caller
    # tells it apart from the workers' in its children's total.
    usage = resource.getrusage(resource.RUSAGE_SELF)
    outside = own_setup + time.process_time() - own
    figures["outside_own_cpu_seconds"] = round(outside, 2)
    figures["ingest_cpu_seconds"] = round(usage.ru_utime + usage.ru_stime - outside, 1)
    return figures


def _own_cpu() -> float:
    """CPU seconds of this process and of PostgreSQL (when it is the embedded one)."""
    return time.process_time() + (postgres_cpu() or 0.0)


def make_watchlists(n: int, seed: int) -> int:
    """``n`` watchlists over ``n // 10`` analysts, their filters drawn from the lexicon."""
    if not n:
        return 0
    from django.contrib.auth.models import User

    from articles.models import Actor, EventType, Source, Thread, Topic, Watchlist
    from articles.services.watchlists import compile_query

    rng = random.Random(seed)
    actors = sorted(Actor.objects.values_list("id", flat=True))
    topics = sorted(Topic.objects.values_list("id", flat=True))
    threads = sorted(Thread.objects.values_list("key", flat=True))
    moves = list(EventType.values)
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
        (25, lambda: f"actor={rng.choice(actors)}&role={rng.choice(['party', 'mediator'])}"),
        (5, lambda: f"thread={rng.choice(threads)}&event={','.join(rng.sample(moves, 2))}"),
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
    spent = cpu = 0.0
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
        start, start_cpu = time.perf_counter(), time.process_time()
        drafts += len(alerts.evaluate(chunk, held))
        spent += time.perf_counter() - start
        cpu += time.process_time() - start_cpu
    return {
        "index_build_seconds": round(built, 2),
        "evaluate_seconds": round(spent, 2),
        "evaluate_cpu_seconds": round(cpu, 2),
        "drafts": drafts,
    }
