"""``{% correction_form article form choices %}``: the article page's tag correction form.

Unbound, the form is the same on every article for every analyst of a
language (its menus list every actor, topic and recent thread) but for the
article's address in its action and the CSRF token. Built and rendered on
every page it was the article page's largest part, so it is rendered once
per version of the menus (``selectors.article_page.correction_choices``,
whose ``stamp`` changes when they are read again) and joined with each
request's values (``views.pieces``). A submission with errors is rendered
as it came, with its values and its errors.
"""

from __future__ import annotations

import html
from typing import Any

from django import template
from django.template.context import Context
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe

from articles.cache import chrome
from articles.views.event_forms import SLOTS, AddMove, EventCorrectionForm
from articles.views.forms import CorrectionForm, joined_options
from articles.views.pieces import csrf_token, cut, join, markers

register = template.Library()

TEMPLATE = "articles/_correction_form.html"
ADD_MOVE_TEMPLATE = "articles/_add_move_form.html"


@register.simple_tag(takes_context=True)
def correction_form(
    context: Context, article: Any, form: CorrectionForm | str, choices: dict[str, Any]
) -> SafeString:
    """The form for ``article``: ``form`` is a submission to show again, or nothing
    (the template's empty string) for a new one."""
    values = {
        "csrf": csrf_token(context, context["request"]),
        "action": reverse("article_correct", args=[article.pk]),
    }
    if isinstance(form, CorrectionForm):
        # Rendered by the template, which escaped it.
        return mark_safe(render_to_string(TEMPLATE, {"form": form, "hole": values}).strip())

    def render() -> tuple[str, ...]:
        unbound = CorrectionForm(choices=choices)
        return cut(render_to_string(TEMPLATE, {"form": unbound, "hole": markers(values)}))

    pieces = chrome(f"correction-form:{choices['stamp']}", render, lifetime="local")
    return join(pieces, values)


@register.simple_tag(takes_context=True)
def add_move_form(context: Context, article: Any, add: AddMove) -> SafeString:
    """The "add a missed move" form for ``article``: the same for every article of a
    language but for its action, its sentence menu and its actors' slots, so it is
    rendered once per language and whether there are slots, and joined with those.

    The page shows it unbound only: a submission with errors goes back to the
    page with its messages (``views.article_events``).
    """
    values = {
        "csrf": csrf_token(context, context["request"]),
        "action": reverse("article_event_correct", args=[article.pk]),
        "sentences": mark_safe(  # escaped by joined_options()
            joined_options([("", "—"), *((f"{s}:{e}", text) for s, e, text in add.sentences)])
        ),
        "slots": _slots(add.actors),
    }
    kind = bool(add.actors)

    def render() -> tuple[str, ...]:
        form = EventCorrectionForm(sentences=[], actors=[])
        holes = markers(values)
        form.fields["sentence"].widget.options_html = holes["sentences"]
        context = {"form": form, "has_slots": kind, "hole": holes}
        return cut(render_to_string(ADD_MOVE_TEMPLATE, context))

    return join(chrome(f"add-move-form:{kind}", render), values)


def _slots(actors: list[tuple[str, str]]) -> SafeString:
    """One menu of ``SLOTS`` per actor, as ``EventCorrectionForm`` names its fields."""
    if not actors:
        return mark_safe("")
    options = chrome("add-move-slots", lambda: joined_options(SLOTS))
    parts = []
    for actor_id, name in actors:
        field = html.escape(f"slot_{actor_id}")
        parts.append(
            f'<div class="slot"><label for="id_{field}" dir="auto">{html.escape(name)}</label>'
            f'<select name="{field}" id="id_{field}">{options}</select></div>'
        )
    return mark_safe("".join(parts))  # every name and id escaped above
