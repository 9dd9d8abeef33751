"""``manage.py poll_sources [--once] [--source ID]``: poll live sources from the command line.

``--once`` polls every enabled source (or the one given) now, whatever its
schedule, prints what each poll did and exits. Without it the command keeps
polling each source when it is due, for a machine that runs no Celery
beat; stop it with Ctrl-C.
"""

from __future__ import annotations

import time

from django.core.management.base import CommandError

from articles.management.prepare import PreparedCommand
from articles.models import LiveSource
from articles.services.sources import due_sources, poll_sources


class Command(PreparedCommand):
    help = "Poll live sources now (--once) or whenever they are due."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="poll once and exit")
        parser.add_argument("--source", type=int, action="append", help="only this source id")

    def handle(self, *args, once, source, **options):
        if source:
            missing = set(source) - set(
                LiveSource.objects.filter(pk__in=source).values_list("pk", flat=True)
            )
            if missing:
                raise CommandError(f"no live source with id {', '.join(map(str, sorted(missing)))}")
        if once:
            self._report(poll_sources(source, force=True))
            return
        self.stdout.write("Polling live sources when due; Ctrl-C stops.")
        try:
            while True:
                due = due_sources()
                if source:
                    due = [pk for pk in due if pk in source]
                if due:
                    self._report(poll_sources(due, force=False))
                time.sleep(15)
        except KeyboardInterrupt:
            pass

    def _report(self, reports) -> None:
        for r in reports:
            style = self.style.ERROR if r.error else self.style.SUCCESS
            self.stdout.write(style(r.line()))
        if not reports:
            self.stdout.write("no enabled live source")
