"""The read model: article counts kept on write, so pages read rows, not articles.

Every count a page shows over many articles (facets, thread timelines,
sparklines, an actor's coverage, a thread's roles) is a sum of rows here.
The rows are maintained by statement-level triggers on the article table
(migration ``0018_readmodel_rollups``), in the transaction that changes the
articles, by the exact difference between the rows before and after the
statement; ``services.rollups.rebuild`` recounts them from scratch.

A row's ``kind`` names the dimension and ``key`` its value:

- ``total`` (key ``""``): every article
- ``actor``, ``party``, ``mediator``: one entry of ``actors``,
  ``parties``, ``mediators``
- ``topic``: one entry of ``topics``
- ``thread``, ``source``: the thread's and the outlet's id, as text
- ``lang``: the language code (articles with none are not counted)

Rows whose count fell back to zero stay (a later article usually reuses
them); readers ignore them.
"""

from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.db import models

KINDS = ("total", "actor", "party", "mediator", "topic", "thread", "source", "lang")


class _Counts(models.Model):
    """A dimension's value (``kind``, ``key``) and its count, the columns every table shares."""

    kind = models.CharField(max_length=8)
    key = models.CharField(max_length=40)
    n = models.IntegerField()

    class Meta:
        abstract = True


class RollupAll(_Counts):
    """Counts over the whole archive, undated articles included."""

    pk = models.CompositePrimaryKey("kind", "key")

    class Meta:
        db_table = "articles_rollup_all"

    def __str__(self) -> str:
        return f"{self.kind}:{self.key} {self.n}"


class RollupMonth(_Counts):
    """Counts per calendar month of publication (the month's first day)."""

    pk = models.CompositePrimaryKey("kind", "key", "month")
    month = models.DateField()

    class Meta:
        db_table = "articles_rollup_month"
        indexes = [models.Index(fields=["month"], name="rollup_month_idx")]

    def __str__(self) -> str:
        return f"{self.kind}:{self.key} {self.month:%Y-%m} {self.n}"


class RollupDay(_Counts):
    """Counts per day of publication: the edges of a window, timelines and sparklines."""

    pk = models.CompositePrimaryKey("kind", "key", "day")
    day = models.DateField()

    class Meta:
        db_table = "articles_rollup_day"
        indexes = [models.Index(fields=["day"], name="rollup_day_idx")]

    def __str__(self) -> str:
        return f"{self.kind}:{self.key} {self.day} {self.n}"


class ThreadActorRollup(models.Model):
    """How many of a thread's articles name an actor, as a party, a mediator or at all."""

    pk = models.CompositePrimaryKey("thread_id", "role", "actor")
    thread_id = models.BigIntegerField()
    role = models.CharField(max_length=8)
    actor = models.CharField(max_length=40)
    n = models.IntegerField()

    class Meta:
        db_table = "articles_rollup_thread_actor"

    def __str__(self) -> str:
        return f"{self.thread_id}:{self.role}:{self.actor} {self.n}"


class FacetRow(models.Model):
    """One article's facet values in a narrow row: what facet counts and actor pages read.

    A facet count of a filter the rollups cannot answer counts a sample of
    the filter's newest matches. Read from the article table, each sampled
    row costs a heap page of its own (the rows hold the texts); here about
    sixty rows share a page, and one array holds every value counted, so
    the sample is one ``unnest`` and one grouping. ``months`` is the "value
    x month" index's keys (``article_tag_months``; an undated article's have
    an empty month, ``a:IRN:``), ``keys`` the values as
    ``kind:value`` (``a:``/``p:``/``m:`` an actor in a role, ``t:`` a
    topic, ``h:`` the thread's id, ``s:`` the outlet's id, ``l:`` the
    language). Kept on write by statement-level triggers on the article
    table, beside the rollups' (migration ``0024_readmodel_facet_rows``).
    """

    article = models.OneToOneField(
        "articles.Article",
        primary_key=True,
        on_delete=models.DO_NOTHING,  # the delete trigger removes the row
        db_constraint=False,
        related_name="+",
    )
    published_at = models.DateTimeField(null=True)
    months = ArrayField(models.TextField())
    keys = ArrayField(models.TextField())

    class Meta:
        db_table = "articles_facetrow"
        indexes = [GinIndex(fields=["months"], name="facetrow_months_idx")]

    def __str__(self) -> str:
        return f"{self.article_id}: {' '.join(self.keys)}"
