"""Benchmark 'web': latency and throughput of the main pages under concurrent analysts.

Starts the production server (gunicorn, ``DEBUG`` off, static files
collected) on a free loopback port unless ``--url`` names one, logs in
through the real login form as a benchmark analyst, and drives each page
with ``wrk`` (Debian package ``wrk``, 4.1) holding ``--clients`` connections
open for ``--seconds``. The pages cache aggregates for a minute and a half
under the filter URL, so the filtered list and the search draw a random
date range for every request (``--fixed`` turns that off): the figures are
then those of the database, not of the cache.

``--varied`` asks what a team of analysts asks instead (see
``benchmarks.varied``): for each page kind, thousands of different
requests drawn from the data with ``--seed``, walked in turn by the
clients, after the product's cache is emptied.

Traffic goes to 127.0.0.1 only; every step has a timeout.
"""

from __future__ import annotations

import argparse
import http.cookiejar
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth.models import Group, User
from django.core.cache import caches
from django.core.management import call_command
from django.db.models import Count, Max, Min
from django.urls import reverse

from articles.models import Article, Thread

USERNAME = "bench-analyst"
LOOPBACK = {"127.0.0.1", "localhost", "::1"}

LUA = r"""
wrk.headers["Cookie"] = "%(cookie)s"
wrk.headers["Accept-Language"] = "ar"
local base = "%(path)s"
local vary = %(vary)s
local lo, span = %(lo)d, %(span)d
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("seed", counter)
end

function init(args)
  math.randomseed(os.time() * 1000 + (seed or 0))
end

function request()
  if not vary then
    return wrk.format(nil, base)
  end
  local t0 = lo + math.random(0, span)
  local t1 = t0 + 86400 * math.random(14, 180)
  local sep = string.find(base, "?", 1, true) and "&" or "?"
  return wrk.format(nil, base .. sep .. "date_from=" .. os.date("!%%Y-%%m-%%d", t0)
    .. "&date_to=" .. os.date("!%%Y-%%m-%%d", t1))
end

%(varied)s

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'RESULT {"requests": %%d, "duration_us": %%d, "socket_errors": %%d, "non_2xx_3xx": %%d, '
    .. '"p50_us": %%d, "p95_us": %%d, "p99_us": %%d, "max_us": %%d}\n',
    summary.requests, summary.duration, e.connect + e.read + e.write + e.timeout, e.status,
    latency:percentile(50), latency:percentile(95), latency:percentile(99), latency.max))
end
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--url", help="a running server on 127.0.0.1 (default: start gunicorn)")
    parser.add_argument("--clients", type=int, default=20, help="concurrent connections")
    parser.add_argument("--seconds", type=int, default=30, help="duration per endpoint")
    parser.add_argument(
        "--workers",
        type=int,
        default=(os.cpu_count() or 1) + 1,
        help=(
            "gunicorn workers when the benchmark starts the server (default cores + 1: "
            "PostgreSQL shares the machine, and more workers only queue for the same cores)"
        ),
    )
    parser.add_argument(
        "--threads",
        type=int,
        default=1,
        help="threads per gunicorn worker; above 1 the gthread worker class (keep-alive)",
    )
    parser.add_argument(
        "--pages",
        default="",
        help="comma-separated subset of the measured pages (default: all)",
    )
    parser.add_argument(
        "--varied",
        action="store_true",
        help="a varied workload: every request drawn anew from the data (see --seed)",
    )
    parser.add_argument("--seed", type=int, default=1, help="the varied workload's draw")
    parser.add_argument(
        "--fixed",
        action="store_true",
        help="repeat one URL per endpoint (measures the cache) instead of random date ranges",
    )


def run(options: dict[str, Any]) -> dict[str, Any]:
    wrk = shutil.which("wrk")
    if not wrk:
        raise SystemExit("wrk is not installed: apt-get install -y wrk")
    if options["varied"]:
        from . import varied

        draw = varied.Draw(options["seed"])
        endpoints = {page: (draw.paths(page), False) for page in varied.PAGES}
        span = (0, 0)
    else:
        endpoints, span = _endpoints()
    if options["pages"]:
        wanted = {p.strip() for p in options["pages"].split(",") if p.strip()}
        unknown = wanted - set(endpoints)
        if unknown:
            raise SystemExit(f"unknown pages {sorted(unknown)}; choose from {sorted(endpoints)}")
        endpoints = {name: value for name, value in endpoints.items() if name in wanted}
    emptied = _empty_cache()
    with serve(options) as base_url:
        cookie = login(base_url)
        results = {}
        for name, (path, vary) in endpoints.items():
            for one in path[:3] if isinstance(path, list) else [path]:
                _check(base_url, one, cookie)
            cpu = _service_cpu_seconds()
            results[name] = _wrk(
                wrk,
                base_url,
                path,
                cookie,
                vary=vary and not options["fixed"],
                span=span,
                clients=options["clients"],
                seconds=options["seconds"],
            )
            results[name]["cpu_ms_per_request"] = round(
                (_service_cpu_seconds() - cpu) * 1000 / max(results[name]["requests"], 1), 2
            )
    return {
        "benchmark": "web",
        "server": options["url"]
        or (
            f"gunicorn, {options['workers']} gthread workers x {options['threads']} threads"
            if options["threads"] > 1
            else f"gunicorn, {options['workers']} sync workers"
        ),
        "articles": Article.objects.count(),
        "clients": options["clients"],
        "seconds_per_endpoint": options["seconds"],
        "random_date_ranges": not options["fixed"],
        "varied": options["varied"],
        "seed": options["seed"] if options["varied"] else None,
        "cache_entries_emptied": emptied,
        "endpoints": results,
    }


def _empty_cache() -> int:
    """Delete the product's cache entries, so every run starts cold; returns how many.

    Only keys under the cache's own prefix go: the Celery queue may share
    the Redis database, and a flush would lose its tasks.
    """
    store = caches["default"]
    client = store._cache.get_client(write=True)
    pattern = f"{store.key_prefix}:*"
    keys = list(client.scan_iter(match=pattern, count=1000))
    for i in range(0, len(keys), 1000):
        client.delete(*keys[i : i + 1000])
    return len(keys)


def busiest_thread() -> Thread:
    """The thread with the most articles: the heaviest timeline the data offers."""
    thread = (
        Thread.objects.filter(merged_into__isnull=True)
        .annotate(n=Count("articles"))
        .order_by("-n")
        .first()
    )
    if thread is None:
        raise SystemExit("no threads: run `manage.py benchmark scale N` first")
    return thread


def _endpoints() -> tuple[dict[str, tuple[str, bool]], tuple[int, int]]:
    """Paths of the measured pages, chosen from the data so they return rows."""
    thread = busiest_thread()
    sample = (
        Article.objects.filter(thread=thread)
        .exclude(parties=[])
        .exclude(topics=[])
        .values("parties", "topics")
        .first()
    ) or {"parties": ["USA"], "topics": ["ceasefire"]}
    span = Article.objects.aggregate(lo=Min("published_at"), hi=Max("published_at"))
    lo = int(span["lo"].timestamp()) if span["lo"] else int(time.time()) - 365 * 86400
    hi = int(span["hi"].timestamp()) if span["hi"] else int(time.time())
    query = urllib.parse.urlencode({"actor": sample["parties"][0], "topic": sample["topics"][0]})
    search = urllib.parse.urlencode({"q": "المفاوضات"})
    endpoints = {
        "home": (reverse("home"), False),
        "thread_timeline": (reverse("thread_detail", args=[thread.key]), False),
        # Its story (events, state, roles) comes in a request of its own; timed apart.
        "thread_story": (reverse("thread_story", args=[thread.key]), False),
        "article_list_filtered": (f"{reverse('article_list')}?{query}", True),
        # The list page's counts come in a request of their own; timed apart.
        "article_list_facets": (f"{reverse('article_facets')}?{query}", True),
        "search": (f"{reverse('search')}?{search}", True),
    }
    return endpoints, (lo, max(hi - lo - 30 * 86400, 86400))


@contextmanager
def serve(options: dict[str, Any]) -> Iterator[str]:
    """The base URL of ``--url``, or of a gunicorn started here and stopped on exit."""
    if options["url"]:
        host = urllib.parse.urlsplit(options["url"]).hostname
        if host not in LOOPBACK:
            raise SystemExit("the web benchmark only sends traffic to 127.0.0.1")
        yield options["url"].rstrip("/")
        return
    call_command("collectstatic", interactive=False, verbosity=0)
    port = _free_port()
    # DATABASE_URL and REDIS_URL are in the environment already (the embedded
    # servers' when none were configured), so the workers share this database.
    env = {**os.environ, "DEBUG": "False"}
    gunicorn = Path(sys.executable).with_name("gunicorn")
    with tempfile.NamedTemporaryFile(prefix="nt-gunicorn-", suffix=".log", delete=False) as log:
        server = subprocess.Popen(
            [
                str(gunicorn),
                "negotiation_tracker.wsgi",
                "--bind", f"127.0.0.1:{port}",
                "--workers", str(options["workers"]),
                *(
                    ["--worker-class", "gthread", "--threads", str(options["threads"])]
                    if options["threads"] > 1
                    else []
                ),
                "--backlog", "256",
                "--timeout", "60",
                "--chdir", str(settings.BASE_DIR),
            ],
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )  # fmt: skip
        try:
            _wait_for(port, server, log.name)
            yield f"http://127.0.0.1:{port}"
        finally:
            server.terminate()
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                server.kill()


_SERVICES = ("gunicorn", "postgres", "redis-server")


def _service_cpu_seconds() -> float:
    """CPU seconds used so far by the web server, PostgreSQL and Redis processes on this machine.

    Their difference over a run, per request, is what a page costs the
    machine whatever the queueing: a figure that stays comparable when other
    work shares the cores and the latencies move with it. A process that
    ends during the run (a database connection past ``CONN_MAX_AGE``, a web
    worker replaced) leaves its time with its parent, which is counted too.
    """
    import psutil

    total = 0.0
    for proc in psutil.process_iter(["name", "cmdline", "cpu_times"]):
        info = proc.info
        words = " ".join([info["name"] or "", *(info["cmdline"] or [])[:2]])
        times = info["cpu_times"]
        if times is not None and any(s in words for s in _SERVICES):
            total += times.user + times.system + times.children_user + times.children_system
    return total


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_for(port: int, server: subprocess.Popen, log: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"gunicorn exited; see {log}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"gunicorn did not listen within {timeout:.0f} s; see {log}")


def analyst() -> User:
    """The benchmarks' analyst: active, in the analysts' group."""
    user, _ = User.objects.get_or_create(username=USERNAME)
    if not user.is_active:
        user.is_active = True
        user.save(update_fields=["is_active"])
    user.groups.add(Group.objects.get_or_create(name="analysts")[0])
    return user


def login(base_url: str) -> str:
    """Log in through the login form, as an analyst would, and return the Cookie header."""
    password = os.urandom(12).hex()
    user = analyst()
    user.set_password(password)
    user.save()

    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    login_url = base_url + reverse("login")
    form = opener.open(login_url, timeout=30).read().decode()
    match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form)
    if not match:
        raise SystemExit(f"no login form at {login_url}")
    data = urllib.parse.urlencode(
        {"username": USERNAME, "password": password, "csrfmiddlewaretoken": match.group(1)}
    ).encode()
    request = urllib.request.Request(login_url, data=data, headers={"Referer": login_url})
    opener.open(request, timeout=30).read()
    cookies = {c.name: c.value for c in jar}
    if "sessionid" not in cookies:
        raise SystemExit("login failed: no session cookie")
    return "; ".join(f"{k}={v}" for k, v in cookies.items())


def _check(base_url: str, path: str, cookie: str) -> None:
    """One request first: a page that errors or redirects to login would time nothing useful."""
    request = urllib.request.Request(base_url + path, headers={"Cookie": cookie})
    opener = urllib.request.build_opener(_NoRedirect)
    try:
        response = opener.open(request, timeout=60)
    except urllib.error.HTTPError as exc:
        raise SystemExit(f"{path} answered {exc.code}") from exc
    if response.status != 200:
        raise SystemExit(f"{path} answered {response.status}")


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


def _varied_lua(paths: list[str], threads: int) -> str:
    """A ``request()`` that walks ``paths`` in turn, each wrk thread from its own share.

    Thread ``t`` (1-based ``seed``) starts ``(t - 1) / threads`` of the way
    through the list, so the threads ask different requests: with offsets
    a few dozen apart they would ask each path twice in quick succession,
    and the second would be answered by the cache.
    """
    quoted = ",\n".join('"' + p.replace("\\", "").replace('"', "%22") + '"' for p in paths)
    share = len(paths) // max(threads, 1)
    return (
        "local paths = {\n" + quoted + "\n}\n"
        "local i = 0\n"
        "function request()\n"
        "  i = i + 1\n"
        f"  local k = (((seed or 1) - 1) * {share} + i) % #paths + 1\n"
        "  return wrk.format(nil, paths[k])\n"
        "end\n"
    )


def _wrk(
    wrk: str,
    base_url: str,
    path: str | list[str],
    cookie: str,
    *,
    vary: bool,
    span: tuple[int, int],
    clients: int,
    seconds: int,
) -> dict[str, Any]:
    paths = path if isinstance(path, list) else None
    path = paths[0] if paths else path
    script = LUA % {
        "cookie": cookie.replace('"', ""),
        "path": path.replace('"', "%22"),
        "varied": _varied_lua(paths, min(clients, 2)) if paths else "",
        "vary": "true" if vary else "false",
        "lo": span[0],
        "span": span[1],
    }
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as f:
        f.write(script)
    try:
        completed = subprocess.run(
            [
                wrk,
                "--threads", str(min(clients, 2)),
                "--connections", str(clients),
                "--duration", f"{seconds}s",
                "--timeout", "10s",
                "--script", f.name,
                base_url + path,
            ],
            capture_output=True,
            text=True,
            timeout=seconds + 60,
        )  # fmt: skip
    finally:
        os.unlink(f.name)
    line = next((x for x in completed.stdout.splitlines() if x.startswith("RESULT ")), None)
    if line is None:
        raise SystemExit(f"wrk gave no result:\n{completed.stdout}\n{completed.stderr}")
    raw = json.loads(line.removeprefix("RESULT "))
    seconds_run = raw["duration_us"] / 1e6
    return {
        "path": f"{len(paths)} varied requests, e.g. {path}"
        if paths
        else path + (" + random date_from/date_to" if vary else ""),
        "requests": raw["requests"],
        "rps": round(raw["requests"] / seconds_run, 1),
        "p50_ms": round(raw["p50_us"] / 1000, 1),
        "p95_ms": round(raw["p95_us"] / 1000, 1),
        "p99_ms": round(raw["p99_us"] / 1000, 1),
        "max_ms": round(raw["max_us"] / 1000, 1),
        "errors": raw["socket_errors"] + raw["non_2xx_3xx"],
    }
