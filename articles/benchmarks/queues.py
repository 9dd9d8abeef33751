"""One worker per queue in turn: what a process of each kind does per second and needs in memory.

The figures for sizing a deployment (docs/deployment.md). Every daily file
under PATH is stored as an upload (in the configured storage, as the web
server stores it) and queued; then, one queue at a time, a worker started
with ``-Q`` and ``--concurrency N`` as deploy/compose.yaml starts it drains
that queue alone while its processes' memory (PSS) is sampled:

- ingest: read every upload into articles (their processing piles up);
- processing: search terms, near-duplicate clusters and tags of each new
  article (tagging of new articles happens here, in the same row write);
- tagging: a re-tag of everything, as after a lexicon change;
- beat and a gunicorn web process: memory only (web after a few pages).

Runs in a scratch database, like the pipeline benchmarks.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from contextlib import suppress
from pathlib import Path

import psutil
from django.conf import settings

from articles.benchmarks._harness import (
    _pss,
    bench_database_url,
    bench_redis_url,
    fresh_database,
    wait_until,
)
from negotiation_tracker.localservices import data_dir


def add_arguments(parser) -> None:
    parser.add_argument("path", help="a folder of files to upload (e.g. the SaudiNewsNet ZIPs)")
    parser.add_argument(
        "--concurrency", type=int, default=1, help="processes per worker (default 1)"
    )
    parser.add_argument("--timeout", type=float, default=900)


def run(options: dict) -> dict:
    if os.environ.get("NT_BENCH_INNER"):
        return _inner(Path(options["path"]), options["concurrency"], options["timeout"])
    url, name = bench_database_url()
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "REDIS_URL": bench_redis_url(),
        "MEDIA_ROOT": str(data_dir() / "bench-media"),
        "CELERY_BEAT_SCHEDULE_FILENAME": str(data_dir() / "bench-celerybeat-schedule"),
        "NT_BENCH_INNER": "1",
    }
    fresh_database(env, name, lexicon=True)
    manage = [sys.executable, str(Path(settings.BASE_DIR) / "manage.py")]
    out = subprocess.run(
        [*manage, "benchmark", "queues", options["path"],
         "--concurrency", str(options["concurrency"]), "--timeout", str(options["timeout"])],
        env=env, capture_output=True, text=True,
    )  # fmt: skip
    if out.returncode:
        raise SystemExit(f"the measuring process failed:\n{out.stderr[-4000:]}")
    return {"benchmark": "queues", **json.loads(out.stdout.strip().splitlines()[-1])}


class _Peak:
    """Peak PSS of one process and its children, sampled twice a second."""

    def __init__(self, pid: int) -> None:
        self.root = psutil.Process(pid)
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.is_set():
            total = 0
            with suppress(psutil.Error):
                for p in [self.root, *self.root.children(recursive=True)]:
                    with suppress(psutil.Error):
                        total += _pss(p)
            self.peak = max(self.peak, total)
            time.sleep(0.5)

    def stop(self) -> int:
        self._stop.set()
        self._thread.join()
        return round(self.peak / 2**20)


def _start(argv: list[str]) -> subprocess.Popen:
    return subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def _stop(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        proc.kill()


def _worker(queue: str, concurrency: int) -> subprocess.Popen:
    celery = str(Path(sys.executable).with_name("celery"))
    return _start(
        [celery, "-A", "negotiation_tracker", "worker", "-Q", queue, "-n", f"{queue}@%h",
         "--concurrency", str(concurrency), "--loglevel", "warning",
         "--without-gossip", "--without-mingle"]
    )  # fmt: skip


def _drain(queue: str, concurrency: int, done, timeout: float) -> dict:
    """Run one worker on ``queue`` until ``done()``; seconds from its ready signal, peak memory.

    The clock starts when the worker answers a ping (it may have taken its
    first task a moment before); its start-up is reported on its own.
    """
    from negotiation_tracker.celery import app

    launched = time.perf_counter()
    proc = _worker(queue, concurrency)
    try:
        peak = _Peak(proc.pid)
        name = f"{queue}@{socket.gethostname()}"
        wait_until(lambda: app.control.ping(destination=[name], timeout=0.5), 120, interval=0.1)
        start = time.perf_counter()
        complete = wait_until(done, timeout, interval=0.5)
        seconds = time.perf_counter() - start
        memory = peak.stop()
    finally:
        _stop(proc)
    return {
        "seconds": round(seconds, 1),
        "startup_seconds": round(start - launched, 1),
        "peak_memory_mb": memory,
        "complete": complete,
    }


def _inner(path: Path, concurrency: int, timeout: float) -> dict:
    from celery.result import GroupResult
    from django.core.files import File

    from articles.models import Article, IngestBatch
    from articles.services import articles as article_service
    from articles.services.uploads import accept_uploads

    files = sorted(p for p in path.iterdir() if p.is_file())
    for p in files:
        with p.open("rb") as fh:
            accept_uploads([File(fh, name=p.name)], user=None)

    def ingested() -> bool:
        return not IngestBatch.objects.exclude(
            status__in=[IngestBatch.Status.DONE, IngestBatch.Status.FAILED]
        ).exists()

    ingest = _drain("ingest", concurrency, ingested, timeout)
    stories = sum(IngestBatch.objects.values_list("read_count", flat=True))
    created = Article.objects.count()

    def processed() -> bool:
        return not Article.objects.filter(status=Article.Status.PENDING).exists()

    processing = _drain("processing", concurrency, processed, timeout)
    ids = list(Article.objects.filter(status=Article.Status.PROCESSED).values_list("id", flat=True))
    group_id = article_service.retag(ids)
    tagging = _drain("tagging", concurrency, lambda: GroupResult.restore(group_id).ready(), timeout)

    figures = {
        "files": len(files),
        "concurrency": concurrency,
        "ingest": {**ingest, "stories": stories, "per_second": _rate(stories, ingest)},
        "processing": {**processing, "articles": created, "per_second": _rate(created, processing)},
        "tagging": {**tagging, "articles": len(ids), "per_second": _rate(len(ids), tagging)},
        "beat_memory_mb": _idle_memory_of_beat(),
        "web_memory_mb": _web_memory(),
    }
    return figures


def _rate(items: int, phase: dict) -> float:
    return round(items / phase["seconds"], 1) if phase["seconds"] else 0.0


def _idle_memory_of_beat() -> int:
    celery = str(Path(sys.executable).with_name("celery"))
    proc = _start([celery, "-A", "negotiation_tracker", "beat", "--loglevel", "warning"])
    time.sleep(8)
    peak = _Peak(proc.pid)
    time.sleep(1.5)
    memory = peak.stop()
    _stop(proc)
    return memory


def _web_memory() -> int:
    """One gunicorn worker process (with its arbiter) after each page kind was served."""
    from django.core.management import call_command

    from articles.benchmarks.web import _free_port, _wait_for, login

    call_command("collectstatic", interactive=False, verbosity=0)
    port = _free_port()
    gunicorn = str(Path(sys.executable).with_name("gunicorn"))
    proc = subprocess.Popen(
        [gunicorn, "negotiation_tracker.wsgi:application", "--bind", f"127.0.0.1:{port}",
         "--workers", "1"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        _wait_for(port, proc, "gunicorn", timeout=180)
        base = f"http://127.0.0.1:{port}"
        cookie = login(base)
        peak = _Peak(proc.pid)
        for path in ["/", "/threads/", "/articles/", "/search/?q=المفاوضات"] * 5:
            url = base + urllib.request.quote(path, safe="/?=")
            urllib.request.urlopen(
                urllib.request.Request(url, headers={"Cookie": cookie}), timeout=120
            ).read()
        return peak.stop()
    finally:
        _stop(proc)
