from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.db import models
from django.db.models import ExpressionWrapper, F, Func, Q, Value
from django.utils.translation import gettext_lazy as _


class Source(models.Model):
    """A publishing outlet, named as the upload gave it (``aawsat``, «سكاي نيوز عربية»)."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    display_name = models.CharField(_("display name"), max_length=200, blank=True)
    url = models.URLField(_("web site"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("source")
        verbose_name_plural = _("sources")

    def __str__(self) -> str:
        return self.display_name or self.name


class IngestBatch(models.Model):
    """One upload or ingest run, with the counts its report shows.

    ``read = created + duplicates + rejected`` always holds once the batch is
    finished: every story read ends in exactly one of the three.
    """

    class Kind(models.TextChoices):
        UPLOAD = "upload", _("Upload page")
        ADMIN = "admin", _("Admin")
        COMMAND = "command", _("Command line")
        SAMPLE = "sample", _("Sample data")
        API = "api", _("API")
        LIVE = "live", _("Live source")

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.UPLOAD)
    filename = models.CharField(_("file"), max_length=1000, blank=True)
    upload = models.FileField(upload_to="uploads/%Y/%m/", blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    task_id = models.CharField(max_length=64, blank=True)
    read_count = models.PositiveIntegerField(_("read"), default=0)
    created_count = models.PositiveIntegerField(_("created"), default=0)
    duplicate_count = models.PositiveIntegerField(_("duplicates"), default=0)
    rejected_count = models.PositiveIntegerField(_("rejected"), default=0)
    errors = models.JSONField(_("errors"), default=list, blank=True)
    message = models.TextField(blank=True)
    # A worker holding the batch touches ``heartbeat_at`` after every chunk;
    # the sweep hands a batch whose heartbeat stopped to another worker
    # (its first worker was lost), and ``attempts`` caps how often.
    heartbeat_at = models.DateTimeField(null=True, blank=True, editable=False)
    attempts = models.PositiveSmallIntegerField(default=0, db_default=0, editable=False)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("ingest batch")
        verbose_name_plural = _("ingest batches")
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="done")
                | Q(read_count=F("created_count") + F("duplicate_count") + F("rejected_count")),
                name="batch_counts_add_up",
            )
        ]

    def __str__(self) -> str:
        return f"#{self.pk} {self.filename}"


class StoryCluster(models.Model):
    """Near-duplicate articles: one story carried by several outlets."""

    created_at = models.DateTimeField(auto_now_add=True)
    size = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("story cluster")
        verbose_name_plural = _("story clusters")

    def __str__(self) -> str:
        return f"cluster {self.pk} ({self.size})"


def _search_part(n: int) -> Func:
    """Line ``n`` of search_text: 1 holds the title's terms, 2 the body's."""
    return Func(
        F("search_text"),
        Value("\n"),
        Value(n),
        function="split_part",
        output_field=models.TextField(),
    )


def _title_vector() -> Func:
    """The title's terms with positions and weight A, so headline matches rank first."""
    return Func(
        SearchVector(_search_part(1), config="simple"),
        Value("A"),
        function="setweight",
    )


def _terms(expression) -> Func:
    """tsvector of a string of space-separated, already stemmed terms."""
    return Func(
        Func(
            expression,
            Value(" "),
            function="string_to_array",
            output_field=ArrayField(models.TextField()),
        ),
        function="array_to_tsvector",
        output_field=SearchVectorField(),
    )


def _date_terms() -> Func:
    """The publication's day, month (or "undated") as terms no word can give.

    Search reads a span of days as an OR of these terms beside the words,
    so the one GIN index walks the few thousand entries of the span and
    skips through a common word's entry instead of decoding all of it
    (``selectors.search_dates``, which writes the same terms). The SQL
    function is created by migration 0025.
    """
    return Func(
        F("published_at"), function="article_search_dates", output_field=SearchVectorField()
    )


