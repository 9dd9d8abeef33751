"""The varied workload of ``benchmark web --varied``: questions drawn as a team of analysts asks them.

Every request is drawn afresh from the data (with ``--seed``, so another
seed draws another mix): any of the 80 most frequent actors, one or two
at a time, in any role or with all of them required; topics; date ranges
from a day to a year, or none; search words with their clitics
(«والمفاوضات», «للوسطاء», «بالدوحة»); the list filtered by such words
or by a rare one (a name from an article's headline); any thread at any zoom, with or
without dates; any article; any actor's page. Nothing is asked twice on
purpose, so the figures are those of the pages, not of a cache.
"""

from __future__ import annotations

import datetime as dt
import math
import random
import urllib.parse

from django.db import connection
from django.urls import reverse

TOP_ACTORS = 80
# More than 30 s at 333 requests/s (the 60 ms target at 20 clients): a run never
# walks the list twice, so a page answered fast is not also answered from the cache.
PATHS_PER_PAGE = 12000
# Search words as analysts type them: with the conjunction, the preposition,
# the article fused on; single words and short phrases.
WORDS = (
    "والمفاوضات",
    "للوسطاء",
    "بالدوحة",
    "المفاوضات",
    "مفاوضات",
    "وقف إطلاق النار",
    "الهدنة",
    "بوساطة",
    "والوساطة",
    "لطهران",
    "بواشنطن",
    "الحوثيين",
    "مجلس الأمن",
    "للأمم المتحدة",
    "اتفاق",
    "بالاتفاق النووي",
    "الأسرى",
    "وللرهائن",
    "السلام",
    "محادثات جنيف",
)
ZOOMS = ("", "year", "month", "week", "day")
ROLES = ("", "", "party", "mediator", "mentioned")
PAGES = ("list", "facets", "search", "words", "thread", "article", "actor")
# Headlines read for rare words (the longest word of each).
TITLES = 400


def _rollup_keys(kind: str, limit: int | None = None) -> list[str]:
    with connection.cursor() as cur:
        cur.execute(
            "SELECT key FROM articles_rollup_all WHERE kind = %s AND n > 0 "
            "ORDER BY n DESC, key" + (" LIMIT %s" if limit else ""),
            [kind, limit] if limit else [kind],
        )
        return [row[0] for row in cur.fetchall()]


def _span() -> tuple[dt.date, dt.date]:
    from articles.selectors.rollups import data_span

    span = data_span()
    if span is None:
        raise SystemExit("no dated articles: run `manage.py benchmark scale N` first")
    return span


class Draw:
    """Draws requests of each page kind from the data, reproducibly for a seed."""

    def __init__(self, seed: int) -> None:
        from articles.models import Thread

        self.rng = random.Random(seed)
        self.actors = _rollup_keys("actor", TOP_ACTORS)
        self.all_actors = _rollup_keys("actor")
        self.topics = _rollup_keys("topic")
        thread_ids = [int(k) for k in _rollup_keys("thread")]
        self.threads = list(
            Thread.objects.filter(pk__in=thread_ids, merged_into__isnull=True).values_list(
                "key", flat=True
            )
        )
        self.first, self.last = _span()
        with connection.cursor() as cur:
            # A page sample of a large table; a small one is read whole, in a seeded order.
            cur.execute(
                "SELECT id FROM articles_article TABLESAMPLE SYSTEM (1) REPEATABLE (%s) LIMIT %s",
                [seed, PATHS_PER_PAGE],
            )
            self.articles = [row[0] for row in cur.fetchall()]
            if len(self.articles) < 100:
                cur.execute(
                    "SELECT id FROM articles_article ORDER BY md5(id::text || %s) LIMIT %s",
                    [str(seed), PATHS_PER_PAGE],
                )
                self.articles = [row[0] for row in cur.fetchall()]
            cur.execute(
                "SELECT title FROM articles_article WHERE id = ANY(%s)",
                [self.articles[:TITLES]],
            )
            titles = sorted(row[0] for row in cur.fetchall())
        # Rare words for the list's words filter: a headline's longest word is
        # mostly a name, in a few articles of the archive.
        self.rare_words = [max(t.split(), key=len) for t in titles if t.split()]
        if not (self.actors and self.threads and self.articles):
            raise SystemExit("too little data for a varied workload: run benchmark scale first")

    def dates(self, none: float = 0.3) -> dict[str, str]:
        """No dates, or a range of one day to a year (log-uniform: short ones are common)."""
        if self.rng.random() < none:
            return {}
        days = int(math.exp(self.rng.uniform(0, math.log(366))))
        latest = (self.last - self.first).days - days
        start = self.first + dt.timedelta(days=self.rng.randint(0, max(latest, 0)))
        end = start + dt.timedelta(days=days - 1)
        return {"date_from": start.isoformat(), "date_to": end.isoformat()}

    def filters(self) -> dict[str, list[str] | str]:
        params: dict[str, list[str] | str] = {}
        if self.rng.random() < 0.85:
            params["actor"] = self.rng.sample(self.actors, self.rng.choice((1, 1, 2)))
            role = self.rng.choice(ROLES)
            if role:
                params["role"] = role
            if len(params["actor"]) == 2 and self.rng.random() < 0.5:
                params["actor_mode"] = "all"
        if self.topics and self.rng.random() < 0.35:
            params["topic"] = [self.rng.choice(self.topics)]
        params.update(self.dates())
        return params

    def path(self, page: str) -> str:
        if page in ("list", "facets"):
            name = "article_list" if page == "list" else "article_facets"
            return _url(reverse(name), self.filters())
        if page == "search":
            params: dict[str, list[str] | str] = {"q": self.rng.choice(WORDS)}
            if self.rng.random() < 0.3:
                params["actor"] = [self.rng.choice(self.actors)]
            params.update(self.dates(none=0.5))
            return _url(reverse("search"), params)
        if page == "words":
            pool = self.rare_words if self.rare_words and self.rng.random() < 0.5 else WORDS
            params = {"q": self.rng.choice(pool)}
            if self.rng.random() < 0.3:
                params["actor"] = [self.rng.choice(self.actors)]
            params.update(self.dates(none=0.5))
            return _url(reverse("article_list"), params)
        if page == "thread":
            params = {}
            zoom = self.rng.choice(ZOOMS)
            if zoom:
                params["zoom"] = zoom
            params.update(self.dates(none=0.6))
            return _url(reverse("thread_detail", args=[self.rng.choice(self.threads)]), params)
        if page == "article":
            return reverse("article_detail", args=[self.rng.choice(self.articles)])
        if page == "actor":
            pool = self.actors if self.rng.random() < 0.6 else self.all_actors
            return reverse("actor_detail", args=[self.rng.choice(pool)])
        raise ValueError(page)

    def paths(self, page: str, n: int = PATHS_PER_PAGE) -> list[str]:
        return [self.path(page) for _ in range(n)]


def _url(base: str, params: dict[str, list[str] | str]) -> str:
    return f"{base}?{urllib.parse.urlencode(params, doseq=True)}" if params else base
