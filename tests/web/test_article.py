"""The article page: linked mentions, role chips, same-story outlets, corrections."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from articles.models import Correction, StoryCluster
from tests.conftest import at, make_article

pytestmark = pytest.mark.django_db


def test_mentions_are_linked_with_their_role(analyst_client: Client, tagged) -> None:
    a = tagged["articles"][0]
    html = analyst_client.get(reverse("article_detail", args=[a.pk])).content.decode()
    assert '<a class="mention mediator" href="/actors/QAT/" title="قطر">قطر</a>' in html
    assert '<a class="mention party" href="/actors/ISR/" title="إسرائيل">إسرائيل</a>' in html
    assert 'dir="auto"' in html
    assert "رويترز" in html  # cited source
    assert "مفاوضات الهدنة في غزة" in html  # thread


def test_markup_in_text_and_bad_offsets_stay_inert(analyst_client: Client, tagged) -> None:
    text = 'قطر <script>alert("x")</script> <b>bold</b>'
    a = make_article(
        "<img src=x onerror=alert(1)>",
        text,
        published=at("2024-01-02"),
        actors=["QAT"],
        mentions=[
            {"actor": "QAT", "start": 0, "end": 3},
            {"actor": "ISR", "start": 2, "end": 9},  # overlaps: skipped
            {"actor": "ISR", "start": 500, "end": 600},  # outside the text: skipped
            {"actor": "<b>", "start": "x", "end": 3},  # not an offset: skipped
        ],
    )
    html = analyst_client.get(reverse("article_detail", args=[a.pk])).content.decode()
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    assert "<img src=x" not in html and "<b>bold</b>" not in html
    assert html.count('class="mention') == 1


def test_other_outlets_of_the_same_story(analyst_client: Client, tagged) -> None:
    cluster = StoryCluster.objects.create(size=2)
    a, b = tagged["articles"][0], tagged["articles"][1]
    for x in (a, b):
        x.cluster = cluster
        x.save(update_fields=["cluster"])
    response = analyst_client.get(reverse("article_detail", args=[a.pk]))
    assert [s.id for s in response.context["siblings"]] == [b.pk]
    assert "الشرق الأوسط" in response.content.decode()


def test_analyst_adds_an_actor_in_a_role(analyst_client: Client, tagged) -> None:
    a = tagged["articles"][3]
    url = reverse("article_correct", args=[a.pk])
    response = analyst_client.post(url, {"action": "add_actor", "actor": "QAT", "role": "mediator"})
    assert response.status_code == 302
    a.refresh_from_db()
    assert "QAT" in a.mediators
    correction = Correction.objects.get()
    assert (correction.action, correction.actor_id, correction.role) == (
        "add_actor",
        "QAT",
        "mediator",
    )
    assert correction.created_by.username == "analyst"


def test_analyst_sets_topic_and_thread(analyst_client: Client, tagged) -> None:
    a = tagged["articles"][3]
    url = reverse("article_correct", args=[a.pk])
    analyst_client.post(url, {"action": "add_topic", "topic": "hostages"})
    analyst_client.post(url, {"action": "set_thread", "thread": tagged["thread"].pk})
    a.refresh_from_db()
    assert a.topics == ["hostages"]
    assert a.thread == tagged["thread"]
    analyst_client.post(url, {"action": "remove_topic", "topic": "hostages"})
    a.refresh_from_db()
    assert a.topics == []


def test_incomplete_correction_is_refused(analyst_client: Client, tagged) -> None:
    a = tagged["articles"][3]
    response = analyst_client.post(
        reverse("article_correct", args=[a.pk]), {"action": "add_actor", "actor": "QAT"}
    )
    assert response.status_code == 400
    assert not Correction.objects.exists()
    unknown = analyst_client.post(
        reverse("article_correct", args=[a.pk]),
        {"action": "add_actor", "actor": "XXX", "role": "party"},
    )
    assert unknown.status_code == 400


def test_correction_form_is_for_analysts(client: Client, analyst_client: Client, tagged) -> None:
    a = tagged["articles"][0]
    assert (
        reverse("article_correct", args=[a.pk])
        in analyst_client.get(reverse("article_detail", args=[a.pk])).content.decode()
    )
    assert analyst_client.get(reverse("article_detail", args=[999999])).status_code == 404


def test_correction_menus_escape_every_name_and_keep_the_choice() -> None:
    from articles.views.forms import CorrectionForm

    choices = {
        "actors": [("X&Y", '<script>alert("x")</script>'), ("QAT", "قطر")],
        "topics": [("t", "a > b")],
        "threads": [(7, "«هدنة» & co")],
    }
    form = CorrectionForm(choices=choices, initial={"actor": "QAT"})
    html = str(form["actor"]) + str(form["topic"]) + str(form["thread"])
    assert "<script>" not in html
    assert (
        '<option value="X&amp;Y">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;</option>' in html
    )
    assert '<option value="QAT" selected>قطر</option>' in html
    assert '<option value="t">a &gt; b</option>' in html
    assert '<option value="7">«هدنة» &amp; co</option>' in html
    assert '<select name="actor" id="id_actor">' in html


def _correction_form(html: str) -> str:
    return re.search(
        r'<form method="post" action="[^"]+" class="correction-form">.*?</form>', html, re.S
    ).group(0)


def test_each_article_s_correction_form_posts_to_it(analyst_client: Client, tagged) -> None:
    """The unbound form is rendered once and joined with each article's address."""
    first, second = tagged["articles"][0], tagged["articles"][1]
    forms = [
        _correction_form(
            analyst_client.get(reverse("article_detail", args=[a.pk])).content.decode()
        )
        for a in (first, second)
    ]
    for form, article in zip(forms, (first, second), strict=True):
        assert f'action="{reverse("article_correct", args=[article.pk])}"' in form
        assert re.search(r'name="csrfmiddlewaretoken" value="\w{32,}"', form)
        assert '<select name="actor" id="id_actor">' in form and 'value="QAT"' in form
    # Beside its address and the (masked anew per request) token, the form is the same.
    same = [re.sub(r'value="\w{32,}"', "", f) for f in forms]
    assert same[0].replace(str(first.pk), "") == same[1].replace(str(second.pk), "")


def test_the_correction_form_lists_a_new_thread_once_its_menus_are_read_again(
    analyst_client: Client, tagged, monkeypatch
) -> None:
    """The rendered form lives as long as the menus it was rendered from, not longer:
    menus read at 0 s and rendered at 20 s are read again at 31 s, and the form with them."""
    import time

    from articles.models import Thread
    from articles.selectors.article_page import correction_choices

    start, offset = time.monotonic(), [0.0]
    monkeypatch.setattr("articles.cache.time.monotonic", lambda: start + offset[0])
    url = reverse("article_detail", args=[tagged["articles"][0].pk])
    correction_choices()
    offset[0] = 20
    assert "Doha channel" not in analyst_client.get(url).content.decode()
    Thread.objects.create(key="doha-channel", name_en="Doha channel", name_ar="Doha channel")
    offset[0] = 31
    assert "Doha channel" in _correction_form(analyst_client.get(url).content.decode())


def test_a_refused_correction_comes_back_with_its_choice_and_error(
    analyst_client: Client, tagged
) -> None:
    a = tagged["articles"][0]
    response = analyst_client.post(
        reverse("article_correct", args=[a.pk]), {"action": "add_actor", "actor": "QAT"}
    )
    assert response.status_code == 400
    form = _correction_form(response.content.decode())
    assert '<option value="QAT" selected>' in form
    assert 'role="alert"' in form
