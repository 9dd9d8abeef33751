"""``manage.py benchmark KIND ...``: measure the product and print one JSON line.

Each kind lives in its own module of ``articles.benchmarks`` with an
``add_arguments(parser)`` and a ``run(options) -> dict``.
"""

import importlib
import json

from django.core.management.base import BaseCommand

KINDS = (
    "ingest",
    "tag",
    "pipeline",
    "scale",
    "web",
    "pagecpu",
    "reindex",
    "queues",
    "story",
    "alerts",
)


class Command(BaseCommand):
    help = (
        "Run a benchmark (ingest, tag, pipeline, scale, web, pagecpu, reindex, queues, story, "
        "alerts) and print one JSON line."
    )

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="kind", required=True)
        for kind in KINDS:
            module = importlib.import_module(f"articles.benchmarks.{kind}")
            p = sub.add_parser(kind, help=(module.__doc__ or "").strip().splitlines()[0])
            module.add_arguments(p)

    def handle(self, *args, **options):
        module = importlib.import_module(f"articles.benchmarks.{options['kind']}")
        figures = module.run(options)
        self.stdout.write(json.dumps(figures, ensure_ascii=False))
