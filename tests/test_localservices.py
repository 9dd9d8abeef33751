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
