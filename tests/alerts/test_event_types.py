"""Event types as a filter: the list, watchlists and the alerts' matcher agree on "reports a move of type X"."""

from __future__ import annotations

import html
import re

import pytest
from django.http import QueryDict
from django.urls import reverse
from django.utils import translation

from articles.alerts import Rule, RuleIndex
from articles.filters import ArticleFilter
from articles.models import Alert, Article, Event, Thread, Watchlist
from articles.selectors.alerts import summary
from articles.services import alerts as alert_service
from articles.services.events import record_event_correction
from articles.services.watchlists import compile_query, create_watchlist

pytestmark = pytest.mark.django_db

EVENTS = ["event=talks_held", "event=proposal", "event=proposal,rejection", "event=rejection"]
WITH = [
    "",
    "actor=QAT&role=mediator",
    "actor=EGY",
    "topic=hostages",
    "thread=gaza-truce",
    "lang=en",
    "q=المفاوضات",
    "date_from=2024-02-10",
]


@pytest.fixture
def moves(tagged) -> dict:
    """Talks held in the first and third articles, a proposal in the second, none in the fourth."""
    a1, a2, a3, _ = tagged["articles"]
    for article, type_ in ((a1, "talks_held"), (a2, "proposal"), (a3, "talks_held")):
        Event.objects.create(article=article, thread=article.thread, type=type_, start=0, end=10)
    return tagged


def test_the_matcher_agrees_with_the_list_on_event_types(moves) -> None:
    articles = list(Article.objects.all())
    thread_ids = dict(Thread.objects.values_list("key", "id"))
    states = [f"{e}&{w}".rstrip("&") for e in EVENTS for w in WITH] + WITH
    rules, expected = [], set()
    for n, query in enumerate(states):
        _, criteria = compile_query(query)
        rules.append(Rule.from_criteria(n, criteria, thread_ids=thread_ids))
        flt = ArticleFilter(QueryDict(query), queryset=Article.objects.all())
        assert flt.is_valid(), query
        expected |= {(n, pk) for pk in flt.qs.values_list("id", flat=True)}
    index = RuleIndex(rules)
    assert index.needs_events
    chunk = alert_service.facts(articles, index.words, events=True)
    found = {(rule.watchlist_id, a.id) for rule, a in index.match(chunk)}
    assert {(r.watchlist_id, a.id) for r in rules for a in chunk if r.matches(a)} == expected
    assert found == expected
    a1, a2, a3, a4 = (a.pk for a in moves["articles"])
    by_state = {states[n]: {pk for m, pk in expected if m == n} for n in range(len(states))}
    assert by_state["event=talks_held"] == {a1, a3}
    assert by_state["event=proposal,rejection"] == {a2}
    assert by_state["event=rejection"] == set()
    assert by_state["event=talks_held&lang=en"] == {a3}


def test_the_list_filters_by_event_type_and_refuses_unknown_types(analyst_client, moves) -> None:
    a1, a2, a3, _ = moves["articles"]
    page = analyst_client.get(reverse("article_list"), {"event": "talks_held"}).content.decode()
    assert a1.title in page and a3.title in page and a2.title not in page
    assert re.search(r'name="event" value="talks_held" checked', page)
    assert 'name="event" value="rejection" >' in page or 'value="rejection" >' in page
    flt = ArticleFilter(QueryDict("event=talks_held,no_such_move"), queryset=Article.objects.all())
    assert not flt.is_valid()
    # An article with two such moves is listed once.
    Event.objects.create(article=a1, thread=a1.thread, type="proposal")
    flt = ArticleFilter(QueryDict("event=talks_held,proposal"), queryset=Article.objects.all())
    assert flt.is_valid()
    assert sorted(flt.qs.values_list("id", flat=True)) == sorted([a1.pk, a2.pk, a3.pk])


