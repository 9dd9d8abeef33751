"""``manage.py ingest PATH...``: bring in files, folders, globs and archives.

Records are read and stored here with a progress bar; processing and
tagging go to the Celery workers. Re-running on the same files stores
nothing new: every story comes back as a duplicate.
"""

from django.core.management.base import CommandError
from tqdm import tqdm

from articles.ingest import iter_paths
from articles.management.prepare import PreparedCommand
from articles.models import IngestBatch
from articles.services.ingest import create_batch, ingest_paths


class Command(PreparedCommand):
    help = (
        "Ingest article files (JSON, JSON Lines, CSV, TXT, HTML, ZIP) from paths, folders or globs."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+")
        parser.add_argument(
            "--no-queue",
            action="store_true",
            help="store only; do not hand the articles to workers",
        )

    def handle(self, *args, paths, no_queue, **options):
        files = list(iter_paths(paths))
        if not files:
            raise CommandError(f"nothing to ingest under {' '.join(paths)}")
        batch = create_batch(kind=IngestBatch.Kind.COMMAND, filename=" ".join(paths))
        bar = tqdm(total=len(files), unit="file", disable=options["verbosity"] == 0)
        stats = {"n": 0}

        def progress(b: IngestBatch) -> None:
            bar.set_postfix(
                created=b.created_count, duplicates=b.duplicate_count, rejected=b.rejected_count
            )

        def counted():
            for f in files:
                yield f
                stats["n"] += 1
                bar.update(1)

        batch = ingest_paths(batch, counted(), progress=progress, queue=not no_queue)
        bar.close()
        self.stdout.write(
            f"batch {batch.pk}: read {batch.read_count}, created {batch.created_count}, "
            f"duplicates {batch.duplicate_count}, rejected {batch.rejected_count}"
        )
        if getattr(batch, "unqueued", 0):
            self.stderr.write(batch.message)
        for e in batch.errors[:50]:
            line = f":{e['line']}" if e.get("line") else ""
            self.stderr.write(f"  {e['file']}{line}: {e['reason']}")
        if len(batch.errors) > 50:
            self.stderr.write(f"  … {batch.rejected_count - 50} more in the batch report")
