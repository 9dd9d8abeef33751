"""``manage.py add_source URL [--name N] [--interval MINUTES] [--lang ar|en]``."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.management.base import CommandError

from articles.management.prepare import PreparedCommand
from articles.models import LiveSource
from articles.services.sources import register_source


class Command(PreparedCommand):
    help = "Register a live source (RSS/Atom feed, news sitemap or article page) polled on an interval."

    def add_arguments(self, parser):
        parser.add_argument("url")
        parser.add_argument("--name", default="", help="the outlet its articles are stored under")
        parser.add_argument("--interval", type=int, default=30, help="minutes between polls")
        parser.add_argument("--lang", choices=["ar", "en"], default="")
        parser.add_argument(
            "--kind",
            choices=[k.value for k in LiveSource.Kind],
            default=LiveSource.Kind.AUTO,
            help="what the URL holds (detected on the first poll by default)",
        )

    def handle(self, *args, url, name, interval, lang, kind, **options):
        try:
            source = register_source(
                url, name=name, interval_minutes=interval, lang=lang, kind=kind
            )
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages)) from exc
        self.stdout.write(
            f"live source #{source.pk}: {source.url} ({source.get_kind_display()}), "
            f"every {source.interval_minutes} min, outlet «{source.outlet}»"
        )
