"""The filter panel: selected values merged with facet counts, ready for the template.

The option lists (actors, topics, moves, thread, outlet) are joined here as
markup; the rest of the form is rendered once per kind of form
(``templatetags.filter_form``).
"""

from __future__ import annotations

from typing import Any

from django.utils.safestring import SafeString, mark_safe

from articles.filters import ArticleFilter
from articles.models import EventType, Source, Thread
from articles.selectors import labels

from ._cards import _e


def _selected(flt: ArticleFilter, name: str) -> list[str]:
    data = getattr(flt.form, "cleaned_data", None) or {}
    value = data.get(name)
    if value in (None, ""):
        return []
    return [str(v) for v in value] if isinstance(value, list) else [str(value)]


def _options(
    selected: list[str], facet: list[dict[str, Any]], names: dict[str, str]
) -> list[dict[str, Any]]:
    """Facet rows plus selected values that the facet did not list (count unknown)."""
    seen = {row["value"] for row in facet}
    rows = [{**row, "checked": row["value"] in selected} for row in facet]
    rows += [
        {"value": v, "name": names.get(v, v), "count": None, "checked": True}
        for v in selected
        if v not in seen
    ]
    return sorted(rows, key=lambda r: (not r["checked"], -(r["count"] or 0)))


def filter_panel(
    flt: ArticleFilter, facets: dict[str, Any] | None = None, *, hide_thread: bool = False
) -> dict[str, Any]:
    """Everything the filter form needs: options with counts and which are chosen.

    ``items`` holds the option lists as markup for ``{% filter_form %}``;
    the thread page leaves its thread choice out (``hide_thread``).
    """
    facets = facets or {}
    actor_names = labels.actor_names()
    topic_names = labels.topic_names()
    actors = _selected(flt, "actor")
    topics = _selected(flt, "topic")
    events = _selected(flt, "event")
    threads = _selected(flt, "thread")
    sources = _selected(flt, "source")
    sources = [s.split(".")[0] for s in sources]  # NumberFilter cleans to Decimal
    thread_names = (
        {t.key: labels.thread_name(t) for t in Thread.objects.filter(key__in=threads)}
        if threads
        else {}
    )
    source_names = (
        {
            str(s.pk): str(s)
            for s in Source.objects.filter(pk__in=[int(s) for s in sources if s.isdecimal()])
        }
        if sources
        else {}
    )
    topic_facet = {row["value"]: row["count"] for row in facets.get("topic", [])}
    panel = {
        "actors": _options(actors, facets.get("actor", []), actor_names),
        "actor_options": labels.actor_options_html(),
        "topics": sorted(
            (
                {"value": k, "name": v, "count": topic_facet.get(k), "checked": k in topics}
                for k, v in topic_names.items()
            ),
            key=lambda r: (not r["checked"], -(r["count"] or 0), r["name"]),
        ),
        # The twelve moves in the contract's order: a short, fixed list.
        "events": [
            {"value": value, "name": str(label), "checked": value in events}
            for value, label in EventType.choices
        ],
        "threads": _options(threads, facets.get("thread", []), thread_names),
        "sources": _options(sources, facets.get("source", []), source_names),
        "langs": {row["value"]: row["count"] for row in facets.get("lang", [])},
        "mode": _selected(flt, "actor_mode")[:1] or ["any"],
        "role": (_selected(flt, "role") or [""])[0],
        "lang": (_selected(flt, "lang") or [""])[0],
        "q": (_selected(flt, "q") or [""])[0],
        "date_from": (_selected(flt, "date_from") or [""])[0],
        "date_to": (_selected(flt, "date_to") or [""])[0],
    }
    panel["hide_thread"] = hide_thread
    # The option lists are joined here, not looped in the template: a hundred
    # options or more, most of the form's rendering.
    panel["items"] = {
        "actors": _checks("actor", panel["actors"]),
        "topics": _checks("topic", panel["topics"]),
        "events": _checks("event", panel["events"], counted=False),
        "threads": _choices(panel["threads"]) if not hide_thread else "",
        "sources": _choices(panel["sources"]),
    }
    return panel


def _checks(name: str, rows: list[dict[str, Any]], *, counted: bool = True) -> SafeString:
    """Checkbox list items, each on a line of its own as the form lays them out."""
    out = []
    for o in rows:
        checked = "checked" if o["checked"] else ""
        if counted:
            count = o.get("count")
            label = f'<span dir="auto">{_e(o["name"])}</span>' + (
                f' <span class="count">{_e(count)}</span>' if count is not None else ""
            )
        else:
            label = _e(o["name"])
        out.append(
            f'\n      <li><label><input type="checkbox" name="{name}" value="{_e(o["value"])}" '
            f"{checked}> {label}</label></li>\n      "
        )
    return mark_safe("".join(out))  # every value above went through _e()


def _choices(rows: list[dict[str, Any]]) -> SafeString:
    """``<option>`` elements of a select, with their counts."""
    out = []
    for o in rows:
        selected = "selected" if o["checked"] else ""
        count = o.get("count")
        shown = f" ({_e(count)})" if count is not None else ""
        out.append(f'<option value="{_e(o["value"])}" {selected}>{_e(o["name"])}{shown}</option>')
    return mark_safe("".join(out))  # every value above went through _e()
