"""Polling live sources end to end against the local server, through the uploads' ingest path."""

from __future__ import annotations

import io
import re
from datetime import timedelta

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone
from django_celery_beat.models import PeriodicTask

from articles.ingest import Record
from articles.models import Article, IngestBatch, LiveEntry, LiveSource
from articles.services.ingest import create_batch, ingest_items
from articles.services.sources import poll_source, register_source
from tests.live.server import page, rss
from tests.live.texts import AR_CAIRO, AR_CP1256, AR_DOHA, EN_MUSCAT

pytestmark = pytest.mark.django_db

DATE = "Mon, 06 Jan 2025 10:00:00 GMT"


def arabic_site(web) -> str:
    web.add("/ar/1.html", page(*AR_DOHA))
    web.add("/ar/2.html", page(*AR_CAIRO))
    return web.add(
        "/ar/feed.xml",
        rss((AR_DOHA[0], "{base}/ar/1.html", DATE), (AR_CAIRO[0], "{base}/ar/2.html", DATE)),
        content_type="application/rss+xml; charset=utf-8",
        etag='"feed-v1"',
    )


def poll(*args: str) -> str:
    out = io.StringIO()
    call_command("poll_sources", *args, stdout=out)
    return out.getvalue()


def test_add_source_registers_a_schedule(web) -> None:
    url = arabic_site(web)
    out = io.StringIO()
    call_command(
        "add_source", url, "--name", "الجزيرة", "--interval", "15", "--lang", "ar", stdout=out
    )
    source = LiveSource.objects.get()
    assert (source.url, source.name, source.lang, source.interval_minutes) == (
        url,
        "الجزيرة",
        "ar",
        15,
    )
    assert source.outlet.name == "الجزيرة"
    task = PeriodicTask.objects.get(pk=source.schedule_id)
    assert task.task == "live.poll_source" and task.args == f"[{source.pk}]"
    assert (task.interval.every, task.interval.period) == (15, "minutes") and task.enabled
    assert f"#{source.pk}" in out.getvalue()
    with pytest.raises(CommandError):
        call_command("add_source", "ftp://example.org/feed", stdout=io.StringIO())
    source.delete()
    assert not PeriodicTask.objects.filter(task="live.poll_source").exists()


def test_arabic_feed_is_stored_through_the_ingest_path(web) -> None:
    source = register_source(arabic_site(web), name="الجزيرة", lang="ar")
    out = poll("--once")
    assert "2 new" in out and "2 stored" in out
    articles = Article.objects.order_by("id")
    assert [a.title for a in articles] == [AR_CAIRO[0], AR_DOHA[0]] or {
        a.title for a in articles
    } == {
        AR_DOHA[0],
        AR_CAIRO[0],
    }
    a = articles.get(title=AR_DOHA[0])
    assert a.source.name == "الجزيرة" and a.lang == "ar" and a.url == web.url("/ar/1.html")
    assert "الوسطاء القطريين" in a.text and "All rights reserved" not in a.text  # main text only
    assert (
        a.published_at is not None and a.status == Article.Status.PENDING
    )  # queued for the workers
    assert a.batch.kind == IngestBatch.Kind.LIVE
    source.refresh_from_db()
    assert source.kind == LiveSource.Kind.FEED and source.etag == '"feed-v1"'
    assert source.last_success_at and source.failures == 0 and not source.last_error
    assert set(LiveEntry.objects.values_list("status", flat=True)) == {LiveEntry.Status.STORED}


def test_second_poll_is_conditional_and_fetches_nothing_seen(web) -> None:
    register_source(arabic_site(web))
    poll("--once")
    assert web.hits["/ar/1.html"] == 1
    out = poll("--once")
    assert "not modified" in out
    assert web.requests[-1][1].get("If-None-Match") == '"feed-v1"'
    # The feed changes: one new item, the old ones are not fetched again.
    web.add("/en/1.html", page(*EN_MUSCAT, lang="en"))
    web.add(
        "/ar/feed.xml",
        rss(
            (EN_MUSCAT[0], "{base}/en/1.html", DATE),
            (AR_DOHA[0], "{base}/ar/1.html", DATE),
            (AR_CAIRO[0], "{base}/ar/2.html", DATE),
        ),
        etag='"feed-v2"',
    )
    out = poll("--once")
    assert "1 new" in out and "1 stored" in out
    assert (
        web.hits["/ar/1.html"] == 1 and web.hits["/ar/2.html"] == 1 and web.hits["/en/1.html"] == 1
    )
    english = Article.objects.get(title=EN_MUSCAT[0])
    assert english.lang == "en"


