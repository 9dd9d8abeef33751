"""Cards rendered once and reused: a page of cards costs one cache round trip.

A card's HTML depends only on what it shows (title, date, outlet, names of
its actors and topics, snippet) and on the interface language, so the key
is a digest of exactly that: a correction, a renamed actor or another
language makes a new key, and nothing needs invalidating.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

from django.core.cache import cache
from django.template.loader import get_template
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from articles.selectors.articles import Card

CARD_TEMPLATE = "articles/_card.html"
CARD_TTL = 600


def _key(card: Card, language: str, show_thread: bool) -> str:
    shown = (
        card.id,
        card.title,
        card.published_at,
        card.outlet,
        card.lang,
        card.status,
        card.key_sentence,
        card.thread_key,
        card.thread_name,
        card.parties,
        card.mediators,
        card.topics,
        str(card.snippet),
        str(card.title_html),
    )
    digest = hashlib.sha1(repr(shown).encode("utf-8")).hexdigest()
    return f"card:{language}:{int(show_thread)}:{digest}"


def render_cards(cards: Iterable[Card], *, show_thread: bool = False) -> None:
    """Fill ``card.html`` for every card, rendering only those not cached."""
    cards = list(cards)
    if not cards:
        return
    language = get_language() or "ar"
    keys = [_key(card, language, show_thread) for card in cards]
    found = cache.get_many(keys)
    template = get_template(CARD_TEMPLATE)
    fresh: dict[str, str] = {}
    for card, key in zip(cards, keys, strict=True):
        html = found.get(key)
        if html is None:
            html = template.render({"card": card, "show_thread": show_thread})
            fresh[key] = html
        card.html = mark_safe(html)  # rendered by our own template, escaping applied there
    if fresh:
        cache.set_many(fresh, CARD_TTL)


def cards_html(cards: Iterable[Card]) -> SafeString:
    """The cards' HTML joined, for templates that show a plain run of cards."""
    return mark_safe("".join(card.html for card in cards))
