"""The worker stores the tagger's events with the tags, again on re-tag, never twice."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from articles.models import Article, Event, EventCorrection
from articles.nlp.types import EventTag
from articles.services.events import record_event_correction
from articles.services.tagging import tag_articles

from .conftest import GAZA, event, stored

pytestmark = pytest.mark.django_db

DAY = timezone.make_aware(dt.datetime(2024, 3, 4, 9))  # a Monday


def proposal_and_talks(article, result):
    return [
        event(
            article.text,
            "وقدم الوسطاء مقترحا جديدا للطرفين",
            "proposal",
            actors=("EGY", "QAT"),
            targets=("ISR", "hamas"),
            topics=("ceasefire",),
        ),
        event(
            article.text,
            "استضافت العاصمة القطرية الدوحة جولة جديدة",
            "talks_held",
            actors=("ISR", "hamas"),
            via=("QAT",),
            when="2024-03-03",
            confidence=0.7,
        ),
    ]


def test_events_are_stored_with_the_tags(lexicon, store, tagger_events):
    tagger_events(proposal_and_talks)
    [article] = stored(store, GAZA, published=[DAY])
    events = {e.type: e for e in Event.objects.filter(article=article)}
    assert set(events) == {"proposal", "talks_held"}
    talks = events["talks_held"]
    assert talks.thread_id == article.thread_id is not None
    assert talks.when == dt.date(2024, 3, 3) and talks.day == dt.date(2024, 3, 3)
    assert talks.reported_on == dt.date(2024, 3, 4)
    assert talks.via == ["QAT"] and talks.actors == ["ISR", "hamas"]
    assert talks.sentence == "استضافت العاصمة القطرية الدوحة جولة جديدة"
    assert talks.confidence == pytest.approx(0.7)
    assert talks.origin == "tagger" and talks.tagger_version == article.tagger_version
    assert sorted(talks.everyone) == ["ISR", "QAT", "hamas"]
    proposal = events["proposal"]
    assert proposal.day == dt.date(2024, 3, 4)  # no date in the text: the day it was reported
    assert proposal.source_id == article.source_id and proposal.published_at == article.published_at


def test_retag_replaces_and_running_twice_changes_nothing(lexicon, store, tagger_events):
    tagger_events(proposal_and_talks)
    [article] = stored(store, GAZA, published=[DAY])
    first = sorted(Event.objects.values_list("type", "start", "end", "day"))
    for _ in range(2):
        tag_articles([article.pk], force=True)
        assert sorted(Event.objects.values_list("type", "start", "end", "day")) == first
    tagger_events(lambda a, r: [event(a.text, "وقدم الوسطاء", "rejection", actors=("hamas",))])
    tag_articles([article.pk], force=True)
    assert list(Event.objects.values_list("type", flat=True)) == ["rejection"]
    # A tag correction that moves the article to another thread takes its events along.
    from articles.models import Correction, Thread
    from articles.services.corrections import record_correction

    other = Thread.objects.exclude(pk=article.thread_id).first()
    record_correction(article, action=Correction.Action.SET_THREAD, thread_id=other.pk)
    assert set(Event.objects.values_list("thread_id", flat=True)) == {other.pk}


def test_bad_events_cost_only_themselves(lexicon, store, tagger_events):
    tagger_events(
        lambda a, r: [
            EventTag(type="no_such_move", start=0, end=5),
            EventTag(
                type="proposal",
                actors=("XXX", "QAT"),
                start=10,
                end=99_999,
                when="yesterday",
                confidence=7.0,
            ),
            EventTag(type="talks_planned", when="2031-01-01", start=0, end=10),
        ]
    )
    oil = "ارتفعت أسعار النفط في الأسواق العالمية اليوم بعد بيانات المخزونات."
    article, other = stored(store, GAZA, oil, published=[DAY, DAY])
    assert article.status == Article.Status.PROCESSED and article.is_negotiation
    assert not other.is_negotiation  # a story that is no negotiation reports no move
    assert not Event.objects.filter(article=other).exists()
    rows = {e.type: e for e in Event.objects.all()}
    assert set(rows) == {"proposal", "talks_planned"}
    assert rows["proposal"].actors == ["QAT"]  # unknown ids dropped, as tags drop them
    assert (rows["proposal"].start, rows["proposal"].end, rows["proposal"].sentence) == (0, 0, "")
    assert rows["proposal"].when is None and rows["proposal"].confidence == 1.0
    # A date years from the report stays stored but the timeline uses the report's day.
    assert rows["talks_planned"].when == dt.date(2031, 1, 1)
    assert rows["talks_planned"].day == dt.date(2024, 3, 4)


def test_corrections_survive_retags(lexicon, store, tagger_events, analyst_user):
    from django.core.exceptions import ValidationError

    tagger_events(proposal_and_talks)
    article, second = stored(
        store, GAZA, GAZA + " وأضاف المصدر أن الجولة ستستمر.", published=[DAY, DAY]
    )
    # Another article's event, or no sentence: refused, and nothing is stored.
    with pytest.raises(ValidationError):
        record_event_correction(
            article, action="remove", event=Event.objects.filter(article=second).first()
        )
    with pytest.raises(ValidationError):
        record_event_correction(article, action="add", type="proposal", start=5, end=2)
    assert not EventCorrection.objects.exists()
    proposal = Event.objects.get(article=article, type="proposal")
    talks = Event.objects.get(article=article, type="talks_held")
    record_event_correction(article, action="remove", event=proposal, user=analyst_user)
    record_event_correction(article, action="retype", event=talks, new_type="talks_planned")
    sentence = "ووقف إطلاق النار في قطاع غزة"
    start = article.text.index(sentence)
    record_event_correction(
        article,
        action="add",
        type="suspension",
        start=start,
        end=start + len(sentence),
        actors=["ISR"],
        when=dt.date(2024, 3, 2),
        user=analyst_user,
    )
    assert EventCorrection.objects.count() == 3
    for _ in range(2):
        tag_articles([article.pk], force=True)
        rows = {e.type: e for e in Event.objects.filter(article=article)}
        assert set(rows) == {"talks_planned", "suspension"}
        assert rows["talks_planned"].origin == "analyst"
        assert rows["talks_planned"].via == ["QAT"]  # the retype keeps the tagger's slots
        added = rows["suspension"]
        assert (added.origin, added.actors, added.day) == ("analyst", ["ISR"], dt.date(2024, 3, 2))
        assert added.sentence == sentence
        assert added.correction_id is not None
