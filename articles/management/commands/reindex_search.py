"""``manage.py reindex_search``: bring stored search terms up to the current search rules."""

import time

from tqdm import tqdm

from articles.management.prepare import PreparedCommand
from articles.nlp import search
from articles.services import search_index


class Command(PreparedCommand):
    needs_lexicon = False

    help = (
        "Recompute the search terms of stored articles when the search rules changed "
        "(resumes an interrupted run; does nothing when the index is current)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="walk the archive even if current")
        parser.add_argument("--chunk", type=int, default=2000)

    def handle(self, *args, force: bool, chunk: int, **o):
        if search_index.is_current() and not force:
            self.stdout.write(f"search index current ({search.version()})")
            return
        started = time.perf_counter()
        with tqdm(unit="id", disable=o["verbosity"] == 0) as bar:

            def progress(done: int, last: int) -> None:
                bar.total = last
                bar.n = done
                bar.refresh()

            written = search_index.rebuild(chunk=chunk, force=force, progress=progress)
        self.stdout.write(
            f"search index {search.version()}: {written} articles rewritten "
            f"in {time.perf_counter() - started:.1f} s"
        )
