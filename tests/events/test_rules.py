"""The thread state rules and the grouping of reports into moves, as pure functions."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest

from articles.selectors.events import group_moves
from articles.selectors.role_history import Span, spans
from articles.services.role_history import roles_of_article
from articles.services.thread_state import Run, derive_runs

D = dt.date(2024, 3, 1)


def day(n: int) -> dt.date:
    return D + dt.timedelta(days=n)


def runs(moves: dict[int, list[str]], **kw) -> list[tuple[str, int, int | None]]:
    days = {day(n): Counter(types) for n, types in moves.items()}
    return [
        (r.state, (r.start - D).days, None if r.end is None else (r.end - D).days)
        for r in derive_runs(days, **kw)
    ]


def test_a_negotiation_read_day_by_day():
    assert runs(
        {
            0: ["talks_held"],  # contacts
            3: ["talks_planned"],  # still contacts: no new run
            5: ["proposal"],  # bargaining
            6: ["talks_held"],  # a round inside bargaining changes nothing
            9: ["rejection", "suspension"],  # the team is recalled: stalled beats the rejection
            20: ["talks_held"],  # talks again: contacts
            25: ["agreement"],
            27: ["implementation"],
            40: ["proposal"],  # the next phase: bargaining again
        }
    ) == [
        ("contacts", 0, 4),
        ("bargaining", 5, 8),
        ("stalled", 9, 19),
        ("contacts", 20, 24),
        ("agreement", 25, 26),
        ("implementation", 27, 39),
        ("bargaining", 40, None),
    ]


def test_accusations_stall_only_talks_gone_quiet():
    # Blame during bargaining changes nothing; blame a week after the last round stalls.
    assert runs({0: ["proposal"], 3: ["accusation"], 12: ["accusation"]}) == [
        ("bargaining", 0, 11),
        ("stalled", 12, None),
    ]
    # An accusation as the first word of a thread: stalled.
    assert runs({0: ["accusation"]}) == [("stalled", 0, None)]


def test_denials_and_resolutions_change_nothing():
    assert runs({0: ["denial", "resolution"]}) == []
    assert runs({0: ["talks_held"], 2: ["denial"]}) == [("contacts", 0, None)]


def test_days_after_today_are_not_read():
    assert runs({0: ["talks_held"], 10: ["agreement"]}, today=day(5)) == [("contacts", 0, None)]


def test_runs_name_their_cause():
    [first, second] = derive_runs({D: Counter(["talks_planned"]), day(1): Counter(["acceptance"])})
    assert first == Run("contacts", D, D, "talks_planned")
    assert second.cause == "acceptance"


def row(pk: int, n: int, type_: str, actors=(), targets=(), source=1, article=None, **kw):
    return {
        "id": pk,
        "article_id": article or pk,
        "type": type_,
        "day": day(n),
        "actors": list(actors),
        "targets": list(targets),
        "via": list(kw.get("via", ())),
        "source_id": source,
        "published_at": None,
        "attributed_to": kw.get("attributed_to", ""),
        "sentence": kw.get("sentence", f"s{pk}"),
        "origin": "tagger",
    }


@pytest.mark.django_db
def test_reports_of_one_move_are_grouped(tagged):
    jazeera, asharq = tagged["sources"]["jazeera"].pk, tagged["sources"]["asharq"].pk
    moves = group_moves(
        [
            row(1, 0, "proposal", ["EGY"], ["hamas"], source=jazeera),
            row(2, 1, "proposal", ["EGY", "QAT"], source=asharq),  # shares EGY, a day later
            row(3, 2, "proposal", ["QAT"], source=asharq),  # chains on through QAT
            row(4, 9, "proposal", ["EGY"], source=jazeera),  # a week later: a new move
            row(5, 1, "proposal", ["ISR"], source=jazeera),  # another proposer: a new move
            row(6, 1, "rejection", ["hamas"], source=asharq, attributed_to="أكسيوس"),
        ],
        today=day(100),
    )
    by_first = {m.reports[0].event_id: m for m in moves}
    egypt = by_first[1]
    assert [r.event_id for r in egypt.reports] == [1, 2, 3]
    assert egypt.outlets == ["الجزيرة", "الشرق الأوسط"] and not egypt.single_source
    assert (egypt.day, egypt.last_day) == (day(0), day(2))
    assert [a["id"] for a in egypt.actors] == ["EGY", "QAT"]
    assert by_first[4].single_source and by_first[5].single_source
    assert by_first[6].attributions == ["أكسيوس"]
    assert [m.day for m in moves] == sorted((m.day for m in moves), reverse=True)


def test_roles_from_an_article_and_its_events():
    tagged, acted = roles_of_article(
        ["ISR", "hamas"],
        ["QAT"],
        [
            ("proposal", ["QAT"], ["hamas"], []),  # a mediator's proposal keeps it a mediator
            ("talks_held", ["ISR"], [], ["EGY"]),  # via: a mediator
            ("mediation_offer", ["TUR"], [], []),  # an offer to mediate
            ("resolution", ["UN"], [], []),  # the body that votes is neither
            ("accusation", ["ISR"], ["hamas"], []),
        ],
    )
    assert tagged == {("ISR", "party"): 1, ("hamas", "party"): 1, ("QAT", "mediator"): 1}
    assert acted == {
        ("QAT", "mediator"): 1,
        ("hamas", "party"): 2,
        ("ISR", "party"): 2,
        ("EGY", "mediator"): 1,
        ("TUR", "mediator"): 1,
    }


class _Row:
    def __init__(self, role, first, last, articles=1, events=0):
        self.role, self.first_day, self.last_day = role, first, last
        self.articles, self.events = articles, events


def test_role_months_merge_into_spans():
    rows = [
        _Row("mediator", day(0), day(20)),
        _Row("mediator", day(40), day(50)),  # within two months: the same span
        _Row("mediator", day(200), day(210), articles=3),  # long after: a new span
        _Row("party", day(30), day(30)),  # one report: no span of its own
    ]
    assert spans(rows, newest=day(230)) == [
        Span("mediator", day(0), day(50), 2, open=False),
        Span("mediator", day(200), day(210), 3, open=True),
    ]
