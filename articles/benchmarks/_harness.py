"""What the pipeline benchmarks share: a scratch database, real workers, a memory probe.

The figures must come from the real path (PostgreSQL, Redis, Celery worker
processes), but a benchmark must never touch an analyst's data: it runs in
a database of its own on the configured server (``<name>_bench``), with its
own Redis database number, and workers started for it alone.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import threading
import time
from contextlib import contextmanager, suppress
from pathlib import Path

import psutil
import psycopg
from django.conf import settings
from django.db import connections


def database_url(name: str) -> str:
    """A URL to database ``name`` on the server the configured database lives on."""
    from urllib.parse import quote

    db = settings.DATABASES["default"]
    options = db.get("OPTIONS") or {}
    host = db.get("HOST") or options.get("host") or ""
    port = db.get("PORT") or options.get("port") or ""
    user = quote(db.get("USER") or "postgres")
    password = f":{quote(db['PASSWORD'])}" if db.get("PASSWORD") else ""
    if host.startswith("/"):
        return f"postgres://{user}{password}@/{name}?host={host}&port={port}"
    return f"postgres://{user}{password}@{host}:{port or 5432}/{name}"


def bench_database_url() -> tuple[str, str]:
    """(url, name) of the scratch database, on the same server as the configured one."""
    name = f"{settings.DATABASES['default']['NAME']}_bench"
    return database_url(name), name


def bench_redis_url() -> str:
    base = os.environ["REDIS_URL"].rsplit("/", 1)[0]
    return f"{base}/14"


def _admin_conn() -> psycopg.Connection:
    db = settings.DATABASES["default"]
    params = {
        "dbname": "postgres",
        "user": db.get("USER") or "postgres",
        "password": db.get("PASSWORD") or None,
        "host": db.get("HOST") or (db.get("OPTIONS") or {}).get("host"),
        "port": db.get("PORT") or (db.get("OPTIONS") or {}).get("port"),
        "autocommit": True,
    }
    return psycopg.connect(**{k: v for k, v in params.items() if v not in (None, "")})


def fresh_database(env: dict[str, str], name: str, *, lexicon: bool) -> None:
    """Drop and recreate the scratch database, migrate it and (optionally) load the lexicon."""
    connections.close_all()
    with _admin_conn() as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    manage = [sys.executable, str(Path(settings.BASE_DIR) / "manage.py")]
    subprocess.run([*manage, "migrate", "--verbosity", "0"], env=env, check=True)
    if lexicon:
        subprocess.run([*manage, "load_lexicon"], env=env, check=True, stdout=subprocess.DEVNULL)
    import redis

    redis.Redis.from_url(env["REDIS_URL"]).flushdb()


@contextmanager
def workers(env: dict[str, str], concurrency: int = 2):
    """Run a Celery worker (prefork, ``concurrency`` processes) for the block."""
    celery = str(Path(sys.executable).parent / "celery")
    proc = subprocess.Popen(
        [celery, "-A", "negotiation_tracker", "worker", "--concurrency", str(concurrency),
         "--loglevel", "warning", "--without-heartbeat", "--without-gossip", "--without-mingle"],
        env=env,
    )  # fmt: skip
    try:
        yield proc
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()


def _pss(p: psutil.Process) -> int:
    """Proportional set size from ``smaps_rollup`` (one line, summed by the kernel).

    ``memory_full_info`` parses the whole ``smaps`` of the process, which
    costs enough CPU at ten samples a second to slow the run it measures.
    """
    try:
        with open(f"/proc/{p.pid}/smaps_rollup", "rb") as f:
            for line in f:
                if line.startswith(b"Pss:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return p.memory_info().rss


class PeakMemory:
    """Samples the summed memory of this process and its children.

    Proportional set size (PSS) where the system reports it: prefork
    workers share most of their pages with their parent, and summing
    resident sizes would count those pages once per process.
    """

    def __init__(self, interval: float = 0.5) -> None:
        self.interval = interval
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        me = psutil.Process()
        while not self._stop.is_set():
            total = 0
            for p in [me, *me.children(recursive=True)]:
                with suppress(psutil.Error):
                    total += _pss(p)
            self.peak = max(self.peak, total)
            time.sleep(self.interval)

    def __enter__(self) -> PeakMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()

    @property
    def peak_mb(self) -> float:
        return round(self.peak / 2**20, 1)


def children_cpu() -> float:
    """CPU seconds of this process's finished children (and theirs, once reaped)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def postgres_cpu() -> float | None:
    """CPU seconds of the embedded PostgreSQL: the postmaster, its live and its finished backends.

    A finished backend's time is in the postmaster's children times, a live
    one's in its own, so the sum only grows and two readings subtract.
    None when the database is not the embedded one (its processes are not
    ours to read).
    """
    from negotiation_tracker import localservices

    pid_file = localservices.data_dir() / "postgres" / "postmaster.pid"
    try:
        postmaster = psutil.Process(int(pid_file.read_text().split()[0]))
        t = postmaster.cpu_times()
        total = t.user + t.system + t.children_user + t.children_system
        for child in postmaster.children():
            try:
                c = child.cpu_times()
                total += c.user + c.system
            except psutil.Error:  # ended between the listing and the reading: now reaped
                pass
        return total
    except (OSError, ValueError, psutil.Error):
        return None


