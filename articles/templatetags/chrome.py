"""Parts of the pages that are the same for every reader of a kind, rendered once per kind.

``{% site_header %}`` (every page) and ``{% save_watchlist_form %}`` (the
list and the timeline) are the same for every reader who shares a
language, the same permissions and the same section of the site; only a
handful of values differ from one request to the next: the CSRF token, the
page's own address (forms return to it), the words of a search, the
reader's name and unread alerts. Through the template engine the header
alone, with its eleven links, took about a millisecond of CPU on every
page, a sixth of a list page's. So each template is rendered once per kind
of reader with a marker where each of those values goes, cut at the
markers and kept in the process memo (``articles.cache.chrome``); a
request joins the pieces with its own values, escaped. ``{% site_styles %}``
(the stylesheets' links) is the same for everyone until a deployment.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import template
from django.http import HttpRequest
from django.template.context import Context
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, ngettext

from articles.cache import chrome
from articles.permissions import UPLOAD, VIEW_SOURCES, can
from articles.views.pieces import csrf_token, cut, join, markers

register = template.Library()

# What differs per request in the header; the template writes ``{{ hole.<name> }}`` there.
HOLES = ("csrf", "next", "q", "user", "bell")

# The header's links by the name the template uses → the URL pattern's name.
LINKS = {
    "home": "home",
    "threads": "thread_list",
    "articles": "article_list",
    "search": "search",
    "watchlists": "watchlist_list",
    "upload": "upload",
    "sources": "source_list",
    "set_language": "set_language",
    "notifications": "notification_list",
    "logout": "logout",
    "api_token": "api_token",
}
# The sections a page belongs to (the link marked ``aria-current``): exact pages, then prefixes.
_EXACT = ("home", "search", "watchlists")
_PREFIXES = ("threads", "articles")


def _urls() -> dict[str, str]:
    return {name: reverse(pattern) for name, pattern in LINKS.items()}


def section(path: str, urls: dict[str, str]) -> str:
    """The header link a page of ``path`` is under, or "" for none."""
    for name in _EXACT:
        if path == urls[name]:
            return name
    for name in _PREFIXES:
        if path.startswith(urls[name]):
            return name
    return ""


def joined(
    template_name: str,
    kind: dict[str, Any],
    values: dict[str, Any],
    extra: Callable[[], dict[str, Any]] | None = None,
) -> SafeString:
    """The template rendered for ``kind`` (on the kind's first request, ``views.pieces``),
    joined with this request's ``values``; ``extra`` gives the rest of that first
    render's context."""
    state = template_name + ":" + "|".join(f"{k}={v}" for k, v in kind.items())

    def render() -> tuple[str, ...]:
        context = {
            **(extra() if extra is not None else {}),
            **kind,
            "LANGUAGE_CODE": get_language(),
            "hole": markers(values),
        }
        return cut(render_to_string(template_name, context))

    return join(chrome(state, render), values)


def _with_urls() -> dict[str, Any]:
    return {"urls": chrome("urls", _urls)}


def _bell(count: int) -> SafeString:
    label = ngettext("%(n)s unread", "%(n)s unread", count) % {"n": count}
    return format_html(
        '<span class="bell-count{}" aria-label="{}">{}</span>',
        "" if count else " zero",
        label,
        count,
    )


def _values(context: Context, request: HttpRequest | None, user: Any) -> dict[str, Any]:
    if request is None:
        return dict.fromkeys(HOLES, "")
    match = request.resolver_match
    on_search = match is not None and match.url_name == "search"
    values = {
        "csrf": csrf_token(context, request),
        "next": request.get_full_path(),
        "q": request.GET.get("q", "") if on_search else "",
        "user": "",
        "bell": "",
    }
    if user is not None and user.is_authenticated:
        unread = context.get("unread_alerts")
        values["user"] = user.get_username()
        values["bell"] = _bell(int((unread() if callable(unread) else unread) or 0))
    return values


@register.simple_tag
def site_styles() -> SafeString:
    """The stylesheets' links: their hashed names are fixed until the next deployment."""
    # Rendered by the template, which escaped it.
    return mark_safe(chrome("styles", lambda: render_to_string("_site_styles.html").strip()))


@register.simple_tag(takes_context=True)
def site_header(context: Context) -> SafeString:
    request: HttpRequest | None = context.get("request")
    user = getattr(request, "user", None)
    signed_in = bool(user is not None and user.is_authenticated)
    urls = chrome("urls", _urls)
    kind = {
        "signed_in": signed_in,
        "can_upload": signed_in and can(user, UPLOAD),
        "can_see_sources": signed_in and can(user, VIEW_SOURCES),
        "section": section(request.path, urls) if request is not None else "",
    }
    return joined("_site_header.html", kind, _values(context, request, user), _with_urls)


@register.simple_tag(takes_context=True)
def save_watchlist_form(context: Context, query: str) -> SafeString:
    """The form that saves ``query`` (the page's filters) as a watchlist, or into the
    watchlist the page was opened from (``?watchlist=``)."""
    request: HttpRequest = context["request"]
    watchlist = request.GET.get("watchlist", "")
    values = {
        "csrf": csrf_token(context, request),
        "next": request.get_full_path(),
        "query": query,
        "watchlist": watchlist,
    }
    return joined("alerts/_save_watchlist.html", {"into_watchlist": bool(watchlist)}, values)
