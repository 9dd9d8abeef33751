"""A newcomer's first command on a database nothing has prepared yet."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from articles.benchmarks._harness import _admin_conn, database_url
from negotiation_tracker.localservices import EMBEDDED_MARK

REPO = Path(__file__).resolve().parents[2]
SCRATCH = "nt_first_command"


@pytest.fixture
def empty_database():
    with _admin_conn() as conn:
        conn.autocommit = True
        conn.execute(f'DROP DATABASE IF EXISTS "{SCRATCH}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{SCRATCH}"')
    yield database_url(SCRATCH)
    with _admin_conn() as conn:
        conn.autocommit = True
        conn.execute(f'DROP DATABASE IF EXISTS "{SCRATCH}" WITH (FORCE)')


def manage(url: str, *argv: str, embedded: bool) -> subprocess.CompletedProcess:
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "DJANGO_SETTINGS_MODULE": "negotiation_tracker.settings.base",
    }
    env.pop(EMBEDDED_MARK, None)
    if embedded:
        env[EMBEDDED_MARK] = url
    return subprocess.run(
        [sys.executable, "manage.py", *argv], cwd=REPO, env=env, capture_output=True, text=True,
        timeout=300,
    )  # fmt: skip


def test_ingest_prepares_the_embedded_database_or_says_what_to_run(empty_database, tmp_path):
    path = tmp_path / "first.jsonl"
    path.write_text(
        json.dumps({"title": "t", "text": "قال المتحدث إن المفاوضات مستمرة في الدوحة."}),
        encoding="utf-8",
    )
    # Someone else's database: one line saying what to run, no traceback.
    other = manage(empty_database, "ingest", str(path), "--no-queue", embedded=False)
    assert other.returncode == 1
    assert "run `manage.py migrate` first" in other.stderr
    assert "Traceback" not in other.stderr and len(other.stderr.strip().splitlines()) == 1
    # The embedded database is ours to prepare.
    ours = manage(
        empty_database, "ingest", str(path), "--no-queue", "--verbosity", "0", embedded=True
    )
    assert ours.returncode == 0, ours.stderr
    assert "prepared the embedded database (migrated, lexicon loaded)" in ours.stderr
    assert "created 1" in ours.stdout
