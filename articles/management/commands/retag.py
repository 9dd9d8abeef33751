"""``manage.py retag``: tag stored articles again with the current lexicon and threads."""

from django.core.management import call_command
from tqdm import tqdm

from articles.management.prepare import PreparedCommand
from articles.models import Article
from articles.services.lexicon import current_tagger
from articles.services.tagging import tag_articles


class Command(PreparedCommand):
    help = "Re-tag articles (filters combine); corrections are applied again on top."

    def add_arguments(self, parser):
        parser.add_argument("--thread", help="thread key")
        parser.add_argument("--source", help="source name")
        parser.add_argument("--actor", help="actor id")
        parser.add_argument("--since", help="published on or after (YYYY-MM-DD)")
        parser.add_argument("--until", help="published before (YYYY-MM-DD)")
        parser.add_argument(
            "--stale", action="store_true", help="only articles tagged by an older lexicon"
        )
        parser.add_argument("--queue", action="store_true", help="hand the work to the workers")
        parser.add_argument("--chunk", type=int, default=500)

    def handle(self, *args, **o):
        # Search terms follow rules of their own; a re-tag run brings them up
        # to date first (nothing to do when they are current).
        call_command("reindex_search", verbosity=o["verbosity"])
        qs = Article.objects.filter(status=Article.Status.PROCESSED)
        if o["thread"]:
            qs = qs.filter(thread__key=o["thread"])
        if o["source"]:
            qs = qs.filter(source__name=o["source"])
        if o["actor"]:
            qs = qs.filter(actors__contains=[o["actor"]])
        if o["since"]:
            qs = qs.filter(published_at__date__gte=o["since"])
        if o["until"]:
            qs = qs.filter(published_at__date__lt=o["until"])
        if o["stale"]:
            qs = qs.exclude(tagger_version=current_tagger()[1])
        ids = list(qs.order_by("id").values_list("id", flat=True))
        chunk = o["chunk"]
        if o["queue"]:
            from articles.services.articles import retag

            group_id = retag(ids, chunk)
            self.stdout.write(f"queued {len(ids)} articles for re-tagging (group {group_id})")
            return
        with tqdm(total=len(ids), unit="article", disable=o["verbosity"] == 0) as bar:
            for i in range(0, len(ids), chunk):
                tag_articles(ids[i : i + chunk], force=True)
                bar.update(len(ids[i : i + chunk]))
        self.stdout.write(f"re-tagged {len(ids)} articles")