def test_labels_in_arabic_and_english(analyst_client, analyst_user, moves) -> None:
    w = create_watchlist(analyst_user, name="رفض", query="event=rejection,proposal")
    with translation.override("ar"):
        assert ("نوع الحدث", "مقترح, رفض") in summary(w) or any(
            "رفض" in value and "مقترح" in value for _, value in summary(w)
        )
        ar_page = analyst_client.get(reverse("article_list"), HTTP_ACCEPT_LANGUAGE="ar")
    with translation.override("en"):
        assert ("Event type", "Proposal, Rejection") in summary(w)
    text = ar_page.content.decode()
    assert "الخطوات المذكورة" in text and "رفض" in text


def test_a_watchlist_saves_and_edits_event_types(analyst_client, analyst_user, moves) -> None:
    page = analyst_client.get(reverse("article_list"), {"event": "proposal", "actor": "EGY"})
    query = html.unescape(
        re.search(r'name="query" value="([^"]*)"', page.content.decode()).group(1)
    )
    assert "event=proposal" in query
    analyst_client.post(
        reverse("watchlist_create"),
        {"name": "proposals", "query": query, "email": "off", "language": "en"},
    )
    w = Watchlist.objects.get()
    assert w.criteria["event_types"] == ["proposal"] and w.criteria["actors"] == ["EGY"]
    edit = analyst_client.get(reverse("watchlist_edit", args=[w.pk])).content.decode()
    assert "event=proposal" in html.unescape(edit)
    # Edited from the list page: the watchlist takes the new filters.
    analyst_client.post(
        reverse("watchlist_create"),
        {"watchlist": str(w.pk), "query": "event=rejection&event=agreement"},
    )
    w.refresh_from_db()
    assert w.criteria["event_types"] == ["agreement", "rejection"]
    assert "event=rejection" in w.query and "actor" not in w.query
    # A type the list does not know is refused, and the watchlist stays as it was.
    analyst_client.post(reverse("watchlist_create"), {"watchlist": str(w.pk), "query": "event=x"})
    w.refresh_from_db()
    assert w.criteria["event_types"] == ["agreement", "rejection"]


def test_new_articles_alert_by_the_types_of_their_moves(analyst_user, moves) -> None:
    held = create_watchlist(analyst_user, name="held", query="event=talks_held")
    proposed = create_watchlist(
        analyst_user, name="proposed", query="event=proposal&topic=hostages"
    )
    a1, a2, a3, a4 = moves["articles"]
    assert alert_service.after_tagging(moves["articles"]) == 3
    assert alert_service.after_tagging(moves["articles"]) == 0
    assert set(held.alerts.values_list("article_id", flat=True)) == {a1.pk, a3.pk}
    assert set(proposed.alerts.values_list("article_id", flat=True)) == {a2.pk}


def test_a_move_an_analyst_adds_alerts_once(analyst_user, moves) -> None:
    from django.utils import timezone

    Article.objects.update(tagged_at=timezone.now())
    rejected = create_watchlist(analyst_user, name="rejected", query="event=rejection")
    words = create_watchlist(analyst_user, name="words", query="q=المفاوضات")
    a4 = Article.objects.get(pk=moves["articles"][3].pk)
    sentence = (0, min(len(a4.text), 20))
    record_event_correction(a4, action="add", type="rejection", start=sentence[0], end=sentence[1])
    alerts = list(rejected.alerts.values_list("trigger", "article_id", "detail"))
    assert alerts == [("event", a4.pk, {"types": ["rejection"]})]
    record_event_correction(a4, action="add", type="rejection", start=0, end=5)
    assert rejected.alerts.count() == 1  # sent once
    assert not words.alerts.exists()  # the move changes nothing for a watchlist without types
    # A retype to the watched type alerts for that article too.
    a2 = moves["articles"][1]
    proposal = Event.objects.get(article=a2, type="proposal")
    record_event_correction(a2, action="retype", event=proposal, new_type="rejection")
    assert set(rejected.alerts.values_list("article_id", flat=True)) == {a4.pk, a2.pk}
    assert Alert.objects.filter(trigger="event").count() == 2
