"""``manage.py load_lexicon``: load the shipped lexicon, topics and threads into the database."""

import json

from articles.management.prepare import PreparedCommand
from articles.services.lexicon import load_lexicon


class Command(PreparedCommand):
    needs_lexicon = False

    help = "Load the lexicon data files, topics and threads (keeps admins' edits)."

    def handle(self, *args, **options):
        self.stdout.write(json.dumps(load_lexicon(), ensure_ascii=False))
