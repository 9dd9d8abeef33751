"""Benchmark 'pagecpu': the server's own CPU per request for each page kind, in one process.

At 20 clients on two cores the pages are bound by CPU, not by waiting:
what a request costs the web process (Python: middleware, selectors,
ORM, templates) and how many statements it sends decide the throughput.
This drives the varied workload's requests (``benchmarks.varied.Draw``)
through Django's test client with ``DEBUG`` off, as a signed-in analyst,
after a warm-up pass over the same requests, and reports per page kind
the process CPU (``time.process_time``), the wall time, the time spent
waiting on the database, the statements per request, the wall time's
p50 / p95 / p99 and the three slowest requests (one request at a time:
a tail of the pages' own, not of queueing). A warm-up over
the same requests fills the product's cache as a second reader would
find it, so the figures are those of a page whose counts and ranking are
cached and whose queries and rendering are not (``--cold`` empties the
cache before each pass instead). ``--calls`` adds the Python function calls
per request, counted over one more pass of the same requests: on a
machine whose speed drifts by a third from minute to minute, a count that
does not drift compares two versions of a page's code.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import time
from typing import Any

from django.conf import settings
from django.core.cache import caches
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import override_settings

from .varied import PAGES, Draw
from .web import analyst


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--requests", type=int, default=150, help="requests per page kind")
    parser.add_argument("--seed", type=int, default=5, help="the varied workload's draw")
    parser.add_argument("--pages", nargs="*", default=list(PAGES), choices=PAGES)
    parser.add_argument("--cold", action="store_true", help="empty the cache before each pass")
    parser.add_argument(
        "--calls", action="store_true", help="also count Python function calls per request"
    )


class _StatementClock:
    """Counts the statements Django sends and the time spent waiting on them."""

    def __init__(self) -> None:
        self.seconds = 0.0
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        start = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.seconds += time.perf_counter() - start
            self.count += 1


def _client() -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="ar", HTTP_HOST="127.0.0.1")
    client.force_login(analyst())
    return client


def _calls(client: Client, paths: list[str]) -> int:
    """Python function calls per request over one more pass of ``paths``."""
    profile = cProfile.Profile()
    profile.enable()
    for path in paths:
        client.get(path)
    profile.disable()
    return round(pstats.Stats(profile).total_calls / len(paths))


def run(options: dict[str, Any]) -> dict[str, Any]:
    call_command("collectstatic", interactive=False, verbosity=0)
    draw = Draw(options["seed"])
    n = options["requests"]
    figures: dict[str, Any] = {"benchmark": "pagecpu", "requests": n, "seed": options["seed"]}
    with override_settings(DEBUG=False):
        client = _client()
        for page in options["pages"]:
            paths = draw.paths(page, n)
            if options["cold"]:
                caches["default"].clear()
            for path in paths:
                response = client.get(path)
                if response.status_code != 200:
                    raise SystemExit(f"{path}: HTTP {response.status_code}")
            if options["cold"]:
                caches["default"].clear()
            clock = _StatementClock()
            each: list[tuple[float, str]] = []
            with connection.execute_wrapper(clock):
                wall, cpu = time.perf_counter(), time.process_time()
                for path in paths:
                    start = time.perf_counter()
                    client.get(path)
                    each.append((time.perf_counter() - start, path))
                wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
            each.sort()
            figures[page] = {
                "cpu_ms": round(cpu / n * 1000, 2),
                "wall_ms": round(wall / n * 1000, 2),
                "db_wait_ms": round(clock.seconds / n * 1000, 2),
                "statements": round(clock.count / n, 1),
                # One request at a time: the tail is the pages' own, not queueing.
                **{
                    f"p{q}_ms": round(each[min(n - 1, n * q // 100)][0] * 1000, 1)
                    for q in (50, 95, 99)
                },
                "slowest": [path for _, path in each[-3:][::-1]],
            }
            if options.get("calls"):
                figures[page]["calls"] = _calls(client, paths)
    figures["debug"] = settings.DEBUG
    return figures
