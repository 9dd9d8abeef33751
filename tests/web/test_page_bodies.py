"""Page bodies rendered once per state: shared by readers, new on a write, per language."""

from __future__ import annotations

import pytest
from django.db import connection
from django.template import Context, Template, TemplateSyntaxError
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.cache import invalidate, thread_scope
from tests.conftest import at, make_article

pytestmark = pytest.mark.django_db


def test_home_body_is_shared_until_the_articles_change(
    analyst_client: Client, tagged, django_capture_on_commit_callbacks
) -> None:
    assert "استئناف المفاوضات في الدوحة" in analyst_client.get(reverse("home")).content.decode()
    make_article("عنوان لم يظهر بعد", "نص", published=at("2024-03-02"))
    # No write was announced: the second reader gets the body the first one rendered.
    assert "عنوان لم يظهر بعد" not in analyst_client.get(reverse("home")).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        invalidate([])
    assert "عنوان لم يظهر بعد" in analyst_client.get(reverse("home")).content.decode()


def test_actor_body_is_shared_until_the_articles_change(
    analyst_client: Client, tagged, django_capture_on_commit_callbacks
) -> None:
    url = reverse("actor_detail", args=["QAT"])
    assert "استئناف المفاوضات في الدوحة" in analyst_client.get(url).content.decode()
    make_article("قطر تستضيف جولة", "نص", published=at("2024-03-05"), actors=["QAT"])
    # The second reader gets the body the first one rendered, without reading the actor.
    with CaptureQueriesContext(connection) as statements:
        shared = analyst_client.get(url).content.decode()
    assert "قطر تستضيف جولة" not in shared
    assert not [q for q in statements.captured_queries if "articles_actor" in q["sql"]]
    with django_capture_on_commit_callbacks(execute=True):
        invalidate([])
    assert "قطر تستضيف جولة" in analyst_client.get(url).content.decode()
    analyst_client.post(reverse("set_language"), {"language": "en", "next": url})
    english = analyst_client.get(url).content.decode()
    assert "<title>Qatar" in english and "Latest articles" in english


def test_timeline_body_follows_its_thread_and_language(
    analyst_client: Client, tagged, django_capture_on_commit_callbacks
) -> None:
    thread = tagged["thread"]
    url = reverse("thread_detail", args=[thread.key])
    before = analyst_client.get(url).content.decode()
    make_article(
        "جولة جديدة في القاهرة",
        "نص",
        published=at("2024-02-20"),
        thread=thread,
        is_negotiation=True,
    )
    assert "جولة جديدة في القاهرة" not in analyst_client.get(url).content.decode()
    # A write to another thread leaves this body alone; a write to this one shows at once.
    with django_capture_on_commit_callbacks(execute=True):
        invalidate([thread_scope(thread.pk + 1000)])
    assert "جولة جديدة في القاهرة" not in analyst_client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        invalidate([thread_scope(thread.pk)])
    after = analyst_client.get(url).content.decode()
    assert "جولة جديدة في القاهرة" in after and after != before
    analyst_client.post(reverse("set_language"), {"language": "en", "next": url})
    english = analyst_client.get(url).content.decode()
    assert ">Timeline<" in english and "الخط الزمني" not in english


def test_page_body_tag_needs_a_name_and_a_state() -> None:
    with pytest.raises(TemplateSyntaxError):
        Template('{% load page_bodies %}{% page_body "x" %}{% endpage_body %}')
    html = Template('{% load page_bodies %}{% page_body "x" s %}<b>{{ v }}</b>{% endpage_body %}')
    assert html.render(Context({"s": "one", "v": "<i>"})) == "<b>&lt;i&gt;</b>"
