"""The workers' in-memory matcher agrees with the list page's SQL filter on every filter state tried."""

from __future__ import annotations

import itertools

import pytest
from django.http import QueryDict

from articles.alerts import Rule, RuleIndex
from articles.filters import ArticleFilter
from articles.models import Article, Thread
from articles.services.alerts import facts
from articles.services.watchlists import compile_query

pytestmark = pytest.mark.django_db

ACTORS = ["", "actor=QAT", "actor=EGY,QAT", "actor=ISR,hamas"]
ROLES = ["", "role=party", "role=mediator", "role=mentioned"]
MODES = ["", "actor_mode=all"]
OTHERS = [
    "",
    "topic=ceasefire",
    "topic=hostages,ceasefire",
    "thread=gaza-truce",
    "thread=no-such-thread",
    "lang=en",
    "date_from=2024-02-10",
    "date_to=2024-02-10",
    "date_from=2024-02-11&date_to=2024-03-01",
    "q=المفاوضات",
    "q=الدوحة استئناف",
    "q=talks",
    "q=لا+توجد+كلمة",
]


def states(tagged) -> list[str]:
    jazeera = tagged["sources"]["jazeera"].pk
    combos = [
        "&".join(p for p in parts if p)
        for parts in itertools.product(ACTORS, ROLES, MODES, OTHERS)
        if parts[0] or not (parts[1] or parts[2])
    ]
    return combos + [f"source={jazeera}", f"source={jazeera}&topic=hostages", ""]


def test_matcher_agrees_with_the_list_filter(tagged) -> None:
    articles = list(Article.objects.all())
    thread_ids = dict(Thread.objects.values_list("key", "id"))
    rules = []
    expected: set[tuple[int, int]] = set()
    for n, query in enumerate(states(tagged)):
        _, criteria = compile_query(query)
        rules.append(Rule.from_criteria(n, criteria, thread_ids=thread_ids))
        flt = ArticleFilter(QueryDict(query), queryset=Article.objects.all())
        assert flt.is_valid(), query
        expected |= {(n, pk) for pk in flt.qs.values_list("id", flat=True)}
    index = RuleIndex(rules)
    chunk = facts(articles, index.words)
    pairs = index.match(chunk)
    found = {(rule.watchlist_id, a.id) for rule, a in pairs}
    assert len(pairs) == len(found)  # each pair once
    brute = {(r.watchlist_id, a.id) for r in rules for a in chunk if r.matches(a)}
    assert brute == expected  # the rules say what the SQL says
    assert found == expected  # and the index loses none of it
    assert len(expected) > 200  # the states tried do select articles


def test_index_files_rules_by_their_most_selective_term() -> None:
    rule = Rule.from_criteria(
        1, {"thread": "t", "actors": ["QAT"], "terms": ["x"]}, thread_ids={"t": 7}
    )
    assert rule.index_terms() == [("thread", 7)]
    assert Rule.from_criteria(2, {"terms": ["ab", "abcd"], "actors": ["QAT"]}).index_terms() == [
        ("word", "abcd")
    ]
    assert Rule.from_criteria(
        7, {"terms": ["ab"], "actors": ["QAT"], "role": "party"}
    ).index_terms() == [("parties", "QAT")]
    assert Rule.from_criteria(8, {"source": 3, "actors": ["QAT"]}).index_terms() == [
        ("actors", "QAT")
    ]
    assert Rule.from_criteria(3, {"actors": ["QAT", "EGY"], "role": "mediator"}).index_terms() == [
        ("mediators", "EGY"),
        ("mediators", "QAT"),
    ]
    assert Rule.from_criteria(4, {"actors": ["QAT", "EGY"], "actor_mode": "all"}).index_terms() == [
        ("actors", "EGY")
    ]
    assert Rule.from_criteria(5, {"thread": "gone"}, thread_ids={}).index_terms() == []
    assert Rule.from_criteria(6, {}).index_terms() == [("always",)]
