"""Display names for actor, topic, source and thread ids in the active language.

The lexicon, the outlets and the threads are small (hundreds of rows) and
change rarely, so each is read whole and cached for a few minutes: pages
then turn ids into names with no query and no join per row. The shared
cache is fronted by a per-process copy (``_cache.local``) because a page
asks for the same names several times.
"""

from __future__ import annotations

import hashlib
import html
from functools import lru_cache
from typing import Any
from urllib.parse import quote

from django.urls import get_script_prefix, reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from articles.cache import cached, local
from articles.models import Actor, Source, Thread, Topic


def arabic() -> bool:
    """Whether the active language is Arabic (the default when none is active)."""
    return (get_language() or "ar").startswith("ar")


def names_of(pk: object, ar: str, en: str) -> tuple[str, str]:
    """The Arabic and English names shown for a row: the other language's, then the id,
    where one is missing."""
    return (ar or en or str(pk), en or ar or str(pk))


def _names(model: type, namespace: str) -> dict[str, tuple[str, str]]:
    def load() -> dict[str, tuple[str, str]]:
        return {
            str(pk): names_of(pk, ar, en)
            for pk, ar, en in model.objects.values_list("pk", "name_ar", "name_en")
        }

    return cached(namespace, "all", load, "labels")


def _by_language(model: type, namespace: str) -> dict[str, str]:
    index = 0 if arabic() else 1

    def split() -> dict[str, str]:
        return {k: v[index] for k, v in _names(model, namespace).items()}

    return local(f"{namespace}:{index}", split)


def actor_names() -> dict[str, str]:
    """Actor id → name in the active language (falls back to the id)."""
    return _by_language(Actor, "actor-names")


def actor_names_version() -> str:
    """A digest of the actor names and of which actors occur, so HTML cached from them
    follows a rename or a newly named actor."""
    index = 0 if arabic() else 1

    def digest() -> str:
        names = sorted(actor_names().items())
        return hashlib.sha1(repr((names, sorted(seen_actor_ids()))).encode()).hexdigest()[:16]

    return local(f"actor-names-version:{index}", digest)


def seen_actor_ids() -> frozenset[str]:
    """Ids of the actors some article names (``Actor.seen``), read like the names."""

    def load() -> frozenset[str]:
        return frozenset(Actor.objects.filter(seen=True).values_list("pk", flat=True))

    return local("actors-seen", lambda: cached("actors-seen", "all", load, "labels"))


def actor_options_html() -> SafeString:
    """``<option>`` elements for the actors articles name, by name, for the "add an actor" menus.

    The lexicon holds every country pycountry knows (Antarctica included);
    analysts want the few dozen that articles name. Each option carries
    both names, so the type-ahead (static/js/app.js) finds «قطر» by "Qatar"
    and Qatar by «قطر» in either interface language. A store filled around
    the workers (a bulk load) has no actor marked yet: then every actor is
    offered. Built once per process, language and set of names, not per
    request.
    """
    version = actor_names_version()

    def build() -> SafeString:
        both = _names(Actor, "actor-names")
        index = 0 if arabic() else 1
        ids = seen_actor_ids() & both.keys() or both.keys()
        rows = sorted(ids, key=lambda i: both[i][index])
        return mark_safe(  # ids and names escaped here
            "".join(
                f'<option value="{html.escape(i)}" data-ar="{html.escape(both[i][0])}" '
                f'data-en="{html.escape(both[i][1])}">{html.escape(both[i][index])}</option>'
                for i in rows
            )
        )

    return local(f"actor-options:{version}", build)


def topic_names() -> dict[str, str]:
    """Topic id → name in the active language."""
    return _by_language(Topic, "topic-names")


def label_list(
    ids: list[str] | None,
    names: dict[str, str],
    *,
    link: str = "actor",
    script_prefix: str | None = None,
) -> list[dict[str, str]]:
    """``[{"id", "name", "url"}]`` for a tag array, keeping its order.

    ``link`` says where a chip leads: the actor page, or the list filtered
    by the topic. URLs are built from a prefix reversed once, not per chip;
    a caller building many lists passes the request's ``script_prefix``
    once instead of having it looked up per list.
    """
    prefix = script_prefix if script_prefix is not None else get_script_prefix()
    return [{"id": i, "name": names.get(i, i), "url": _url(link, i, prefix)} for i in ids or []]


