"""Article cards as HTML, built in Python: the list, search, home and timeline pages show
dozens of them per request.

A card is small and fixed in shape, and the template engine spent about a
millisecond on each (a quarter of a list page's time on a large archive);
building it with ``format_html`` costs a few hundredths of that. Every
piece of text goes through ``format_html``/``escape``; the only markup not
written here is the search highlight, which ``selectors.search`` builds
from escaped text and its own ``<mark>`` tags.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.utils import timezone
from django.utils.dateformat import format as format_date
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from articles.selectors.articles import Card


def _chips(card: Card) -> SafeString:
    if not (card.parties or card.mediators or card.topics):
        return mark_safe("")
    party, mediator, topic = _("Party"), _("Mediator"), _("Topic")
    actor_chip = (
        '<li><a class="chip {}" href="{}" title="{}">'
        '<span class="visually-hidden">{}: </span>{}</a></li>'
    )
    items = [
        format_html_join("", actor_chip, (("party", a["url"], party, party, a["name"]) for a in card.parties)),
        format_html_join("", actor_chip, (("mediator", a["url"], mediator, mediator, a["name"]) for a in card.mediators)),
        format_html_join(
            "",
            '<li><a class="chip topic" href="{}"><span class="visually-hidden">{}: </span>{}</a></li>',
            ((t["url"], topic, t["name"]) for t in card.topics),
        ),
    ]  # fmt: skip
    return format_html(
        '<ul class="chips" aria-label="{}">{}</ul>', _("Tags"), mark_safe("".join(items))
    )


def _meta(card: Card, show_thread: bool) -> SafeString:
    parts: list[str] = []
    if card.outlet:
        parts.append(format_html('<span class="outlet" dir="auto">{}</span>', card.outlet))
    if card.published_at:
        local = timezone.localtime(card.published_at)
        parts.append(
            format_html(
                '<time datetime="{}">{}</time>',
                format_date(local, "c"),
                format_date(local, "j N Y"),
            )
        )
    if show_thread and card.thread_key:
        parts.append(
            format_html(
                '<a class="thread-link" href="{}" dir="auto">{}</a>',
                card.thread_url,
                card.thread_name,
            )
        )
    if card.status == "pending":
        parts.append(format_html('<span class="badge">{}</span>', _("Pending")))
    elif card.status == "failed":
        parts.append(format_html('<span class="badge bad">{}</span>', _("Failed")))
    return mark_safe("\n".join(parts))


def card_html(card: Card, *, show_thread: bool = False) -> SafeString:
    """One card: headline link, outlet, date, thread, the key sentence or snippet, tag chips."""
    title = card.title_html or card.title or _("(untitled)")
    if card.snippet:
        body = format_html('<p class="snippet" dir="auto">{}</p>', card.snippet)
    elif card.key_sentence:
        body = format_html('<p class="key-sentence" dir="auto">{}</p>', card.key_sentence)
    else:
        body = mark_safe("")
    return format_html(
        '<article class="card" lang="{}"><header class="card-head">'
        '<h3 class="card-title" dir="auto"><a href="{}">{}</a></h3>'
        '<p class="meta">{}</p></header>{}{}</article>',
        card.lang or "ar",
        card.url,
        title,
        _meta(card, show_thread),
        body,
        _chips(card),
    )


def render_cards(cards: Iterable[Card], *, show_thread: bool = False) -> None:
    """Fill ``card.html`` for every card."""
    for card in cards:
        card.html = card_html(card, show_thread=show_thread)