def postgres_cpu_since(before: float | None) -> float | None:
    """PostgreSQL's CPU seconds since the reading ``before`` (``postgres_cpu``); None when
    either reading is missing."""
    after = postgres_cpu()
    return round(after - before, 1) if after is not None and before is not None else None


def wait_until(predicate, timeout: float, interval: float = 0.2) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(interval)
    return False


def run_pipeline_benchmark(kind: str, path: str, *, tag: bool, timeout: float) -> dict:
    """Ingest ``path`` into a fresh scratch database through real workers and time it.

    This process prepares the database and the workers, then runs the
    ingest itself in a child process pointed at the scratch database (so
    that nothing here needs re-configuring), sampling the memory of all of
    them. The child prints the figures; we add peak memory.
    """
    import json

    url, name = bench_database_url()
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "REDIS_URL": bench_redis_url(),
        "NT_TAG_AFTER_PROCESS": "1" if tag else "0",
        "NT_BENCH_INNER": "1",
    }
    fresh_database(env, name, lexicon=tag)
    manage = [sys.executable, str(Path(settings.BASE_DIR) / "manage.py")]
    children, postgres = children_cpu(), postgres_cpu()
    with PeakMemory() as mem, workers(env):
        out = subprocess.run(
            [*manage, "benchmark", kind, path, "--timeout", str(timeout)],
            env=env,
            check=True,
            capture_output=True,
            text=True,
        )
        figures = json.loads(out.stdout.strip().splitlines()[-1])
        ingest_done = children_cpu()
    # The workers' time is counted once they are reaped (start-up included).
    figures["workers_cpu_seconds"] = round(children_cpu() - ingest_done, 1)
    figures["ingest_process_cpu_seconds"] = round(ingest_done - children, 1)
    figures["postgres_cpu_seconds"] = postgres_cpu_since(postgres)
    figures["cpu_seconds"] = round(
        figures["workers_cpu_seconds"]
        + figures["ingest_process_cpu_seconds"]
        + (figures["postgres_cpu_seconds"] or 0.0),
        1,
    )
    figures["peak_memory_mb"] = mem.peak_mb
    return figures


def inner_run(path: str, *, tag: bool, timeout: float) -> dict:
    """The timed part: ingest everything, then wait until workers finished."""
    from articles.ingest import iter_paths
    from articles.models import Article, IngestBatch, StoryCluster
    from articles.services.ingest import create_batch, ingest_paths

    start = time.perf_counter()
    batch = create_batch(kind=IngestBatch.Kind.COMMAND, filename=path)
    batch = ingest_paths(batch, iter_paths([path]))
    stored = time.perf_counter()

    def finished() -> bool:
        qs = Article.objects.all()
        if tag:
            return (
                not qs.filter(tagged_at__isnull=True).exclude(status=Article.Status.FAILED).exists()
            )
        return not qs.filter(status=Article.Status.PENDING).exists()

    complete = wait_until(finished, timeout)
    seconds = time.perf_counter() - start
    figures = {
        "articles_read": batch.read_count,
        "created": batch.created_count,
        "duplicates": batch.duplicate_count,
        "rejected": batch.rejected_count,
        "near_duplicate_clusters": StoryCluster.objects.filter(size__gt=1).count(),
        "articles_in_clusters": Article.objects.filter(cluster__isnull=False).count(),
        "failed": Article.objects.filter(status=Article.Status.FAILED).count(),
        "store_seconds": round(stored - start, 2),
        "seconds": round(seconds, 2),
        "articles_per_second": round(batch.read_count / seconds, 1),
        "complete": complete,
    }
    if tag:
        figures["negotiation_articles"] = Article.objects.filter(is_negotiation=True).count()
        figures["threads_used"] = (
            Article.objects.exclude(thread=None).values("thread").distinct().count()
        )
    return figures


class PipelineBenchmark:
    """``add_arguments``/``run`` for a benchmark kind that goes through the workers."""

    def __init__(self, kind: str, *, tag: bool, timeout: float) -> None:
        self.kind, self.tag, self.timeout = kind, tag, timeout

    def add_arguments(self, parser) -> None:
        parser.add_argument("path")
        parser.add_argument("--timeout", type=float, default=self.timeout)

    def run(self, options: dict) -> dict:
        path, timeout = options["path"], options["timeout"]
        if os.environ.get("NT_BENCH_INNER"):
            return inner_run(path, tag=self.tag, timeout=timeout)
        figures = run_pipeline_benchmark(self.kind, path, tag=self.tag, timeout=timeout)
        return {"benchmark": self.kind, **figures}