def test_broken_feed_is_reported_and_the_others_still_polled(web) -> None:
    broken = register_source(
        web.add("/broken.xml", "<rss><channel><title>x</chan", content_type="application/rss+xml")
    )
    missing = register_source(web.url("/gone.xml"))
    good = register_source(arabic_site(web))
    out = poll("--once")
    assert "FAILED" in out and "2 stored" in out
    broken.refresh_from_db()
    missing.refresh_from_db()
    good.refresh_from_db()
    assert "not a readable feed" in broken.last_error and broken.failures == 1
    assert missing.last_error == "HTTP 404" and missing.last_error_at
    assert good.failures == 0 and Article.objects.count() == 2


def test_page_problems_are_reported_on_the_source(web) -> None:
    web.add("/empty.html", "<html><body><nav><a href='/'>Home</a></nav></body></html>")
    web.add("/slow.html", page(*AR_DOHA), delay=2.0)
    web.add("/moved.html", status=301, location="/ar/2.html")
    web.add("/ar/2.html", page(*AR_CAIRO))
    web.add(
        "/feed.xml",
        rss(
            ("gone", "{base}/gone.html", DATE),
            ("empty", "{base}/empty.html", DATE),
            ("slow", "{base}/slow.html", DATE),
            ("moved", "{base}/moved.html", DATE),
        ),
        content_type="application/rss+xml",
    )
    source = register_source(web.url("/feed.xml"))
    report = poll_source(source.pk, force=True)
    assert (report.stored, report.failed) == (1, 3)
    statuses = dict(LiveEntry.objects.values_list("url", "status"))
    assert statuses[web.url("/gone.html")] == LiveEntry.Status.FAILED
    assert statuses[web.url("/empty.html")] == LiveEntry.Status.EMPTY
    assert statuses[web.url("/slow.html")] == LiveEntry.Status.FAILED
    assert statuses[web.url("/moved.html")] == LiveEntry.Status.STORED
    assert Article.objects.get().url == web.url("/ar/2.html")  # where the redirect ended
    source.refresh_from_db()
    assert source.failures == 0 and source.last_success_at  # the feed itself is fine
    assert source.last_error  # the last page problem, with its reason
    errors = dict(LiveEntry.objects.values_list("url", "error"))
    assert errors[web.url("/gone.html")] == "HTTP 404"
    assert "no main text" in errors[web.url("/empty.html")]
    assert "timed out" in errors[web.url("/slow.html")]
    # The 404 and the empty page are not tried again; the timeout is.
    web.routes["/slow.html"].delay = 0
    report = poll_source(source.pk, force=True)
    assert report.stored == 1 and web.hits["/gone.html"] == 1 and web.hits["/empty.html"] == 1


def test_cp1256_page_is_read_as_arabic(web) -> None:
    body = page(*AR_CP1256, charset="windows-1256").encode("cp1256")
    web.add("/cp.html", body, content_type="text/html")
    web.add(
        "/feed.xml", rss((AR_CP1256[0], "{base}/cp.html", DATE)), content_type="application/rss+xml"
    )
    register_source(web.url("/feed.xml"))
    poll("--once")
    article = Article.objects.get()
    assert article.title == AR_CP1256[0] and "الوساطة القطرية المصرية" in article.text


def test_duplicate_of_an_uploaded_story_is_not_stored_again(web) -> None:
    title, *paragraphs = AR_DOHA
    upload = create_batch(kind=IngestBatch.Kind.UPLOAD, filename="upload.jsonl")
    ingest_items(upload, [Record(title=title, text="\n\n".join(paragraphs))], queue=False)
    assert Article.objects.count() == 1
    register_source(arabic_site(web))
    out = poll("--once")
    assert "1 duplicates" in out and Article.objects.count() == 2
    entry = LiveEntry.objects.get(url=web.url("/ar/1.html"))
    assert entry.status == LiveEntry.Status.DUPLICATE


