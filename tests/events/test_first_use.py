"""What a new user tripped over: the actor menu, exports, the token page, batch reports, times."""

from __future__ import annotations

import csv
import io

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from articles.models import Actor, IngestBatch
from articles.selectors.labels import actor_options_html
from articles.views.row_errors import translate_reason
from tests.conftest import make_user

pytestmark = pytest.mark.django_db


def test_actor_menu_offers_every_actor_before_any_is_marked(tagged):
    Actor.objects.create(id="ATA", kind="state", name_ar="أنتاركتيكا", name_en="Antarctica")
    assert 'value="ATA"' in actor_options_html()  # a bulk load marks nothing


def test_actor_menu_offers_the_actors_that_occur_with_both_names(tagged):
    Actor.objects.create(id="ATA", kind="state", name_ar="أنتاركتيكا", name_en="Antarctica")
    Actor.objects.create(id="X&Y", kind="org", name_ar='<b>"س"</b>', name_en="X & Y", seen=True)
    Actor.objects.filter(pk__in=["QAT", "EGY"]).update(seen=True)
    with translation.override("ar"):
        html = actor_options_html()
    assert 'value="ATA"' not in html and 'value="ISR"' not in html
    assert '<option value="QAT" data-ar="قطر" data-en="Qatar">قطر</option>' in html
    # Ids and names go through one escape; nothing of them is markup.
    assert (
        '<option value="X&amp;Y" data-ar="&lt;b&gt;&quot;س&quot;&lt;/b&gt;" data-en="X &amp; Y">'
        "&lt;b&gt;&quot;س&quot;&lt;/b&gt;</option>"
    ) in html
    with translation.override("en"):
        assert ">Qatar</option>" in actor_options_html()


def test_tagging_marks_the_actors_it_finds(tagged):
    from articles.services.corrections import record_correction

    record_correction(tagged["articles"][3], action="add_actor", actor_id="ISR", role="party")
    assert set(Actor.objects.filter(seen=True).values_list("pk", flat=True)) == {
        "EGY",
        "ISR",
        "QAT",
    }


def test_article_export_has_names_and_key_sentence(tagged, analyst_client):
    response = analyst_client.get(reverse("export_csv"), {"thread": "gaza-truce"})
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = {r["title"]: r for r in csv.DictReader(io.StringIO(body))}
    doha = rows["استئناف المفاوضات في الدوحة"]
    assert doha["actors"] == "ISR;QAT;hamas"  # ids for scripts…
    assert doha["actor_names"] == "إسرائيل;قطر;حماس"  # …names for people
    assert doha["mediator_names"] == "قطر" and doha["topic_names"] == "وقف إطلاق النار"
    assert doha["thread"] == "gaza-truce" and doha["thread_name"] == "مفاوضات الهدنة في غزة"
    assert doha["key_sentence"] == "استؤنفت المفاوضات في الدوحة."


def test_thread_and_search_pages_offer_exports(tagged, analyst_client):
    html = analyst_client.get(reverse("thread_detail", args=["gaza-truce"]), {"actor": "QAT"})
    html = html.content.decode()
    assert f"{reverse('export_csv')}?" in html and "thread=gaza-truce" in html
    assert "actor=QAT" in html
    html = analyst_client.get(reverse("search"), {"q": "المفاوضات"}).content.decode()
    assert f"{reverse('export_csv')}?q=" in html


def test_token_page_is_linked_and_its_examples_name_the_host(tagged, analyst_client):
    home = analyst_client.get(reverse("home")).content.decode()
    assert f'href="{reverse("api_token")}"' in home
    # The token's value is shown once, in the answer that made it.
    page = analyst_client.post(reverse("api_token")).content.decode()
    assert '"http://testserver/api/articles/?actor=QAT' in page
    assert '"http://testserver/api/events/?type=proposal' in page
    assert '"http://testserver/api/export.csv"' in page


@pytest.mark.parametrize(
    ("reason", "arabic"),
    [
        ("row 4: empty body", "الصف 4: النص فارغ"),
        ("item 2: expected an object, got a string", "العنصر 2: المتوقع كائن، والموجود string"),
        (
            "file is 80.0 MB, over the 50.0 MB limit",
            "حجم الملف 80.0 MB، فوق الحد 50.0 MB",
        ),
        (
            "the file: no text field (expected text, content or body)",
            "الملف: لا حقل للنص (المتوقع text أو content أو body)",
        ),
        ("something new went wrong", "something new went wrong"),  # unknown: as written
    ],
)
def test_row_errors_in_the_readers_language(reason, arabic):
    with translation.override("ar"):
        assert translate_reason(reason) == arabic
    with translation.override("en"):
        assert translate_reason(reason) == reason


def test_batch_report_translates_and_links_the_articles(tagged):
    batch = IngestBatch.objects.create(
        kind="upload",
        filename="x.jsonl",
        status="done",
        read_count=2,
        created_count=1,
        rejected_count=1,
        errors=[{"file": "x.jsonl", "line": 3, "reason": "row 3: empty body"}],
    )
    article = tagged["articles"][0]
    article.batch = batch
    article.save()
    client = Client()
    client.force_login(make_user("boss", "admins", is_staff=True))
    html = client.get(reverse("batch_report", args=[batch.pk])).content.decode()
    assert "الصف 3: النص فارغ" in html
    assert f'href="{reverse("article_detail", args=[article.pk])}"' in html
    assert 'data-local="short"' in html and "UTC" in html
