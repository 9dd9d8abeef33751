"""Which search rules the stored index was built with."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SearchIndexState(models.Model):
    """One row: the search-term rules every stored article's terms follow, and a rebuild's progress.

    ``version`` is ``articles.nlp.search.version()`` of the last complete
    rebuild. A rebuild towards ``target`` writes ``done_through`` (the last
    article id rewritten) in the same transaction as each chunk, so one that
    is stopped resumes where it stopped and rewrites nothing twice.
    """

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    version = models.CharField(max_length=40, blank=True)
    target = models.CharField(max_length=40, blank=True)
    done_through = models.BigIntegerField(default=0)
    changed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("search index state")
        constraints = [models.CheckConstraint(condition=models.Q(id=1), name="search_single_row")]

    def __str__(self) -> str:
        return f"search index {self.version or '-'}"
