"""The "add an actor" menu of the filter forms: the actors that occur, in both scripts.

The lexicon holds every country pycountry knows (Antarctica and Bouvet
Island included); analysts want the few dozen that articles name. Each
option carries both names, so the type-ahead (static/js/app.js) finds
«قطر» by "Qatar" and Qatar by «قطر», whatever the interface language.
"""

from __future__ import annotations

import html

from django.utils.safestring import SafeString, mark_safe

from articles.models import Actor

from . import labels


def _e(value: str) -> str:
    return html.escape(value, quote=True)


def actor_options_html() -> SafeString:
    """``<option>`` elements for the actors named in articles, by name in the active language.

    One read of the lexicon (a few hundred rows). A store filled around the
    workers (a bulk load) has no actor marked yet: then every actor is offered.
    """
    rows = list(Actor.objects.values_list("id", "name_ar", "name_en", "seen"))
    if any(seen for *_, seen in rows):
        rows = [r for r in rows if r[3]]
    index = 0 if labels.arabic() else 1
    items = sorted(
        ((pk, ar or en or pk, en or ar or pk) for pk, ar, en, _ in rows),
        key=lambda r: r[1 + index],
    )
    return mark_safe(  # every id and name escaped by _e()
        "".join(
            f'<option value="{_e(pk)}" data-ar="{_e(ar)}" data-en="{_e(en)}">'
            f"{_e((ar, en)[index])}</option>"
            for pk, ar, en in items
        )
    )
