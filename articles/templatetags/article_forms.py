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

from typing import Any

from django import template
from django.template.context import Context
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe

from articles.cache import chrome
from articles.views.forms import CorrectionForm
from articles.views.pieces import csrf_token, cut, join, markers

register = template.Library()

TEMPLATE = "articles/_correction_form.html"


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
