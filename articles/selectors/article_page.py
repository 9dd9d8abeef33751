"""One article's page: the text with its mentions, its story's other copies, corrections."""

from __future__ import annotations

import itertools
from typing import Any

from articles.cache import local
from articles.models import Article, Carriage, Correction, Event, EventCorrection

from . import labels
from .cards import Card, card_row, card_rows, to_cards

CARRIAGES_SHOWN = 100


def mention_segments(
    text: str, mentions: list[dict[str, Any]], roles: dict[str, str]
) -> list[dict[str, str]]:
    """Split ``text`` into plain and mention segments for the template to escape and link.

    Offsets come from the tagger; any that fall outside the text, are not
    integers or overlap an earlier mention are skipped rather than trusted.
    """
    names = labels.actor_names()
    spans = []
    for m in mentions or []:
        try:
            start, end, actor = int(m["start"]), int(m["end"]), str(m["actor"])
        except (KeyError, TypeError, ValueError):
            continue
        if 0 <= start < end <= len(text) and actor and "/" not in actor:
            spans.append((start, end, actor))
    spans.sort()
    out: list[dict[str, str]] = []
    pos = 0
    for start, end, actor in spans:
        if start < pos:
            continue
        if start > pos:
            out.append({"text": text[pos:start]})
        out.append(
            {
                "text": text[start:end],
                "actor": actor,
                "role": roles.get(actor, "mentioned"),
                "name": names.get(actor, actor),
                "url": labels.link("actor", actor),
            }
        )
        pos = end
    if pos < len(text):
        out.append({"text": text[pos:]})
    return out


# The article row without its search and de-duplication columns, and whether
# it has the rows its page lists below the text: most articles have no
# further outlet, correction or corrected move, and a page then sends no
# statement for them.
_DEFERRED = {"search_text", "search_vector", "title_vector", "minhash"}
_FLAGS = {
    "has_carriages": Carriage,
    "has_corrections": Correction,
    "has_events": Event,
    "has_event_corrections": EventCorrection,
}
_ARTICLE_SQL = (
    "SELECT "
    + ", ".join(f'a."{f.column}"' for f in Article._meta.concrete_fields if f.name not in _DEFERRED)
    + "".join(
        f', EXISTS (SELECT 1 FROM "{model._meta.db_table}" r WHERE r.article_id = a.id) AS {flag}'
        for flag, model in _FLAGS.items()
    )
    + f' FROM "{Article._meta.db_table}" a WHERE a.id = %s'
)


def get_article(pk: int) -> Article | None:
    """The full article row, without its search and de-duplication columns, with flags
    ``has_carriages``, ``has_corrections``, ``has_events``, ``has_event_corrections``.

    No joins: the page names the outlet and the thread from the cached
    labels (``to_cards``), and the joined rows cost more to build than the
    article row itself. The statement is written once: compiling the
    queryset cost more than running it.
    """
    return next(iter(Article.objects.raw(_ARTICLE_SQL, [pk])), None)


def article_detail(article: Article) -> dict[str, Any]:
    """Everything the article page shows besides forms."""
    roles = {a: "mentioned" for a in article.actors}
    roles.update({a: "mediator" for a in article.mediators})
    roles.update({a: "party" for a in article.parties})  # a party in any talk reads as a party
    [card] = to_cards([card_row(article)])
    carriages = (
        list(
            article.carriages.select_related("source").order_by("published_at", "id")[
                :CARRIAGES_SHOWN
            ]
        )
        if getattr(article, "has_carriages", True)
        else []
    )
    siblings: list[Card] = []
    if article.cluster_id:
        siblings = to_cards(
            card_rows(
                Article.objects.filter(cluster_id=article.cluster_id).exclude(pk=article.pk)
            ).order_by("published_at", "id")[:30]
        )
    corrections = (
        list(
            # The page shows the actor's and the topic's ids only: no join for them.
            article.corrections.select_related("thread", "created_by").order_by("-created_at")[:20]
        )
        if getattr(article, "has_corrections", True)
        else []
    )
    actors = labels.actor_names()
    persons = [
        {
            "name": p.get("name", ""),
            "affiliation": p.get("affiliation") or "",
            "affiliation_name": actors.get(p.get("affiliation") or "", ""),
            "affiliation_url": labels.link("actor", p["affiliation"])
            if p.get("affiliation")
            else "",
        }
        for p in (article.persons or [])
        if isinstance(p, dict)
    ]
    return {
        "article": article,
        "card": card,
        "segments": mention_segments(article.text, article.mentions, roles),
        "siblings": siblings,
        "carriages": carriages,
        "outlet_count": (1 if article.source_id else 0) + _carriage_count(article, carriages),
        "corrections": corrections,
        "persons": persons,
    }


def _carriage_count(article: Article, shown: list[Any]) -> int:
    """All carriages of the article: the shown ones unless the page's limit cut them."""
    if len(shown) < CARRIAGES_SHOWN:
        return len(shown)
    return article.carriages.count()


def correction_choices() -> dict[str, Any]:
    """Options for the correction form: actors, topics and recent threads.

    The same for every article and reader of a language, so they are read
    and sorted once per process for the labels' local lifetime, not per
    page: the form may keep what it builds from them on the returned
    dictionary (see ``views.forms.CorrectionForm``), and ``stamp`` names
    this reading, so what is rendered from it is renewed with it
    (``templatetags.article_forms``).
    """
    language = "ar" if labels.arabic() else "en"
    return local(f"correction-choices:{language}", _correction_choices)


_STAMPS = itertools.count(1)


def _correction_choices() -> dict[str, Any]:
    actors = labels.actor_names()
    topics = labels.topic_names()
    from articles.models import Thread

    threads = [
        (t.pk, labels.thread_name(t))
        for t in Thread.objects.filter(merged_into__isnull=True)
        .only("pk", "key", "name_ar", "name_en")
        .order_by("-last_date", "name_en")[:300]
    ]
    return {
        "stamp": next(_STAMPS),
        "actors": sorted(actors.items(), key=lambda kv: kv[1]),
        "topics": sorted(topics.items(), key=lambda kv: kv[1]),
        "threads": threads,
    }
