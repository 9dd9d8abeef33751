"""``{% filter_form panel action %}``: the filter form, rendered once per kind of form.

The form (words, options, dates) is the larger part of the list, search
and timeline pages' markup, and through the template engine it cost a
tenth of such a page's CPU: a score of translated labels, the role and
language menus, the fieldsets. Only a few things differ from one request
to the next: the words and dates typed, the option lists with their
counts (already joined in Python, ``views._filters``), the page it
submits to. The rest depends on a handful of choices (the role, the
language, any or all actors, whether actors are chosen, the thread menu,
the zoom kept), so it is rendered once per such kind and language, with
markers where the request's values go (``templatetags.chrome.joined``).
"""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.safestring import SafeString

from .chrome import joined

register = template.Library()


@register.simple_tag
def filter_form(panel: dict[str, Any], action: str, keep_zoom: str = "") -> SafeString:
    """The form of ``panel`` (``views._filters.filter_panel``) submitting to ``action``;
    ``keep_zoom`` is the timeline zoom a submission keeps."""
    # Validated choices and flags only, never what a URL brings unchecked: a few
    # hundred kinds at most, so the pieces kept per process stay bounded.
    kind = {
        "has_actors": bool(panel["actors"]),
        "mode": panel["mode"][0],
        "role": panel["role"],
        "lang": panel["lang"],
        "hide_thread": panel["hide_thread"],
        "keep_zoom": bool(keep_zoom),
    }
    langs = panel["langs"]
    values = {
        "action": action,
        "zoom": keep_zoom,
        "q": panel["q"],
        "date_from": panel["date_from"],
        "date_to": panel["date_to"],
        "actor_options": panel["actor_options"],
        **panel["items"],
        "ar_count": f" ({langs['ar']})" if langs.get("ar") else "",
        "en_count": f" ({langs['en']})" if langs.get("en") else "",
    }
    return joined("articles/_filters.html", kind, values)
