"""``manage.py tag_jsonl IN OUT``: the worker's tagger on the spec's JSON Lines form.

It builds the tagger exactly as a worker does (lexicon and threads from the
database, the committed models) and writes the spec's output form, one line
per input line. `make eval` runs the same tagger on the shipped files with no
database, and scores it in and out of sample.
"""

import json

from django.core.management.base import CommandError

from articles.management.prepare import PreparedCommand
from articles.nlp.types import ArticleInput
from articles.services.lexicon import current_tagger


class Command(PreparedCommand):
    help = "Tag a JSON Lines file of articles (spec input form) into the spec output form."

    def add_arguments(self, parser):
        parser.add_argument("input")
        parser.add_argument("output")

    def handle(self, *args, input, output, **options):
        tagger, _ = current_tagger()
        n = 0
        with open(input, encoding="utf-8-sig") as src, open(output, "w", encoding="utf-8") as dst:
            for lineno, line in enumerate(src, 1):
                if not line.strip():
                    continue
                try:
                    row = json.loads(line)
                except json.JSONDecodeError as exc:
                    raise CommandError(f"{input}:{lineno}: not valid JSON: {exc}") from exc
                result = tagger.tag(ArticleInput.from_dict(row))
                dst.write(json.dumps(result.to_spec(), ensure_ascii=False) + "\n")
                n += 1
        self.stderr.write(f"tagged {n} articles into {output}")