def link(kind: str, value: object, script_prefix: str | None = None) -> str:
    """The URL of an actor, article or thread page, or of the list by a topic.

    Cards link to several of these each; ``reverse`` per link was a tenth
    of a list page's time, so the URL is built from a prefix reversed once
    per process, and each URL kept for reuse.
    """
    return _url(
        kind, str(value), script_prefix if script_prefix is not None else get_script_prefix()
    )


@lru_cache(maxsize=8192)
def _url(kind: str, value: str, script_prefix: str) -> str:
    prefix, suffix = _link_parts(kind, script_prefix)
    return f"{prefix}{quote(value, safe='')}{suffix}"


@lru_cache(maxsize=32)
def _link_parts(kind: str, script_prefix: str) -> tuple[str, str]:  # noqa: ARG001 (keys the cache)
    if kind == "topic":
        return reverse("article_list") + "?topic=", ""
    view = {"actor": "actor_detail", "article": "article_detail", "thread": "thread_detail"}[kind]
    marker = "999999999" if kind == "article" else "__id__"  # the article URL takes digits only
    prefix, suffix = reverse(view, args=[marker]).split(marker)
    return prefix, suffix


def thread_name(thread: Thread | None) -> str:
    """A thread's name in the active language."""
    if thread is None:
        return ""
    if arabic():
        return thread.name_ar or thread.name_en or thread.key
    return thread.name_en or thread.name_ar or thread.key


def _threads() -> dict[int, tuple[str, str, str]]:
    def load() -> dict[int, tuple[str, str, str]]:
        return {
            pk: (key, ar or en or key, en or ar or key)
            for pk, key, ar, en in Thread.objects.values_list("pk", "key", "name_ar", "name_en")
        }

    return local("threads", lambda: cached("thread-labels", "all", load, "labels"))


def all_thread_labels() -> dict[int, tuple[str, str]]:
    """Every thread id → (key, name in the active language), for cards and facets."""
    index = 1 if arabic() else 2

    def split() -> dict[int, tuple[str, str]]:
        return {pk: (row[0], row[index]) for pk, row in _threads().items()}

    return local(f"thread-labels:{index}", split)


def thread_labels(ids: list[int]) -> dict[int, tuple[str, str]]:
    """Thread id → (key, name) for a handful of ids (facet rows)."""
    known = all_thread_labels()
    return {pk: known[pk] for pk in ids if pk in known}


def source_name(source: Source | None, publisher: str = "") -> str:
    """The outlet as analysts know it: display name, else upload name, else publisher."""
    if source is not None:
        return source.display_name or source.name
    return publisher


def all_source_names() -> dict[int, str]:
    """Every outlet id → display name (outlets number in the hundreds)."""

    def load() -> dict[int, str]:
        return {
            pk: display or name
            for pk, name, display in Source.objects.values_list("pk", "name", "display_name")
        }

    return local("sources", lambda: cached("source-names", "all", load, "labels"))


def source_names(ids: list[int]) -> dict[int, str]:
    """Source id → display name for a handful of ids (facet rows)."""
    known = all_source_names()
    missing = [pk for pk in ids if pk not in known]
    out = {pk: known[pk] for pk in ids if pk in known}
    if missing:  # an outlet created since the names were cached
        out.update(
            (pk, display or name)
            for pk, name, display in Source.objects.filter(pk__in=missing).values_list(
                "pk", "name", "display_name"
            )
        )
    return out


def outlet(source_id: int | None, publisher: str = "", names: dict[int, str] | None = None) -> str:
    """The outlet name of a card row from the cached outlet names.

    A caller naming many rows passes ``all_source_names()`` once as ``names``.
    """
    if source_id is None:
        return publisher
    name = (names if names is not None else all_source_names()).get(source_id)
    if name is None:
        name = source_names([source_id]).get(source_id, publisher)
    return name


def thread_label(thread_id: int | None) -> tuple[str, str]:
    """(key, name) of a card row's thread, or empty strings."""
    if thread_id is None:
        return "", ""
    label = all_thread_labels().get(thread_id)
    if label is None:  # created since the labels were cached
        thread = Thread.objects.filter(pk=thread_id).only("key", "name_ar", "name_en").first()
        label = (thread.key, thread_name(thread)) if thread else ("", "")
    return label


def everything() -> dict[str, Any]:
    """The names a page of cards needs, fetched once per page."""
    return {
        "actors": actor_names(),
        "topics": topic_names(),
        "threads": all_thread_labels(),
        "sources": all_source_names(),
    }
