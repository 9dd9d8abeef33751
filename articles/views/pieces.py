"""A template rendered once with markers where per-request values go, then joined per request.

Parts of the pages are the same for every reader of a kind but for a few
values: the CSRF token, the page's own address, an article's id in a
form's action. Rendered through the template engine on every request they
cost more than the page's own data. ``markers`` gives the template a
marker for each value (private-use characters: never escaped, never
typed), ``cut`` splits the rendered text at them, and ``join`` puts each
request's values in, escaped. Where the pieces are kept is
``articles.cache``'s business; the tags that use this say which lifetime.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from django.http import HttpRequest
from django.middleware.csrf import get_token
from django.template.context import Context
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe

_MARKS = re.compile("\ue000(\\w+)\ue001")


def csrf_token(context: Context, request: HttpRequest) -> str:
    """The request's CSRF token, masked once for every form of the page: the
    context's lazy one (the ``csrf`` context processor) where there is one."""
    token = context.get("csrf_token")
    return str(token) if token else get_token(request)


def markers(names: Iterable[str]) -> dict[str, str]:
    """What the template writes where each named value goes (``{{ hole.<name> }}``)."""
    return {name: f"\ue000{name}\ue001" for name in names}


def cut(html: str) -> tuple[str, ...]:
    """Rendered text cut at its markers: text, value name, text, …, text."""
    return tuple(_MARKS.split(html.strip()))


def join(pieces: tuple[str, ...], values: Mapping[str, Any]) -> SafeString:
    """The pieces with ``values`` in their places, each escaped (a safe string is kept)."""
    out = [
        piece if i % 2 == 0 else str(conditional_escape(values[piece]))
        for i, piece in enumerate(pieces)
    ]
    # The pieces were escaped by the template that rendered them, the values here.
    return mark_safe("".join(out))
