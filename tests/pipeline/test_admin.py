"""The admin's write paths: one article by hand, file uploads, thread review, candidates."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from articles.ingest import Record
from articles.models import Article, Candidate, IngestBatch, LexiconState, Person, Thread
from articles.services import threads as thread_service
from articles.services.lexicon import accept_candidate
from articles.services.processing import process_articles
from tests.pipeline.test_processing import OTHER
from tests.pipeline.test_tagging import TALKS

pytestmark = pytest.mark.django_db


def test_admin_adds_one_article_which_is_queued_for_processing(admin_client):
    response = admin_client.post(
        "/admin/articles/article/add/",
        {
            "title": "مفاوضات",
            "raw_text": TALKS + "\n\nكلمات دلالية: غزة قطر",
            "url": "",
            "published_at_0": "2024-05-06",
            "published_at_1": "10:00:00",
            "lang": "",
            "publisher": "",
            "byline": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    article = Article.objects.get()
    assert article.status == Article.Status.PENDING
    assert article.lang == "ar"
    assert "كلمات دلالية" not in article.text and "كلمات دلالية" in article.raw_text
    assert len(article.content_hash) == 40
    assert article.bands.count() == 16


def test_admin_upload_creates_a_batch_per_file(admin_client):
    page = admin_client.get("/admin/articles/ingestbatch/")
    assert "/admin/articles/ingestbatch/upload/" in page.content.decode()
    files = [
        SimpleUploadedFile("a.txt", ("عنوان\n" + OTHER).encode("utf-8")),
        SimpleUploadedFile("b.txt", ("عنوان\n" + TALKS).encode("cp1256")),
    ]
    response = admin_client.post("/admin/articles/ingestbatch/upload/", {"files": files})
    assert response.status_code == 302
    batches = IngestBatch.objects.order_by("pk")
    assert [b.filename for b in batches] == ["a.txt", "b.txt"]
    assert all(b.kind == IngestBatch.Kind.ADMIN for b in batches)


def test_proposed_thread_is_accepted_merged_and_split(lexicon, store):
    store(
        Record(title="a", text=TALKS),
        Record(title="b", text=TALKS + " وأضاف المسؤول أن الجولة المقبلة قريبة."),
    )
    ids = list(Article.objects.values_list("id", flat=True))
    process_articles(ids)
    first, second = Article.objects.order_by("id")
    shipped = first.thread
    proposed = Thread.objects.create(key="proposed:ISR+hamas:ceasefire", name_ar="م", name_en="p",
                                     status=Thread.Status.PROPOSED)  # fmt: skip
    Article.objects.filter(pk=second.pk).update(thread=proposed)
    thread_service.accept([proposed])
    proposed.refresh_from_db()
    assert proposed.status == Thread.Status.ACTIVE
    assert set(proposed.core_parties.values_list("pk", flat=True)) >= {"ISR", "hamas"}

    target = thread_service.merge([shipped, proposed])
    assert Article.objects.filter(thread=target).count() == 2
    target.refresh_from_db()
    assert target.article_count == 2

    new = thread_service.split([second.pk])
    second.refresh_from_db()
    assert second.thread_id == new.pk
    from articles.services.tagging import tag_articles

    tag_articles([second.pk], force=True)  # the split survives a re-tag
    second.refresh_from_db()
    assert second.thread_id == new.pk


def test_accepting_a_candidate_adds_a_person_and_moves_the_lexicon(lexicon):
    candidate = Candidate.objects.create(name="يوهان مثال", title="المبعوث الأممي")
    before = LexiconState.objects.get().version
    person = accept_candidate(candidate, affiliation_id="un")
    candidate.refresh_from_db()
    assert candidate.status == Candidate.Status.ACCEPTED
    assert Person.objects.get(pk=person.pk).affiliation_id == "un"
    assert LexiconState.objects.get().version > before


def test_candidate_accept_button(admin_client, lexicon):
    candidate = Candidate.objects.create(name="يوهان مثال", title="المبعوث")
    listing = admin_client.get("/admin/articles/candidate/").content.decode()
    assert f"/admin/articles/candidate/{candidate.pk}/accept/" in listing
    url = f"/admin/articles/candidate/{candidate.pk}/accept/"
    # A GET (a link, an image tag on another site) only asks for confirmation.
    confirm = admin_client.get(url)
    assert confirm.status_code == 200
    assert not Person.objects.filter(name_ar="يوهان مثال").exists()
    assert 'name="csrfmiddlewaretoken"' in confirm.content.decode()
    response = admin_client.post(url)
    assert response.status_code == 302
    assert Person.objects.filter(name_ar="يوهان مثال").exists()


def test_candidate_accept_needs_csrf_and_an_existing_id(lexicon):
    from django.test import Client

    from tests.conftest import make_user

    boss = make_user("boss", "admins", is_staff=True)
    client = Client(enforce_csrf_checks=True)
    client.force_login(boss)
    candidate = Candidate.objects.create(name="يوهان مثال", title="المبعوث")
    url = f"/admin/articles/candidate/{candidate.pk}/accept/"
    assert client.post(url).status_code == 403  # no CSRF token
    assert not Person.objects.filter(name_ar="يوهان مثال").exists()
    assert client.get("/admin/articles/candidate/987654/accept/").status_code == 404
    assert client.post("/admin/articles/candidate/987654/accept/").status_code == 403
    token = client.get(url).context["csrf_token"]
    assert client.post(url, {"csrfmiddlewaretoken": str(token)}).status_code == 302
    assert Person.objects.filter(name_ar="يوهان مثال").exists()


def test_a_staff_analyst_cannot_accept_a_candidate(lexicon):
    from django.test import Client

    from tests.conftest import make_user

    client = Client()
    client.force_login(make_user("staffer", "analysts", is_staff=True))
    candidate = Candidate.objects.create(name="يوهان مثال", title="المبعوث")
    assert client.post(f"/admin/articles/candidate/{candidate.pk}/accept/").status_code == 403
    assert not Person.objects.filter(name_ar="يوهان مثال").exists()


def test_a_tagged_article_offers_its_new_name_with_the_affiliation_of_its_title(
    admin_client, lexicon
):
    from tests.conftest import at, make_article

    text = (
        "استضافت تركيا جولة جديدة من المفاوضات بين الصومال وإثيوبيا بوساطة تركية. "
        "وقال وزير الخارجية الصومالي أحمد معلم فقي إن المحادثات في أنقرة حققت تقدما."
    )
    article = make_article("محادثات أنقرة", text, published=at("2024-12-01"))
    Article.objects.filter(pk=article.pk).update(status=Article.Status.PENDING)
    process_articles([article.pk], tag=True)
    candidate = Candidate.objects.get()
    assert (candidate.name, candidate.suggested_affiliation_id) == ("أحمد معلم فقي", "SOM")
    listing = admin_client.get("/admin/articles/candidate/").content.decode()
    assert str(candidate.suggested_affiliation) in listing
    assert '<span dir="auto">' in listing and "وزير الخارجية الصومالي" in listing
    admin_client.post(f"/admin/articles/candidate/{candidate.pk}/accept/")
    assert Person.objects.get(name_ar="أحمد معلم فقي").affiliation_id == "SOM"


def test_candidate_context_is_escaped_in_the_admin(admin_client, lexicon):
    Candidate.objects.create(name="اسم", title="المبعوث", context="<script>alert(1)</script>")
    listing = admin_client.get("/admin/articles/candidate/").content.decode()
    assert "<script>alert(1)</script>" not in listing
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in listing
