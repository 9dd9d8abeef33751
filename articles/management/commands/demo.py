"""``manage.py demo``: a working product on this machine in one command.

Migrates, loads the lexicon and threads, creates a demo admin and analyst
(printing their logins), starts a Celery worker (every queue), the beat
scheduler and the production web server, loads the built-in sample (and
any ``--load`` paths) through the same ingest path admins use, and runs
until interrupted.
"""

from __future__ import annotations

import os
import secrets
import signal
import subprocess
import sys
import time
from pathlib import Path

from django.conf import settings
from django.contrib.auth.models import Group, User
from django.core.management import call_command
from django.core.management.base import BaseCommand

from articles.models import IngestBatch
from articles.services.ingest import create_batch, ingest_paths
from articles.services.lexicon import load_lexicon
from negotiation_tracker import localservices

SAMPLE = Path(settings.BASE_DIR) / "articles" / "sample" / "articles.jsonl"


class Command(BaseCommand):
    help = "Set up and run the product with a worker and sample data."

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--load", nargs="*", default=[], help="more paths to ingest")
        parser.add_argument("--no-serve", action="store_true", help="set up and load, then exit")
        parser.add_argument(
            "--feed-port",
            type=int,
            default=0,
            help="port of the sample news site (default: port + 1)",
        )

    def handle(self, *args, port, load, no_serve, feed_port, **options):
        call_command("migrate", verbosity=0)
        call_command("collectstatic", interactive=False, verbosity=0)
        call_command("reindex_search", verbosity=0)  # stored terms follow the search rules
        self.stdout.write(f"lexicon: {load_lexicon()}")
        logins = {name: self._user(name, admin=(name == "admin")) for name in ("admin", "analyst")}
        self._watchlist()
        procs = [] if no_serve else self._start(port)
        # A service manager or `kill` stops the demo with SIGTERM: treat it
        # like Ctrl-C, so the web server and the worker stop with it.
        signal.signal(signal.SIGTERM, _interrupt)
        try:
            for paths, kind in [
                ([SAMPLE], IngestBatch.Kind.SAMPLE),
                (load, IngestBatch.Kind.COMMAND),
            ]:
                if not paths:
                    continue
                batch = create_batch(kind=kind, filename=" ".join(map(str, paths)))
                from articles.ingest import iter_paths

                batch = ingest_paths(batch, iter_paths([str(p) for p in paths]))
                self.stdout.write(
                    f"loaded {batch.filename}: created {batch.created_count}, "
                    f"duplicates {batch.duplicate_count}, rejected {batch.rejected_count}"
                )
            if no_serve:
                return
            site = self._live_sample(feed_port or port + 1)
            self.stdout.write(
                self.style.SUCCESS(f"\nNegotiation Tracker: http://127.0.0.1:{port}/")
            )
            for name, password in logins.items():
                self.stdout.write(f"  {name} login: {name} / {password}")
            self.stdout.write(
                f"  live source: {site.feed_url} (a sample news site; a new item every minute)"
            )
            self.stdout.write(f"  alert emails: {settings.EMAIL_FILE_PATH}/")
            self.stdout.write("Press Ctrl-C to stop.")
            while all(p.poll() is None for p in procs):
                time.sleep(1)
        except KeyboardInterrupt:
            pass
        finally:
            if procs:
                self.stdout.write("stopping…")
                localservices.stop_processes(timeout=5)
                for p in procs:
                    p.poll()  # reap

    def _live_sample(self, port: int):
        """Serve the sample news site, register its feed, and poll it once now.

        The worker's beat polls it every minute after that, so articles keep
        arriving the way a real feed's do.
        """
        from articles.sample.feed_server import SampleSite
        from articles.services.sources import poll_sources, register_source

        site = SampleSite(port).start_serving()
        source = register_source(site.feed_url, name="عينة حية · Live sample", interval_minutes=1)
        for report in poll_sources([source.pk]):
            self.stdout.write(f"live sample: {report.line()}")
        return site

    def _watchlist(self) -> None:
        """The demo analyst follows the Gaza talks: the sample feed's Gaza items ring the bell.

        Its emails are written to files under ``.data/mail`` (the demo's ``EMAIL_BACKEND``).
        """
        from articles.models import Watchlist
        from articles.services.watchlists import create_watchlist

        analyst = User.objects.get(username="analyst")
        if not analyst.email:
            analyst.email = "analyst@example.org"
            analyst.save(update_fields=["email"])
        if not Watchlist.objects.filter(owner=analyst).exists():
            create_watchlist(
                analyst, name="مفاوضات غزة", query="thread=israel-hamas-truce", email="immediate"
            )

    def _user(self, name: str, *, admin: bool) -> str:
        password = os.environ.get("DEMO_PASSWORD") or secrets.token_urlsafe(9)
        user, _ = User.objects.get_or_create(username=name)
        user.is_staff = user.is_superuser = admin
        user.set_password(password)
        user.save()
        group = Group.objects.filter(name="admins" if admin else "analysts").first()
        if group:
            user.groups.add(group)
        return password

    def _start(self, port: int) -> list[subprocess.Popen]:
        """Web server, worker and beat, each in a session of its own.

        Ctrl-C reaches only this command, which stops the three at once
        (``localservices.stop_processes``); ``make stop`` does the same from
        another terminal, through the pids recorded here.
        """
        env = {**os.environ, "PYTHONUNBUFFERED": "1"}
        # Alerts' links point at this server; their emails go to files in .data/mail.
        env.setdefault("SITE_URL", f"http://127.0.0.1:{port}")
        env.setdefault("EMAIL_BACKEND", "django.core.mail.backends.filebased.EmailBackend")
        bin_dir = Path(sys.executable).parent
        # One worker takes every queue here; a deployment runs one per queue
        # (deploy/compose.yaml). The schedule runs in a process of its own,
        # as in a deployment, so that there is only ever one.
        worker = subprocess.Popen(
            [str(bin_dir / "celery"), "-A", "negotiation_tracker", "worker",
             "--concurrency", "2", "--loglevel", "warning"],
            env=env, start_new_session=True,
        )  # fmt: skip
        beat = subprocess.Popen(
            [str(bin_dir / "celery"), "-A", "negotiation_tracker", "beat", "--loglevel", "warning"],
            env=env, start_new_session=True,
        )  # fmt: skip
        web = subprocess.Popen(
            [str(bin_dir / "gunicorn"), "negotiation_tracker.wsgi:application",
             "--bind", f"127.0.0.1:{port}", "--workers", "3", "--access-logfile", "-"],
            env=env, start_new_session=True,
        )  # fmt: skip
        localservices.record_processes({"worker": worker.pid, "beat": beat.pid, "web": web.pid})
        return [worker, beat, web]


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt
