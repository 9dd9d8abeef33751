"""The embedded servers a machine with no DATABASE_URL / REDIS_URL runs on."""

from __future__ import annotations

import time

import psycopg
import pytest

from negotiation_tracker import localservices


@pytest.fixture
def data_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("NT_DATA_DIR", str(tmp_path / "data"))
    yield tmp_path / "data"
    localservices.stop()


def _postmaster_running(folder) -> bool:
    return (folder / "postgres" / "postmaster.pid").exists()


def test_embedded_postgres_starts_tuned_and_stops(data_dir) -> None:
    url = localservices.postgres_url()
    with psycopg.connect(url.replace("postgres://", "postgresql://", 1)) as conn:
        assert conn.execute("SHOW jit").fetchone() == ("off",)
        assert conn.execute("SHOW shared_buffers").fetchone() == ("512MB",)
        assert conn.execute("SELECT current_database()").fetchone() == (localservices.DB_NAME,)
    # A second call finds the running server instead of starting another.
    assert localservices.postgres_url() == url
    localservices.stop()
    for _ in range(50):
        if not _postmaster_running(data_dir):
            break
        time.sleep(0.1)
    assert not _postmaster_running(data_dir)


def test_embedded_redis_starts_and_stops(data_dir) -> None:
    url = localservices.redis_url()
    port = int(url.rsplit(":", 1)[1].split("/")[0])
    assert localservices._answers(port)
    assert localservices.redis_url() == url
    localservices.stop()
    for _ in range(50):
        if not localservices._answers(port):
            break
        time.sleep(0.1)
    assert not localservices._answers(port)


def test_stop_ends_the_demo_processes_and_their_children(data_dir) -> None:
    """``make stop`` from another terminal: the recorded processes and all they forked."""
    import subprocess
    import sys

    import psutil

    # A parent that forks a child and ignores the polite signals, like a
    # worker busy with a task.
    script = (
        "import signal, subprocess, sys, time\n"
        "signal.signal(signal.SIGTERM, signal.SIG_IGN)\n"
        "signal.signal(signal.SIGQUIT, signal.SIG_IGN)\n"
        "subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(600)'])\n"
        "time.sleep(600)\n"
    )
    procs = {
        role: subprocess.Popen([sys.executable, "-c", script], start_new_session=True)
        for role in ("worker", "web")
    }
    stranger = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(600)"])
    try:
        time.sleep(0.5)
        family = [psutil.Process(p.pid).children()[0] for p in procs.values()] + [
            psutil.Process(p.pid) for p in procs.values()
        ]
        localservices.record_processes({role: p.pid for role, p in procs.items()})
        started = time.monotonic()
        assert localservices.stop_processes(timeout=1) == ["web", "worker"]
        assert time.monotonic() - started < 5
        for p in procs.values():
            p.wait(timeout=5)
        gone, alive = psutil.wait_procs(family, timeout=5)
        assert not alive
        assert stranger.poll() is None  # never a process it did not start
        assert localservices.stop_processes() == []  # the record is gone
    finally:
        stranger.kill()
        for p in procs.values():
            if p.poll() is None:
                p.kill()
