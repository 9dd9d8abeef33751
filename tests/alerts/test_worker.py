"""Alerts on the real path: a live feed polled by a worker, tagged, matched, delivered once in each channel."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from articles.models import Alert, Article
from articles.services import alerts as alert_service
from articles.services.sources import register_source
from articles.services.watchlists import create_watchlist
from negotiation_tracker.celery import app
from tests.conftest import make_user
from tests.live.conftest import web  # noqa: F401 (fixture)
from tests.live.server import page, rss
from tests.live.texts import AR_DOHA, EN_MUSCAT, EN_OTHER
from tests.pipeline.test_worker import wait_for, worker  # noqa: F401

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.worker]

DATE = "Mon, 06 Jan 2025 10:00:00 GMT"


@pytest.fixture
def lexicon(transactional_db):
    from articles.services.lexicon import load_lexicon

    return load_lexicon()


def test_alerts_arrive_in_all_three_channels_once(web, lexicon, worker, settings) -> None:  # noqa: F811
    settings.SITE_URL = "http://tracker.example"
    arabic = make_user("rana", "analysts", email="rana@example.org")
    english = make_user("james", "analysts", email="james@example.org")
    w_ar = create_watchlist(
        arabic, name="قطر وسيطاً", query="actor=QAT&role=mediator", email="immediate", language="ar"
    )
    w_en = create_watchlist(
        english,
        name="Nuclear talks",
        query="topic=nuclear&lang=en",
        email="immediate",
        language="en",
    )
    web.add("/ar/1.html", page(*AR_DOHA))
    web.add("/en/1.html", page(*EN_MUSCAT, lang="en"))
    web.add("/en/2.html", page(*EN_OTHER, lang="en"))
    web.add(
        "/feed.xml",
        rss(
            (AR_DOHA[0], "{base}/ar/1.html", DATE),
            (EN_MUSCAT[0], "{base}/en/1.html", DATE),
            (EN_OTHER[0], "{base}/en/2.html", DATE),
        ),
        content_type="application/rss+xml",
    )
    source = register_source(web.url("/feed.xml"), name="Example")
    app.send_task("live.poll_source", args=[source.pk, True]).get(timeout=180)
    wait_for(lambda: Article.objects.filter(tagged_at__isnull=False).count() == 3, 180)
    wait_for(lambda: len(mail.outbox) == 2, 180)

    doha = Article.objects.get(title=AR_DOHA[0])
    muscat = Article.objects.get(title=EN_MUSCAT[0])
    assert list(w_ar.alerts.values_list("article_id", flat=True)) == [doha.pk]
    assert list(w_en.alerts.values_list("article_id", flat=True)) == [muscat.pk]

    # Email: one message each, in the watchlist's language, linking to the article.
    by_to = {m.to[0]: m for m in mail.outbox}
    ar, en = by_to["rana@example.org"], by_to["james@example.org"]
    assert "قطر وسيطاً" in ar.subject and "تنبيه جديد" in ar.subject
    assert f"http://tracker.example/articles/{doha.pk}/" in ar.body and AR_DOHA[0] in ar.body
    assert "Nuclear talks" in en.subject and "1 new alert" in en.subject
    assert f"http://tracker.example/articles/{muscat.pk}/" in en.body

    # In the product: the bell and the notifications page, each owner seeing only theirs.
    for user, title, other_title in (
        (arabic, AR_DOHA[0], EN_MUSCAT[0]),
        (english, EN_MUSCAT[0], AR_DOHA[0]),
    ):
        c = Client()
        c.force_login(user)
        assert re.search(r'class="bell-count"[^>]*>1<', c.get(reverse("home")).content.decode())
        page_html = c.get(reverse("notification_list")).content.decode()
        assert page_html.count(title) == 1 and other_title not in page_html

    # The feed reader's channel.
    feed = Client().get(reverse("watchlist_feed", args=[w_ar.feed_token])).content.decode()
    assert feed.count("<entry>") == 1 and AR_DOHA[0] in feed

    # Redelivered work raises and sends nothing again.
    assert alert_service.after_tagging(list(Article.objects.all())) == 0
    app.send_task("alerts.send_emails").get(timeout=180)
    app.send_task("live.poll_source", args=[source.pk, True]).get(timeout=180)
    assert len(mail.outbox) == 2 and Alert.objects.count() == 2 and Article.objects.count() == 3


def test_event_type_watchlists_on_the_worker_path(web, lexicon, worker) -> None:  # noqa: F811
    """Articles the worker tags alert the watchlists asking for their moves' types, once.

    What the worker stored decides: each watchlist's alerts are exactly the
    articles whose events carry its type. A move an analyst adds later alerts
    once, and a chunk the worker processes again raises nothing more.
    """
    from articles.models import Event
    from articles.services.events import record_event_correction

    analyst = make_user("noor", "analysts", email="noor@example.org")
    held = create_watchlist(analyst, name="rounds", query="event=talks_held,talks_planned")
    refused = create_watchlist(analyst, name="refusals", query="event=rejection&lang=en")
    web.add("/ar/1.html", page(*AR_DOHA))
    web.add("/en/1.html", page(*EN_MUSCAT, lang="en"))
    web.add(
        "/feed.xml",
        rss((AR_DOHA[0], "{base}/ar/1.html", DATE), (EN_MUSCAT[0], "{base}/en/1.html", DATE)),
        content_type="application/rss+xml",
    )
    source = register_source(web.url("/feed.xml"), name="Example")
    app.send_task("live.poll_source", args=[source.pk, True]).get(timeout=180)
    wait_for(lambda: Article.objects.filter(tagged_at__isnull=False).count() == 2, 180)

    def with_types(*types: str, lang: str = "") -> set[int]:
        events = Event.objects.filter(type__in=types)
        if lang:
            events = events.filter(article__lang=lang)
        return set(events.values_list("article_id", flat=True))

    rounds = with_types("talks_held", "talks_planned")
    assert rounds  # the tagger finds rounds held or planned in these stories
    assert set(held.alerts.values_list("article_id", flat=True)) == rounds
    assert set(refused.alerts.values_list("article_id", flat=True)) == with_types(
        "rejection", lang="en"
    )
    muscat = Article.objects.get(title=EN_MUSCAT[0])
    assert not refused.alerts.filter(article=muscat).exists() or "rejection" in set(
        muscat.events.values_list("type", flat=True)
    )
    record_event_correction(muscat, action="add", type="rejection", start=0, end=20)
    assert list(refused.alerts.values_list("article_id", flat=True)) == [muscat.pk]

    # Redelivered work: the worker processes the chunk again; nothing is raised twice.
    before = Alert.objects.count()
    ids = list(Article.objects.values_list("id", flat=True))
    Article.objects.filter(pk__in=ids).update(status=Article.Status.PENDING)
    app.send_task("articles.tasks.process_articles", args=[ids])  # keeps no result
    wait_for(lambda: not Article.objects.filter(status=Article.Status.PENDING).exists(), 180)
    assert Alert.objects.count() == before
    assert refused.alerts.count() == 1