class Article(models.Model):
    """One story as stored: raw text as received beside the cleaned text.

    Tags live on the row as arrays of actor and topic ids (GIN-indexed), so
    that the filters analysts combine (any/all of several actors, a role, a
    topic) are index lookups on one table even with millions of articles.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        PROCESSED = "processed", _("Processed")
        FAILED = "failed", _("Failed")

    title = models.TextField(_("title"), blank=True)
    raw_text = models.TextField(_("raw text"))
    text = models.TextField(_("text"))
    search_text = models.TextField(editable=False, blank=True)
    # search_text holds title terms, a newline, then body terms, already
    # normalised and stemmed (articles.nlp.search.search_document), so
    # PostgreSQL only has to split the body: array_to_tsvector is several
    # times faster than to_tsvector, whose parser would find nothing more to
    # do. The short title goes through to_tsvector because only lexemes with
    # positions can carry weight A, which makes headline matches rank first.
    search_vector = models.GeneratedField(
        expression=Func(
            _title_vector(),
            _terms(_search_part(2)),
            _date_terms(),
            function="",
            arg_joiner=" || ",
            output_field=SearchVectorField(),
        ),
        output_field=SearchVectorField(),
        db_persist=True,
    )
    # The headline's part alone: a few dozen bytes stored in the row, where
    # search_vector is kilobytes kept out of line. Search ranks its
    # candidates with this one (body terms carry no positions, so they add
    # the same to every candidate's rank), reading no out-of-line data.
    title_vector = models.GeneratedField(
        expression=ExpressionWrapper(_title_vector(), output_field=SearchVectorField()),
        output_field=SearchVectorField(),
        db_persist=True,
    )
    lang = models.CharField(_("language"), max_length=2, blank=True)
    url = models.URLField(_("URL"), max_length=2000, blank=True)
    external_id = models.CharField(max_length=200, blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    content_hash = models.CharField(max_length=40, editable=False)
    # Indexed by article_source_idx (source first), like thread below.
    source = models.ForeignKey(
        Source,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="articles",
        db_index=False,
    )
    publisher = models.CharField(_("publisher"), max_length=300, blank=True)
    byline = models.CharField(_("byline"), max_length=300, blank=True)
    batch = models.ForeignKey(
        IngestBatch, null=True, blank=True, on_delete=models.SET_NULL, related_name="articles"
    )
    page = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="later_stories",
        help_text=_("The article whose page this story was split from."),
    )
    story_index = models.PositiveSmallIntegerField(default=0)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    error = models.TextField(blank=True)
    # When the article's processing task was last handed to the broker
    # (NULL: never, e.g. the broker was down): the sweep re-sends only what
    # is not queued.
    queued_at = models.DateTimeField(null=True, blank=True, editable=False)
    cluster = models.ForeignKey(
        StoryCluster, null=True, blank=True, on_delete=models.SET_NULL, related_name="articles"
    )
    minhash = models.BinaryField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    processed_at = models.DateTimeField(null=True, blank=True)

    # Tags (written by the tagging service, corrections applied on top).
    is_negotiation = models.BooleanField(null=True, blank=True)
    actors = ArrayField(models.CharField(max_length=40), default=list, blank=True)
    parties = ArrayField(models.CharField(max_length=40), default=list, blank=True)
    mediators = ArrayField(models.CharField(max_length=40), default=list, blank=True)
    topics = ArrayField(models.CharField(max_length=40), default=list, blank=True)
    thread = models.ForeignKey(
        "articles.Thread",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="articles",
        db_index=False,
    )
    confidence = models.JSONField(default=dict, blank=True)
    mentions = models.JSONField(default=list, blank=True)
    persons = models.JSONField(default=list, blank=True)
    cited_sources = ArrayField(models.CharField(max_length=200), default=list, blank=True)
    key_sentence = models.TextField(blank=True)
    tagger_version = models.CharField(max_length=40, blank=True)
    tagged_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-published_at", "-id"]
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        indexes = [
            # Newest first, carrying what the list filters test, so a page is
            # found by an index-only walk that reads only the matching rows.
            models.Index(
                fields=["-published_at", "-id"],
                include=["actors", "parties", "mediators", "topics", "thread", "source", "lang"],
                name="article_published_idx",
            ),
            models.Index(fields=["source", "-published_at"], name="article_source_idx"),
            # Only the articles with work left: a processed, tagged article
            # leaves this index, so the sweep and the queue counts stay cheap
            # on a large archive and the last write of each article adds no entry.
            models.Index(
                fields=["status"],
                name="article_todo_idx",
                condition=Q(status__in=["pending", "failed"]) | Q(tagged_at__isnull=True),
            ),
            # The timeline pages a thread newest first by (published_at, id).
            models.Index(fields=["thread", "-published_at", "-id"], name="article_thread_pub_idx"),
            # A large pending list lets bulk ingest append index entries and
            # merge them in bulk instead of inserting each lexeme in place.
            GinIndex(
                fields=["search_vector"],
                name="article_search_idx",
                fastupdate=True,
                gin_pending_list_limit=32768,
            ),
            GinIndex(fields=["actors"], name="article_actors_idx"),
            GinIndex(fields=["parties"], name="article_parties_idx"),
            GinIndex(fields=["mediators"], name="article_mediators_idx"),
            GinIndex(fields=["topics"], name="article_topics_idx"),
        ]
        constraints = [
            # A constraint rather than ``unique=True``: the same index, without
            # the extra pattern-ops index Django adds for unique text fields.
            models.UniqueConstraint(fields=["content_hash"], name="article_content_hash_uniq"),
        ]

    def __str__(self) -> str:
        return self.title or self.text[:80]


class ArticleBand(models.Model):
    """One LSH band key of an article's MinHash signature.

    Articles that share any (band, key) pair are near-duplicate candidates;
    keeping the keys in an indexed table finds them across batches with one
    join instead of holding an LSH index in a worker's memory.
    """

    # No index of its own: ``one_key_per_band`` (article, band) serves every
    # look-up by article, and ingest writes 16 rows per article. No foreign
    # key checked by the database either: a check per row (a look-up and a
    # row lock of the article, queued to the commit) was a fifth of the
    # ingest's time in PostgreSQL. Bands are written by the statement that
    # inserts their article, from the ids it returns, so they cannot point
    # elsewhere; deleting an article still deletes its bands (Django
    # cascades them).
    article = models.ForeignKey(
        Article,
        on_delete=models.CASCADE,
        related_name="bands",
        db_index=False,
        db_constraint=False,
    )
    band = models.PositiveSmallIntegerField()
    key = models.BigIntegerField()

    class Meta:
        indexes = [models.Index(fields=["band", "key"], name="band_key_idx")]
        constraints = [models.UniqueConstraint(fields=["article", "band"], name="one_key_per_band")]

    def __str__(self) -> str:
        return f"{self.article_id}:{self.band}:{self.key}"


class Carriage(models.Model):
    """A further outlet that carried an article's exact text.

    The text is stored once (its hash is unique); each other outlet that
    published it keeps its own link, date and headline here, so counts by
    outlet and "carried by N outlets" include it.
    """

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="carriages")
    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="carriages")
    url = models.URLField(_("URL"), max_length=2000, blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    title = models.TextField(_("title"), blank=True)
    batch = models.ForeignKey(
        IngestBatch, null=True, blank=True, on_delete=models.SET_NULL, related_name="carriages"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["published_at", "id"]
        verbose_name = _("carriage")
        verbose_name_plural = _("carriages")
        constraints = [
            models.UniqueConstraint(fields=["article", "source"], name="carriage_one_per_outlet")
        ]

    def __str__(self) -> str:
        return f"{self.article_id} @ {self.source_id}"


class TaskAttempt(models.Model):
    """How often a worker started one piece of work (a chunk of articles, one article).

    Written and committed before the work begins, so a worker that dies
    half-way leaves its count behind: the next delivery sees the work was
    tried and goes one article at a time, and an article that keeps killing
    its worker fails alone after ``TASK_MAX_ATTEMPTS``. Rows are deleted
    when the work is done, so the table holds only work in flight.
    """

    key = models.CharField(max_length=64, primary_key=True)
    attempts = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.key}: {self.attempts}"
