"""Benchmark 'story': the thread page with a busy story, in one process, and how it reads events.

Gives the busiest thread's articles ``--per-article`` moves each on
average (synthetic ones, made from the articles: their dates, outlets and
parties; tagger version ``bench-story``, replaced on every run), derives
its role history and states as the worker would, then requests its page
``--requests`` times
as a signed-in analyst through Django's test client: the default window
(the whole thread), a month, and a filter by move type and actor. Prints
the p50/p95 latency and the number of statements of each, and the plan of
the window read, so a regression to a scan shows.

Concurrency is ``benchmark web``'s job (run it after this one to time the
same page under 20 clients); this one isolates what the story costs.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import time
from typing import Any

from django.contrib.auth.models import Group, User
from django.core.management import call_command
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, Event, EventType, Thread
from articles.services import story

from .web import busiest_thread

VERSION = "bench-story"
USERNAME = "bench-analyst"
SENTENCE = "قدم الوسطاء مقترحا جديدا للطرفين بشأن وقف إطلاق النار وتبادل الأسرى في جولة الدوحة"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--per-article", type=float, default=1.5, help="moves per article of the thread, on average"
    )
    parser.add_argument("--max-events", type=int, default=200_000)
    parser.add_argument("--requests", type=int, default=60, help="requests per page variant")
    parser.add_argument("--thread", default="", help="thread key (default: the busiest)")
    parser.add_argument("--seed", type=int, default=7)


def run(options: dict[str, Any]) -> dict[str, Any]:
    thread = _thread(options["thread"])
    started = time.perf_counter()
    made = _fill(
        thread, options["per_article"], options["max_events"], random.Random(options["seed"])
    )
    fill_s = time.perf_counter() - started
    client = _client()
    last = thread.last_date or timezone.localdate()
    url = reverse("thread_detail", args=[thread.key])
    month = f"date_from={(last - dt.timedelta(days=30)).isoformat()}&date_to={last.isoformat()}"
    actor = (
        Event.objects.filter(thread=thread).exclude(actors=[]).values_list("actors", flat=True)
    ).first() or ["USA"]
    story = reverse("thread_story", args=[thread.key])
    variants = {
        # The page itself (header, filters, the cached article timeline)…
        "page": url,
        # …and its story, which the page fetches after it arrives.
        "story_default_window": story,
        "story_one_month": f"{story}?zoom=day&{month}",
        "story_type_and_actor": f"{story}?etype=proposal&etype=rejection&eactor={actor[0]}",
    }
    pages = {name: _time(client, path, options["requests"]) for name, path in variants.items()}
    return {
        "benchmark": "story",
        "thread": thread.key,
        "articles_in_thread": Article.objects.filter(thread=thread).count(),
        "events_in_thread": Event.objects.filter(thread=thread).count(),
        "events_made": made,
        "fill_seconds": round(fill_s, 1),
        "pages": pages,
        "window_read_plan": _plan(thread),
    }


def _thread(key: str) -> Thread:
    return Thread.objects.get(key=key) if key else busiest_thread()


def _fill(thread: Thread, per_article: float, cap: int, rng: random.Random) -> int:
    """Replace the thread's benchmark moves with new ones and refresh its story."""
    articles = list(
        Article.objects.filter(thread=thread, published_at__isnull=False)
        .order_by("-published_at")
        .values("id", "published_at", "source_id", "parties", "mediators")[:cap]
    )
    if not articles:
        raise SystemExit(f"thread {thread.key} has no dated articles")
    types = EventType.values
    weights = [3, 4, 10, 8, 4, 5, 2, 2, 3, 5, 2, 1]
    rows = []
    for a in articles:
        count = int(per_article) + (rng.random() < per_article % 1)
        for _ in range(count):
            if len(rows) >= cap:
                break
            day = timezone.localdate(a["published_at"])
            type_ = rng.choices(types, weights)[0]
            parties = a["parties"] or ["USA"]
            planned = type_ == "talks_planned"
            when = day + dt.timedelta(days=rng.randint(3, 20)) if planned else None
            rows.append(
                Event(
                    article_id=a["id"],
                    thread_id=thread.pk,
                    type=type_,
                    actors=sorted(set(rng.sample(parties, 1))),
                    targets=sorted(set(parties) - set(parties[:1]))[:1],
                    via=sorted(a["mediators"] or [])[:1],
                    when=when,
                    day=when or day,
                    reported_on=day,
                    published_at=a["published_at"],
                    source_id=a["source_id"],
                    start=0,
                    end=len(SENTENCE),
                    sentence=SENTENCE,
                    tagger_version=VERSION,
                    confidence=0.8,
                )
            )
    with transaction.atomic():
        Event.objects.filter(thread=thread, tagger_version=VERSION).delete()
        Event.objects.bulk_create(rows, batch_size=5000)
        story.rebuild_threads({thread.pk})
    with connection.cursor() as cur:
        # As autovacuum would soon: statistics for the planner, a visibility map for
        # the index-only counts.
        cur.execute("VACUUM ANALYZE articles_event")
    return len(rows)


def _client() -> Client:
    call_command("collectstatic", interactive=False, verbosity=0)  # the pages name hashed files
    user, _ = User.objects.get_or_create(username=USERNAME)
    user.groups.add(Group.objects.get_or_create(name="analysts")[0])
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(user)
    return client


def _time(client: Client, path: str, n: int) -> dict[str, Any]:
    client.get(path)  # warm: names, the timeline body's cache, the plan cache
    times, cpu = [], []
    for _ in range(n):
        t0, c0 = time.perf_counter(), time.process_time()
        response = client.get(path)
        times.append((time.perf_counter() - t0) * 1000)
        cpu.append((time.process_time() - c0) * 1000)
        if response.status_code != 200:
            raise SystemExit(f"{path} answered {response.status_code}")
    with CaptureQueriesContext(connection) as queries:
        client.get(path)
    story_queries = [q for q in queries.captured_queries if "articles_event" in q["sql"]]
    times.sort()
    return {
        "path": path,
        "p50_ms": round(statistics.median(times), 1),
        "p95_ms": round(times[int(0.95 * (len(times) - 1))], 1),
        "cpu_p50_ms": round(statistics.median(cpu), 1),
        "statements": len(queries.captured_queries),
        "statements_on_events": len(story_queries),
        "bytes": len(response.content),
    }


def _plan(thread: Thread) -> list[str]:
    """How PostgreSQL reads the window's newest moves (must be an index range, never a scan)."""
    qs = (
        Event.objects.filter(
            thread=thread, day__gte=dt.date(2000, 1, 1), day__lte=dt.date(2100, 1, 1)
        )
        .order_by("-day", "-id")
        .values("id", "day", "type")[:401]
    )
    sql, params = qs.query.sql_with_params()
    with connection.cursor() as cur:
        cur.execute("EXPLAIN " + sql, params)
        return [row[0] for row in cur.fetchall()]
