"""Article cards as HTML, built in Python: the list, search, home and timeline pages show
dozens of them per request.

A card is small and fixed in shape, and the template engine spent about a
millisecond on each (a quarter of a list page's time on a large archive).
Here it is a few string joins: interface words are translated once per
page, dates formatted once per day shown, and every piece of text goes
through ``html.escape`` unless it is already safe HTML (the search
highlights, built by ``selectors.search`` from escaped text and its own
``<mark>`` tags).
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, tzinfo

from django.urls import get_script_prefix
from django.utils import timezone
from django.utils.safestring import SafeData, SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from articles.selectors.cards import Card
from articles.selectors.labels import link

from ._days import day_label


def _e(value: object) -> str:
    """Text as HTML: escaped, unless it already is safe HTML."""
    if isinstance(value, SafeData):
        return str(value)
    return html.escape(str(value), quote=True)


@dataclass(frozen=True)
class _Words:
    """The interface language and the words a card uses in it."""

    language: str
    script_prefix: str
    tz: tzinfo
    party: str
    mediator: str
    topic: str
    tags: str
    pending: str
    failed: str
    untitled: str
    # Markup already written for this page's cards, by what it shows: a page's cards
    # share a few actors, topics and days (a thread's two sides on every card).
    written: dict[tuple[str, ...], str] = field(default_factory=dict, compare=False)

    @classmethod
    def current(cls) -> _Words:
        return cls(
            get_language() or "ar",
            get_script_prefix(),
            timezone.get_current_timezone(),
            *(
                _e(w)
                for w in (
                    _("Party"),
                    _("Mediator"),
                    _("Topic"),
                    _("Tags"),
                    _("Pending"),
                    _("Failed"),
                    _("(untitled)"),
                )
            ),
        )


def _chip(kind: str, label: str, url: str, name: str, w: _Words) -> str:
    key = (kind, url, name)
    chip = w.written.get(key)
    if chip is None:
        title = f' title="{label}"' if kind != "topic" else ""
        chip = w.written[key] = (
            f'<li><a class="chip {kind}" href="{_e(url)}"{title}>'
            f'<span class="visually-hidden">{label}: </span>{_e(name)}</a></li>'
        )
    return chip


def _chips(card: Card, w: _Words) -> str:
    if not (card.parties or card.mediators or card.topics):
        return ""
    items = [
        _chip(kind, label, a["url"], a["name"], w)
        for kind, label, actors in (
            ("party", w.party, card.parties),
            ("mediator", w.mediator, card.mediators),
            ("topic", w.topic, card.topics),
        )
        for a in actors
    ]
    return f'<ul class="chips" aria-label="{w.tags}">{"".join(items)}</ul>'


def _time(local: datetime, w: _Words) -> str:
    day = local.date()
    key = ("day", day.isoformat())
    label = w.written.get(key)
    if label is None:
        label = w.written[key] = _e(day_label(day))
    return f'<time datetime="{local.isoformat()}">{label}</time>'


def _meta(card: Card, show_thread: bool, w: _Words) -> str:
    parts: list[str] = []
    if card.outlet:
        parts.append(f'<span class="outlet" dir="auto">{_e(card.outlet)}</span>')
    if card.published_at:
        parts.append(_time(card.published_at.astimezone(w.tz), w))
    if show_thread and card.thread_key:
        parts.append(
            f'<a class="thread-link" href="{_e(link("thread", card.thread_key, w.script_prefix))}" dir="auto">'
            f"{_e(card.thread_name)}</a>"
        )
    if card.status == "pending":
        parts.append(f'<span class="badge">{w.pending}</span>')
    elif card.status == "failed":
        parts.append(f'<span class="badge bad">{w.failed}</span>')
    return "\n".join(parts)


def card_html(card: Card, *, show_thread: bool, w: _Words) -> SafeString:
    """One card: headline link, outlet, date, thread, the key sentence or snippet, tag chips."""
    title = (
        _e(card.title_html) if card.title_html else (_e(card.title) if card.title else w.untitled)
    )
    if card.snippet:
        body = f'<p class="snippet" dir="auto">{_e(card.snippet)}</p>'
    elif card.key_sentence:
        body = f'<p class="key-sentence" dir="auto">{_e(card.key_sentence)}</p>'
    else:
        body = ""
    return mark_safe(  # every piece of text above went through _e()
        f'<article class="card" lang="{_e(card.lang or "ar")}"><header class="card-head">'
        f'<h3 class="card-title" dir="auto"><a href="{_e(link("article", card.id, w.script_prefix))}">{title}</a></h3>'
        f'<p class="meta">{_meta(card, show_thread, w)}</p></header>'
        f"{body}{_chips(card, w)}</article>"
    )


def render_cards(cards: Iterable[Card], *, show_thread: bool = False) -> None:
    """Fill ``card.html`` for every card."""
    words = _Words.current()
    for card in cards:
        card.html = card_html(card, show_thread=show_thread, w=words)