def test_single_article_url_and_sitemap(web) -> None:
    web.add("/en/1.html", page(*EN_MUSCAT, lang="en"), last_modified=DATE)
    web.add("/ar/1.html", page(*AR_DOHA))
    now = timezone.now().strftime("%Y-%m-%dT%H:%M:%SZ")
    web.add(
        "/news.xml",
        '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"><url><loc>{base}/ar/1.html</loc>'
        f"<news:news><news:publication><news:name>X</news:name><news:language>ar</news:language>"
        f"</news:publication><news:publication_date>{now}</news:publication_date>"
        "<news:title>t</news:title></news:news></url></urlset>",
        content_type="application/xml",
    )
    web.add(
        "/index.xml",
        '<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        "<sitemap><loc>{base}/news.xml</loc></sitemap></sitemapindex>",
        content_type="application/xml",
    )
    single = register_source(web.url("/en/1.html"), lang="en")
    index = register_source(web.url("/index.xml"))
    poll("--once")
    single.refresh_from_db()
    index.refresh_from_db()
    assert (single.kind, index.kind) == (LiveSource.Kind.PAGE, LiveSource.Kind.SITEMAP)
    assert set(Article.objects.values_list("title", flat=True)) == {EN_MUSCAT[0], AR_DOHA[0]}
    poll("--once")  # the page answers 304, the sitemap's entry is known
    assert (
        web.hits["/en/1.html"] == 2 and web.hits["/ar/1.html"] == 1 and Article.objects.count() == 2
    )


def test_failures_back_off_then_disable(web, settings) -> None:
    settings.LIVE_MAX_FAILURES = 3
    web.add("/down.xml", "oops", status=500)
    source = register_source(web.url("/down.xml"), interval_minutes=10)
    report = poll_source(source.pk)
    assert report.error == "HTTP 500"
    source.refresh_from_db()
    assert source.next_poll_at > timezone.now() + timedelta(minutes=9)
    assert poll_source(source.pk).skipped  # not due: backing off
    for _ in range(2):
        LiveSource.objects.filter(pk=source.pk).update(next_poll_at=None)
        poll_source(source.pk)
    source.refresh_from_db()
    assert not source.enabled and "3 failed polls" in source.disabled_reason
    assert source.next_poll_at > timezone.now() + timedelta(minutes=35)  # 10 × 2²
    assert not PeriodicTask.objects.get(pk=source.schedule_id).enabled
    assert poll_source(source.pk).skipped == "disabled"
    web.add("/down.xml", rss())
    assert "FAILED" not in poll("--once", "--source", str(source.pk))  # an admin's explicit poll
    source.refresh_from_db()
    assert source.enabled and source.failures == 0


def test_robots_disallowed_entries_are_never_fetched(web) -> None:
    web.add("/robots.txt", "User-agent: *\nDisallow: /ar/2.html\n", content_type="text/plain")
    register_source(arabic_site(web))
    poll("--once")
    assert web.hits["/ar/2.html"] == 0
    assert LiveEntry.objects.get(url=web.url("/ar/2.html")).status == LiveEntry.Status.BLOCKED


def test_poll_sources_checks_ids() -> None:
    with pytest.raises(CommandError, match="no live source"):
        poll("--once", "--source", "999")


def test_admin_adds_a_source_and_sees_its_health(web, admin_client) -> None:
    url = arabic_site(web)
    response = admin_client.post(
        reverse("admin:articles_livesource_add"),
        {"url": url, "name": "الجزيرة", "kind": "auto", "lang": "ar", "interval_minutes": "20",
         "enabled": "on"},
    )  # fmt: skip
    assert response.status_code == 302, response.content.decode()[:2000]
    source = LiveSource.objects.get()
    assert source.outlet.name == "الجزيرة"
    assert PeriodicTask.objects.get(pk=source.schedule_id).interval.every == 20
    web.add("/gone.html", status=404)
    web.add(
        "/ar/feed.xml",
        rss(("gone", "{base}/gone.html", DATE), (AR_DOHA[0], "{base}/ar/1.html", DATE)),
        content_type="application/rss+xml",
    )
    poll("--once")
    page = admin_client.get(reverse("admin:articles_livesource_change", args=[source.pk]))
    html = page.content.decode()
    assert page.status_code == 200 and "HTTP 404" in html and web.url("/gone.html") in html
    listing = admin_client.get(reverse("admin:articles_livesource_changelist")).content.decode()
    assert re.search(r"\b0[.,\u066b]1\b", listing)  # one article in a week: 0.1 a day
    admin_client.post(
        reverse("admin:articles_livesource_change", args=[source.pk]),
        {"url": url, "name": "الجزيرة", "outlet": source.outlet_id, "kind": "feed", "lang": "ar",
         "interval_minutes": "45", "enabled": ""},
    )  # fmt: skip
    task = PeriodicTask.objects.get(pk=source.schedule_id)
    assert task.interval.every == 45 and not task.enabled
