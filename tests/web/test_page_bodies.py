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


def test_the_timeline_reads_its_thread_once_per_write(
    analyst_client: Client, tagged, django_capture_on_commit_callbacks
) -> None:
    from articles import cache
    from articles.models import Milestone

    thread = tagged["thread"]
    url = reverse("thread_detail", args=[thread.key])
    analyst_client.get(url)
    with CaptureQueriesContext(connection) as statements:
        analyst_client.get(url + "?zoom=week")
    assert not [q for q in statements.captured_queries if "articles_thread" in q["sql"]]
    # A milestone added here shows on this process's next read, before any commit.
    Milestone.objects.create(thread=thread, date=at("2024-02-12").date(), label_ar="جولة القاهرة")
    assert "جولة القاهرة" in analyst_client.get(url).content.decode()
    # A write another process made (no signal here) shows once its version moves.
    Milestone.objects.bulk_create(
        [Milestone(thread=thread, date=at("2024-02-14").date(), label_ar="جولة الدوحة")]
    )
    assert "جولة الدوحة" not in analyst_client.get(url).content.decode()
    own = dict(cache._touched)
    with django_capture_on_commit_callbacks(execute=True):
        invalidate([thread_scope(thread.pk)])
    cache._touched.clear()
    cache._touched.update(own)  # only the shared version moved, as for another process
    assert "جولة الدوحة" in analyst_client.get(url).content.decode()


def test_a_thread_renamed_or_merged_shows_at_once(analyst_client: Client, tagged) -> None:
    from articles.models import Thread

    thread = tagged["thread"]
    url = reverse("thread_detail", args=[thread.key])
    analyst_client.get(url)
    thread.name_ar = "اسم جديد للمسار"
    thread.save(update_fields=["name_ar"])
    assert "اسم جديد للمسار" in analyst_client.get(url).content.decode()
    target = Thread.objects.create(key="other-track", name_ar="مسار آخر", name_en="Other")
    thread.merged_into = target
    thread.save(update_fields=["merged_into"])
    response = analyst_client.get(url)
    assert response.status_code == 302 and response["Location"].endswith("/threads/other-track/")
