"""The deployment's processes on one machine, as if each ran on a host of its own.

Every application service of deploy/compose.yaml is started here with its
own command (docker is not needed): the migrate step, gunicorn, one Celery
worker per queue and beat. They share only the database and Redis URLs
and an S3-compatible object store (moto's server on 127.0.0.1); each has
a media folder of its own that no other can read. An upload received by
the web process is stored in the bucket and ingested by the ingest worker,
which has never seen the file on any disk; the beat process's sweep goes
through the maintenance worker to the processing and tagging workers.
"""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path

import boto3
import pytest
import requests
from django.db import connection
from django.utils import timezone

from articles.benchmarks._harness import database_url
from articles.models import Article, IngestBatch
from negotiation_tracker.celery import app
from tests.conftest import TEST_PASSWORD, make_article, make_user
from tests.deploy._compose import REPO, command, worker_queues
from tests.pipeline.test_processing import OTHER, WIRE
from tests.pipeline.test_tagging import TALKS

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.worker]

BUCKET = "nt-uploads"
KEYS = {"AWS_ACCESS_KEY_ID": "test-key", "AWS_SECRET_ACCESS_KEY": "test-secret"}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait(what: str, predicate: Callable[[], object], timeout: float = 180) -> object:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.3)
    raise AssertionError(f"timed out waiting for {what}")


def _listens(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5):
            return True
    except OSError:
        return False


class Processes:
    """Started processes, each logging to a file, all stopped at the end."""

    def __init__(self, logs: Path) -> None:
        self.logs = logs
        self.running: dict[str, subprocess.Popen] = {}

    def start(self, name: str, argv: list[str], env: dict[str, str]) -> subprocess.Popen:
        # The child keeps its own copy of the file; ours closes at once.
        with open(self.logs / f"{name}.log", "wb") as log:
            proc = subprocess.Popen(argv, cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT)
        self.running[name] = proc
        return proc

    def check_alive(self) -> None:
        for name, proc in self.running.items():
            assert proc.poll() is None, f"{name} exited:\n{self.tail(name)}"

    def tail(self, name: str) -> str:
        return (self.logs / f"{name}.log").read_text(errors="replace")[-3000:]

    def stop(self) -> None:
        for proc in self.running.values():
            if proc.poll() is None:
                proc.send_signal(signal.SIGTERM)
        for proc in self.running.values():
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


@pytest.fixture
def object_store(tmp_path: Path) -> Iterator[str]:
    """moto's S3 server on 127.0.0.1 with an empty bucket; yields its URL."""
    port = _free_port()
    with open(tmp_path / "moto.log", "wb") as log:
        server = subprocess.Popen(
            [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
            stdout=log, stderr=subprocess.STDOUT,
        )  # fmt: skip
    try:
        _wait("the S3 double", lambda: _listens(port), 30)
        url = f"http://127.0.0.1:{port}"
        _s3(url).create_bucket(Bucket=BUCKET)
        yield url
    finally:
        server.terminate()
        server.wait(timeout=10)


def _s3(url: str):
    return boto3.client(
        "s3", endpoint_url=url, region_name="us-east-1",
        aws_access_key_id=KEYS["AWS_ACCESS_KEY_ID"],
        aws_secret_access_key=KEYS["AWS_SECRET_ACCESS_KEY"],
    )  # fmt: skip


def _env(store_url: str, tmp_path: Path) -> dict[str, str]:
    """What every service gets: the URLs, the store, one process per worker."""
    return {
        **os.environ,
        "PATH": f"{Path(sys.executable).parent}:{os.environ.get('PATH', '')}",
        "DJANGO_SETTINGS_MODULE": "negotiation_tracker.settings.test",
        "DATABASE_URL": database_url(connection.settings_dict["NAME"]),
        "REDIS_URL": os.environ["REDIS_URL"],
        "AWS_STORAGE_BUCKET_NAME": BUCKET,
        "AWS_S3_ENDPOINT_URL": store_url,
        "AWS_S3_REGION_NAME": "us-east-1",
        "AWS_S3_ADDRESSING_STYLE": "path",
        **KEYS,
        "WEB_CONCURRENCY": "1",
        "INGEST_CONCURRENCY": "1",
        "PROCESSING_CONCURRENCY": "1",
        "TAGGING_CONCURRENCY": "1",
        "SWEEP_INTERVAL_SECONDS": "2",
        "CELERY_BEAT_SCHEDULE_FILENAME": str(tmp_path / "celerybeat-schedule"),
    }


def _media(tmp_path: Path, service: str) -> Path:
    folder = tmp_path / "hosts" / service / "media"
    folder.mkdir(parents=True)
    return folder


def _upload(base: str, username: str, name: str, data: bytes) -> None:
    """Sign in and upload through the web process's own pages, as staff do."""
    session = requests.Session()

    def token(path: str) -> str:
        page = session.get(base + path, timeout=30)
        page.raise_for_status()
        return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)

    login = base + "/accounts/login/"
    session.post(
        login,
        data={"username": username, "password": TEST_PASSWORD, "csrfmiddlewaretoken": token(
            "/accounts/login/"
        )},
        headers={"Referer": login},
        timeout=30,
    )  # fmt: skip
    response = session.post(
        base + "/upload/",
        data={"csrfmiddlewaretoken": token("/upload/")},
        files={"files": (name, data, "application/json")},
        headers={"Referer": base + "/upload/"},
        allow_redirects=False,
        timeout=60,
    )
    assert response.status_code == 302, response.text[:2000]


