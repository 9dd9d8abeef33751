"""The story's moves and role history as HTML, built in Python: the thread page shows
them on every request.

Like the article cards (``views._cards``), a move or a role line is small
and fixed in shape, and the template engine spent most of the story's
time on them. Every piece of text goes through ``_e``; interface words are
translated once per list.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.utils.dateformat import format as format_date
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from articles.selectors.events import Move
from articles.selectors.role_history import ActorRoles, Span

from ._cards import _e
from ._days import day_label


@dataclass(frozen=True)
class _Words:
    language: str
    planned: str
    corrected: str
    single: str
    according: str
    via: str
    toward: str
    milestone: str
    nothing: str

    @classmethod
    def current(cls) -> _Words:
        return cls(
            get_language() or "ar",
            *(
                _e(w)
                for w in (
                    _("Planned"),
                    _("Corrected by an analyst"),
                    _("Single source"),
                    _("according to"),
                    _("via"),
                    _("toward"),
                    _("Milestone"),
                    _("No moves here."),
                )
            ),
        )


def _time(day: dt.date, fmt: str | None = None) -> str:
    text = format_date(day, fmt) if fmt else day_label(day)
    return f'<time datetime="{day.isoformat()}">{_e(text)}</time>'


def _chips(actors: list[dict[str, str]], kind: str = "") -> str:
    css = f"chip {kind}".strip()
    return " ".join(f'<a class="{css}" href="{_e(a["url"])}">{_e(a["name"])}</a>' for a in actors)


def move_html(m: Move, w: _Words) -> str:
    """One move: type, days, who toward whom through whom, the sentence, its reports."""
    head = [f'<span class="ev-chip ev-{_e(m.type)}">{_e(m.label)}</span>', _time(m.day)]
    if m.last_day != m.day:
        head.append(f"– {_time(m.last_day, 'j N')}")
    if m.planned:
        head.append(f'<span class="badge planned">{w.planned}</span>')
    if m.corrected:
        head.append(f'<span class="badge">{w.corrected}</span>')
    who = _chips(m.actors)
    if m.targets:
        who += f' <span class="arrow" aria-label="{w.toward}">→</span> {_chips(m.targets)}'
    if m.via:
        who += f' <span class="muted small">{w.via}</span> {_chips(m.via, "mediator")}'
    head.append(f'<span class="move-who">{who}</span>')
    first = m.outlets[0] if m.outlets else ""
    if m.single_source:
        said = f'<span class="badge single">{w.single}</span>'
        if first:
            said += f' <span dir="auto">{_e(first)}</span>'
    else:
        n = len(m.outlets)
        said = _e(
            ngettext(
                "Reported by %(n)s outlet; first by %(first)s",
                "Reported by %(n)s outlets; first by %(first)s",
                n,
            )
            % {"n": n, "first": first}
        )
    if m.attributions:
        said += f" · {w.according} " + "، ".join(
            f'<span dir="auto">{_e(a)}</span>' for a in m.attributions
        )
    reports = []
    for r in m.shown_reports:
        line = f'<a href="{_e(r.url)}" dir="auto">{_e(r.outlet or _("Article"))}</a>'
        if r.published_at:
            line += (
                f' <time datetime="{_e(r.published_at.isoformat())}">'
                f"{_e(day_label(r.published_at))}</time>"
            )
        if r.attributed_to:
            line += f' · <span dir="auto">{_e(r.attributed_to)}</span>'
        if r.sentence and r.sentence != m.sentence:
            line += f'<br><span class="muted" dir="auto">{_e(r.sentence)}</span>'
        reports.append(f"<li>{line}</li>")
    if m.more_reports:
        more = ngettext("and %(n)s more report", "and %(n)s more reports", m.more_reports) % {
            "n": m.more_reports
        }
        reports.append(f'<li class="muted">{_e(more)}</li>')
    count = ngettext("%(n)s report", "%(n)s reports", len(m.reports)) % {"n": len(m.reports)}
    sentence = (
        f'<blockquote class="move-sentence" dir="auto">{_e(m.sentence)}</blockquote>'
        if m.sentence
        else ""
    )
    return (
        f'<li class="move ev-{_e(m.type)}" id="move-{m.first.event_id}" data-key="{_e(m.key)}">'
        f'<p class="move-head">{" ".join(head)}</p>{sentence}'
        f'<p class="move-reports small">{said}</p>'
        f'<details class="move-list"><summary>{_e(count)}</summary>'
        f'<ul class="plain small">{"".join(reports)}</ul></details></li>'
    )


def milestone_html(ms: Any, w: _Words) -> str:
    label = ms.label_ar if w.language == "ar" else (ms.label_en or ms.label_ar)
    return (
        f'<li class="move milestone"><span class="flag" aria-hidden="true">⚑</span> '
        f'{_time(ms.date)} <strong dir="auto">{_e(label)}</strong> '
        f'<span class="muted small">{w.milestone}</span></li>'
    )


def moves_html(items: Iterable[dict[str, Any]]) -> SafeString:
    """``<ol class="moves">`` of moves and milestones (``{"kind", "move"|"milestone"}``)."""
    w = _Words.current()
    parts = [
        move_html(i["move"], w) if i["kind"] == "move" else milestone_html(i["milestone"], w)
        for i in items
    ]
    body = "".join(parts) or f'<li class="muted">{w.nothing}</li>'
    return mark_safe(f'<ol class="moves">{body}</ol>')  # every text above went through _e()


def _month(day: dt.date) -> str:
    return _e(format_date(day, "N Y"))


def _span(s: Span, role: str) -> str:
    if s.open:
        when = _e(_("since %(d)s") % {"d": format_date(s.first, "N Y")})
    elif (s.first.year, s.first.month) == (s.last.year, s.last.month):
        when = _month(s.first)
    else:
        when = f"{_month(s.first)} – {_month(s.last)}"
    reports = ngettext("%(n)s report", "%(n)s reports", s.reports) % {"n": s.reports}
    return (
        f'<span class="span {_e(s.role)}" title="{_e(reports)}">'
        f'<span class="chip {_e(s.role)}">{role}</span> {when}</span>'
    )


def roles_html(roles: Iterable[ActorRoles], links: dict[str, str]) -> SafeString:
    """One line per actor: its main role (and another worth saying), since when; every
    span in the line's title. ``links`` gives each actor's page."""
    words = {"mediator": _e(_("mediator")), "party": _e(_("side"))}
    comma = _e(_(", "))
    lines = []
    for a in roles:
        spans = comma.join(_span(s, words[s.role]) for s in a.summary)
        detail = "; ".join(
            f"{words[s.role]} {_e(day_label(s.first))} – {_e(day_label(s.last))}" for s in a.spans
        )
        lines.append(
            f'<li title="{detail}"><a href="{_e(links.get(a.actor, ""))}" dir="auto">'
            f"{_e(a.name)}</a>: {spans}</li>"
        )
    return mark_safe(f'<ul class="role-lines">{"".join(lines)}</ul>')  # escaped above
