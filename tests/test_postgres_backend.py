"""The connection health check: no statement on a quiet connection, a new one after the server ends it."""

from __future__ import annotations

import select
import time

import pytest
from django.db import connection, connections

pytestmark = pytest.mark.django_db


def _fresh():
    """A connection of its own, as a web process keeps one between requests."""
    conn = connections.create_connection("default")
    conn.ensure_connection()
    return conn


def _last_statement(pid: int) -> str:
    with connection.cursor() as cur:
        cur.execute("SELECT query FROM pg_stat_activity WHERE pid = %s", [pid])
        return cur.fetchone()[0]


def test_a_quiet_connection_passes_without_a_statement():
    conn = _fresh()
    try:
        with conn.cursor() as cur:
            cur.execute("SELECT 'the last statement'")
        pid = conn.connection.info.backend_pid
        # What the start of each request does.
        conn.health_check_done = False
        conn.close_if_health_check_failed()
        assert conn.connection is not None
        assert "the last statement" in _last_statement(pid)
    finally:
        conn.close()


def test_a_terminated_backend_is_found_and_the_next_statement_reconnects():
    conn = _fresh()
    try:
        pid = conn.connection.info.backend_pid
        with connection.cursor() as cur:
            cur.execute("SELECT pg_terminate_backend(%s)", [pid])
        deadline = time.monotonic() + 10
        while not select.select([conn.connection.fileno()], [], [], 0.1)[0]:
            assert time.monotonic() < deadline, "the server never ended the connection"
        assert not conn.is_usable()
        conn.health_check_done = False
        conn.close_if_health_check_failed()
        with conn.cursor() as cur:
            cur.execute("SELECT pg_backend_pid()")
            assert cur.fetchone()[0] != pid
    finally:
        conn.close()


def test_the_web_server_bounds_every_statement():
    """The pages' processes run no statement past 30 s; other processes keep no limit."""
    import os
    import subprocess
    import sys

    show = (
        "from django.db import connection\n"
        "with connection.cursor() as cur:\n"
        "    cur.execute('SHOW statement_timeout')\n"
        "    print(cur.fetchone()[0])\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "DB_STATEMENT_TIMEOUT"}
    web = subprocess.run(
        [sys.executable, "-c", "import negotiation_tracker.wsgi\n" + show],
        env=env, capture_output=True, text=True, timeout=120, check=True,
    )  # fmt: skip
    other = subprocess.run(
        [sys.executable, "-c", "import django\ndjango.setup()\n" + show],
        env=env, capture_output=True, text=True, timeout=120, check=True,
    )  # fmt: skip
    assert web.stdout.split()[-1] == "30s"
    assert other.stdout.split()[-1] == "0"