def test_separate_processes_share_only_urls_and_the_object_store(object_store, tmp_path):
    env = _env(object_store, tmp_path)
    procs = Processes(tmp_path)
    media = {}

    def service_env(name: str) -> dict[str, str]:
        media[name] = _media(tmp_path, name)
        return {**env, "TEST_MEDIA_ROOT": str(media[name])}

    # Left for the beat schedule's sweep: one article never queued, one
    # processed but never tagged, both from before the sweep's cut-off.
    stranded = make_article("pending", OTHER + " ١", published=None, status=Article.Status.PENDING)
    untagged = make_article(
        "untagged", TALKS + " ٢", published=None, status=Article.Status.PROCESSED
    )
    long_ago = timezone.now() - timedelta(minutes=30)
    Article.objects.filter(pk=stranded.pk).update(created_at=long_ago)
    Article.objects.filter(pk=untagged.pk).update(processed_at=long_ago)
    admin = make_user("uploader", "admins", is_staff=True)

    app.control.purge()
    port = _free_port()
    web = command("web", env)
    web[web.index("--bind") + 1] = f"127.0.0.1:{port}"
    try:
        # All at once, to save time here; compose starts the others after
        # migrate, and nothing below reaches them before migrate is done.
        migrate = procs.start("migrate", command("migrate", env), service_env("migrate"))
        procs.start("web", web, service_env("web"))
        for name in worker_queues():
            procs.start(name, command(name, env), service_env(name))
        procs.start("beat", command("beat", env), service_env("beat"))
        assert migrate.wait(timeout=300) == 0, procs.tail("migrate")
        del procs.running["migrate"]

        # Each worker consumes its own queue and nothing else.
        def queues_by_worker() -> dict[str, list[str]] | None:
            procs.check_alive()
            replies = app.control.inspect(timeout=1).active_queues() or {}
            found = {w.split("@")[0]: sorted(q["name"] for q in qs) for w, qs in replies.items()}
            return found if len(found) == len(worker_queues()) else None

        found = _wait("the four workers", queues_by_worker)
        assert found == {
            name.removeprefix("worker-"): sorted(queues) for name, queues in worker_queues().items()
        }
        _wait("gunicorn", lambda: procs.check_alive() or _listens(port))

        data = "\n".join(
            f'{{"title": "{title}", "text": "{text}", "source": "aljazeera"}}'
            for title, text in [("a", TALKS), ("b", WIRE), ("c", OTHER)]
        ).encode()
        _upload(f"http://127.0.0.1:{port}", admin.username, "articles.jsonl", data)

        def batch_done() -> IngestBatch | None:
            procs.check_alive()
            batch = IngestBatch.objects.filter(filename="articles.jsonl").first()
            finished = (IngestBatch.Status.DONE, IngestBatch.Status.FAILED)
            return batch if batch and batch.status in finished else None

        batch = _wait("the ingest worker", batch_done)
        assert batch.status == IngestBatch.Status.DONE, batch.message
        assert (batch.read_count, batch.created_count, batch.rejected_count) == (3, 3, 0)
        _wait(
            "processing, the sweep and tagging",
            lambda: (
                procs.check_alive() or not Article.objects.filter(tagged_at__isnull=True).exists()
            ),
        )
    except BaseException:
        procs.stop()
        for name in procs.running:
            print(f"--- {name}\n{procs.tail(name)}")
        raise
    procs.stop()

    assert Article.objects.filter(status=Article.Status.PROCESSED).count() == 5
    assert Article.objects.filter(batch=batch).count() == 3
    assert Article.objects.get(title="a").is_negotiation is True
    # The file went to the bucket and nowhere else: every process's disk is empty.
    stored = _s3(object_store).list_objects_v2(Bucket=BUCKET)["Contents"]
    assert [o["Key"] for o in stored] == [batch.upload.name]
    assert batch.upload.name.startswith("uploads/")
    body = _s3(object_store).get_object(Bucket=BUCKET, Key=batch.upload.name)["Body"].read()
    assert body == data
    for name, folder in media.items():
        assert not any(folder.rglob("*")), f"{name} wrote to its own disk"
