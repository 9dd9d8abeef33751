"""Watchlists and alerts through the services and pages: saved once, raised once, seen by their owner only."""

from __future__ import annotations

import html
import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from articles.models import Alert, Article, LiveSource, Watchlist
from articles.services import alerts as alert_service
from articles.services.watchlists import create_watchlist, delete_watchlist
from tests.conftest import at, make_article, make_user

pytestmark = pytest.mark.django_db


def client_for(user) -> Client:
    c = Client()
    c.force_login(user)
    return c


@pytest.fixture
def other(db):
    return make_user("other", "analysts", email="other@example.org")


def test_save_the_list_filters_as_a_watchlist(analyst_client, analyst_user, tagged) -> None:
    page = analyst_client.get(reverse("article_list"), {"actor": "QAT", "role": "mediator"})
    query = html.unescape(
        re.search(r'name="query" value="([^"]*)"', page.content.decode()).group(1)
    )
    assert "actor=QAT" in query and "role=mediator" in query
    response = analyst_client.post(
        reverse("watchlist_create"),
        {
            "name": "قطر وسيطاً",
            "query": query + "&after=abc&facets=1",
            "email": "off",
            "language": "ar",
        },
    )
    assert response.status_code == 302
    w = Watchlist.objects.get()
    assert (w.owner, w.name, w.query) == (analyst_user, "قطر وسيطاً", "actor=QAT&role=mediator")
    assert w.criteria["actors"] == ["QAT"] and w.criteria["role"] == "mediator"
    listing = analyst_client.get(reverse("watchlist_list")).content.decode()
    assert "قطر وسيطاً" in listing and "قطر" in listing
    # Filters the list would refuse are refused here too, and names stay unique per user.
    analyst_client.post(
        reverse("watchlist_create"),
        {"name": "x", "query": "lang=fr", "email": "off", "language": "ar"},
    )
    analyst_client.post(
        reverse("watchlist_create"),
        {"name": "قطر وسيطاً", "query": "", "email": "off", "language": "ar"},
    )
    assert Watchlist.objects.count() == 1


def test_save_from_a_thread_page_keeps_the_thread(analyst_client, tagged) -> None:
    page = analyst_client.get(
        reverse("thread_detail", args=["gaza-truce"]), {"zoom": "day", "topic": "hostages"}
    )
    query = re.search(r'name="query" value="([^"]*)"', page.content.decode()).group(1)
    query = html.unescape(query)
    analyst_client.post(
        reverse("watchlist_create"),
        {"name": "gaza", "query": query, "email": "off", "language": "en"},
    )
    w = Watchlist.objects.get()
    assert w.criteria["thread"] == "gaza-truce" and w.criteria["topics"] == ["hostages"]
    assert "zoom" not in w.query


def test_edit_update_filters_and_delete(analyst_client, analyst_user, tagged) -> None:
    w = create_watchlist(analyst_user, name="a", query="actor=QAT")
    analyst_client.post(
        reverse("watchlist_edit", args=[w.pk]), {"name": "b", "email": "daily", "language": "en"}
    )
    w.refresh_from_db()
    assert (w.name, w.email, w.language) == ("b", "daily", "en")
    analyst_client.post(
        reverse("watchlist_create"), {"watchlist": str(w.pk), "query": "?topic=hostages"}
    )
    w.refresh_from_db()
    assert w.query == "topic=hostages" and w.criteria["topics"] == ["hostages"] and w.name == "b"
    analyst_client.post(reverse("watchlist_delete", args=[w.pk]))
    assert not Watchlist.objects.exists()


def test_another_users_watchlists_and_alerts_stay_invisible(
    analyst_client, analyst_user, other, tagged
) -> None:
    mine = create_watchlist(analyst_user, name="mine", query="")
    theirs = create_watchlist(other, name="theirs-secret", query="")
    alert_service.after_tagging(tagged["articles"])
    their_alert = Alert.objects.filter(watchlist=theirs).first()
    assert their_alert is not None and Alert.objects.filter(watchlist=mine).count() == 4
    assert "theirs-secret" not in analyst_client.get(reverse("watchlist_list")).content.decode()
    assert "theirs-secret" not in analyst_client.get(reverse("notification_list")).content.decode()
    for name in ("watchlist_edit", "watchlist_delete"):
        method = analyst_client.post if name.endswith("delete") else analyst_client.get
        assert method(reverse(name, args=[theirs.pk])).status_code == 404
    assert (
        analyst_client.post(
            reverse("watchlist_create"), {"watchlist": str(theirs.pk), "query": "lang=ar"}
        ).status_code
        == 404
    )
    assert (
        analyst_client.get(reverse("notification_open", args=[their_alert.pk])).status_code == 404
    )
    analyst_client.post(reverse("notifications_read"))
    assert Alert.objects.filter(watchlist=theirs, read_at__isnull=True).count() == 4
    theirs.refresh_from_db()
    assert theirs.query == "" and Watchlist.objects.filter(pk=theirs.pk).exists()


def test_accounts_outside_the_groups_keep_no_watchlists(db) -> None:
    nobody = client_for(make_user("nobody"))
    assert nobody.get(reverse("watchlist_list")).status_code == 403
    assert nobody.post(reverse("watchlist_create"), {"name": "x", "query": ""}).status_code == 403
    assert nobody.get(reverse("notification_list")).status_code == 403
    assert Client().get(reverse("watchlist_list")).status_code == 302  # to the login page


def test_alerts_are_raised_once_per_article(analyst_user, tagged) -> None:
    by_mediator = create_watchlist(
        analyst_user, name="qatar mediates", query="actor=QAT&role=mediator"
    )
    by_words = create_watchlist(analyst_user, name="doha", query="q=الدوحة")
    english = create_watchlist(analyst_user, name="english", query="lang=en")
    articles = tagged["articles"]
    assert alert_service.after_tagging(articles) == 2 + 1 + 1
    assert alert_service.after_tagging(articles) == 0  # a redelivered chunk
    got = {
        w.name: set(w.alerts.values_list("article_id", flat=True))
        for w in (by_mediator, by_words, english)
    }
    a1, a2, a3, a4 = (a.pk for a in articles)
    assert got == {"qatar mediates": {a1, a3}, "doha": {a1}, "english": {a3}}


def test_a_new_mediator_in_a_followed_thread(analyst_user, tagged) -> None:
    follow = create_watchlist(analyst_user, name="gaza", query="thread=gaza-truce&topic=nuclear")
    thread = tagged["thread"]
    newcomer = make_article(
        "تركيا تدخل على خط الوساطة",
        "أعلنت تركيا استعدادها للوساطة بين إسرائيل وحماس.",
        published=at("2024-03-05"),
        thread=thread,
        actors=["ISR", "hamas", "TUR"],
        parties=["ISR", "hamas"],
        mediators=["TUR", "QAT"],
    )
    alert_service.after_tagging([newcomer])
    moves = list(follow.alerts.values_list("trigger", "subject", "article_id"))
    assert moves == [("new_mediator", f"thread:{thread.pk}:new_mediator:TUR", newcomer.pk)]


def test_a_new_side_is_found_before_the_chunk_is_written(analyst_user, tagged) -> None:
    """Evaluated before the tagging transaction writes the chunk (``prepare``): the
    chunk's rows hold no tags yet, the thread's earlier articles are its counts."""
    follow = create_watchlist(analyst_user, name="gaza", query="thread=gaza-truce&topic=nuclear")
    thread = tagged["thread"]
    a = make_article("مقالة جديدة", "نص.", published=at("2024-03-06"))  # stored, not yet tagged
    b = make_article("مقالة أخرى", "نص.", published=at("2024-03-06"))
    for x in (a, b):
        x.thread_id, x.actors = thread.pk, ["ISR", "hamas", "JOR", "TUR"]
        x.parties, x.mediators = ["ISR", "hamas", "JOR"], ["QAT", "TUR"]
        x.tagged_at = None
    alert_service.prepare([a, b])
    drafts = [d for _, ds in (a._alert_drafts, b._alert_drafts) for d in ds]
    moves = sorted((d.trigger, d.subject) for d in drafts if d.trigger.startswith("new_"))
    assert moves == [
        ("new_mediator", f"thread:{thread.pk}:new_mediator:TUR"),
        ("new_party", f"thread:{thread.pk}:new_party:JOR"),
    ]
    assert alert_service.write_prepared([a, b]) == 2
    assert follow.alerts.count() == 2


def test_emails_at_once_and_daily_each_sent_once(analyst_user, other, tagged) -> None:
    analyst_user.email = "analyst@example.org"
    analyst_user.save()
    create_watchlist(analyst_user, name="قطر", query="actor=QAT", email="immediate", language="ar")
    create_watchlist(
        other, name="Hostages daily", query="topic=hostages", email="daily", language="en"
    )
    create_watchlist(other, name="quiet", query="", email="off")
    alert_service.after_tagging(tagged["articles"])
    assert alert_service.send_emails() == 3
    assert alert_service.send_emails() == 0
    (ar,) = mail.outbox
    assert ar.to == ["analyst@example.org"] and "قطر" in ar.subject and "تنبيهات" in ar.subject
    assert "/articles/" in ar.body and "استئناف المفاوضات في الدوحة" in ar.body
    assert alert_service.send_emails(digest=True) == 2
    assert alert_service.send_emails(digest=True) == 0
    en = mail.outbox[1]
    assert (
        en.to == ["other@example.org"] and "Hostages daily" in en.subject and "today" in en.subject
    )
    assert set(Alert.objects.values_list("email_status", flat=True)) == {"sent", "none"}


def test_atom_feed_behind_its_private_token(analyst_user, tagged) -> None:
    w = create_watchlist(analyst_user, name="Qatar", query="actor=QAT", language="en")
    alert_service.after_tagging(tagged["articles"])
    anonymous = Client()
    feed = anonymous.get(reverse("watchlist_feed", args=[w.feed_token]))
    assert feed.status_code == 200 and feed["Content-Type"].startswith("application/atom+xml")
    body = feed.content.decode()
    assert (
        body.count("<entry>") == 3 and "Qatar hosts talks" in body and "استئناف المفاوضات" in body
    )
    assert anonymous.get(reverse("watchlist_feed", args=["not-the-token"])).status_code == 404
    old = w.feed_token
    client_for(analyst_user).post(
        reverse("watchlist_edit", args=[w.pk]),
        {"name": "Qatar", "email": "off", "language": "en", "new_token": "1"},
    )
    assert anonymous.get(reverse("watchlist_feed", args=[old])).status_code == 404


def test_bell_notifications_and_reading(analyst_client, analyst_user, tagged) -> None:
    create_watchlist(analyst_user, name="english", query="lang=en")
    alert_service.after_tagging(tagged["articles"])
    home = analyst_client.get(reverse("home")).content.decode()
    assert re.search(r'class="bell-count"[^>]*>1<', home)
    page = analyst_client.get(reverse("notification_list")).content.decode()
    assert "Qatar hosts talks" in page and 'class="notification unread"' in page
    # Times say their zone (and the browser shows them in the reader's own).
    assert re.search(r'<time datetime="[^"]+" data-local="short">[^<]+ UTC</time>', page)
    alert = Alert.objects.get()
    response = analyst_client.get(reverse("notification_open", args=[alert.pk]))
    assert response.status_code == 302 and response["Location"] == reverse(
        "article_detail", args=[alert.article_id]
    )
    assert re.search(
        r'class="bell-count zero"[^>]*>0<', analyst_client.get(reverse("home")).content.decode()
    )


def test_sources_page_is_for_admins(analyst_client, admin_group_client, db) -> None:
    from django.utils import timezone

    LiveSource.objects.create(
        url="http://127.0.0.1:9/feed.xml",
        name="broken",
        last_error="HTTP 404",
        last_error_at=timezone.now(),
        failures=2,
    )
    assert analyst_client.get(reverse("source_list")).status_code == 403
    assert analyst_client.get(reverse("admin:articles_livesource_changelist")).status_code == 302
    page = admin_group_client.get(reverse("source_list"))
    assert page.status_code == 200 and "HTTP 404" in page.content.decode()
    assert re.search(r'data-local="short">[^<]+ UTC</time>', page.content.decode())


def test_alert_evaluation_follows_watchlist_changes(analyst_user, tagged) -> None:
    w = create_watchlist(analyst_user, name="w", query="lang=en")
    a1, _, a3, _ = tagged["articles"]
    alert_service.after_tagging([a3])
    assert w.alerts.count() == 1
    from articles.services.watchlists import update_watchlist

    update_watchlist(w, query="lang=ar")
    alert_service.after_tagging([a1])
    assert set(w.alerts.values_list("article_id", flat=True)) == {a3.pk, a1.pk}
    assert Article.objects.count() == 4


def test_a_followed_threads_state_change_and_planned_round(
    analyst_client, analyst_user, tagged
) -> None:
    import datetime as dt

    from django.utils import timezone

    from articles.models import Event, ThreadState

    follow = create_watchlist(analyst_user, name="gaza", query="thread=gaza-truce")
    thread = tagged["thread"]
    article = tagged["articles"][0]
    today = timezone.localdate()
    ThreadState.objects.create(thread=thread, state="stalled", start=today - dt.timedelta(days=1))
    ThreadState.objects.create(
        thread=thread, state="bargaining", start=today - dt.timedelta(days=90),
        end=today - dt.timedelta(days=2),
    )  # fmt: skip
    Event.objects.create(
        article=article, thread=thread, type="talks_planned", when=today + dt.timedelta(days=3)
    )
    Event.objects.create(
        article=article, thread=thread, type="talks_planned", when=today - dt.timedelta(days=30)
    )
    assert alert_service.after_tagging([article]) == 3
    assert alert_service.after_tagging([article]) == 0
    got = dict(follow.alerts.values_list("trigger", "subject"))
    assert got["state_change"] == f"thread:{thread.pk}:state:stalled:{today - dt.timedelta(days=1)}"
    assert got["talks_planned"] == f"thread:{thread.pk}:planned:{today + dt.timedelta(days=3)}"
    page = analyst_client.get(reverse("notification_list")).content.decode()
    assert "متعثرة" in page or "stalled" in page.lower() or "الآن" in page


def test_a_large_catch_is_one_alert_beyond_the_burst(analyst_client, analyst_user, tagged) -> None:
    """A bulk upload does not ring the bell once per article: past the burst, one alert says how many."""
    from django.conf import settings
    from django.utils import translation

    from articles.selectors.alerts import describe

    analyst_user.email = "analyst@example.org"
    analyst_user.save()
    w = create_watchlist(analyst_user, name="arabic", query="lang=ar", email="immediate")
    burst = settings.ALERT_BURST
    bulk = [
        make_article(f"مقالة {i}", f"نص المقالة رقم {i} عن المفاوضات.", published=at("2024-03-02"))
        for i in range(burst + 5)
    ]
    assert alert_service.after_tagging(bulk) == burst + 1
    assert alert_service.after_tagging(bulk) == 0  # a redelivered chunk
    singles = set(w.alerts.filter(trigger="article").values_list("article_id", flat=True))
    assert singles == {a.pk for a in bulk[:burst]}
    more = w.alerts.select_related("watchlist", "article").get(trigger="articles")
    assert more.detail == {"count": 5, "first": bulk[burst].pk, "last": bulk[-1].pk}
    with translation.override("en"):
        item = describe(more)
        assert item.title == "5 more articles match «arabic»"
    with translation.override("ar"):
        assert describe(more).title == "5 مقالات أخرى تطابق «arabic»"
    assert item.url == reverse("article_list") + "?lang=ar"
    # A chunk within the burst (plus one) alerts article by article.
    few = [make_article(f"x{i}", "نص آخر.", published=at("2024-03-03")) for i in range(burst + 1)]
    assert alert_service.after_tagging(few) == burst + 1
    assert w.alerts.filter(trigger="articles").count() == 1
    # One email for the watchlist lists the singles and the rest.
    alert_service.send_emails([w.pk])
    assert len(mail.outbox) == 1
    assert "5 مقالات أخرى تطابق «arabic»" in mail.outbox[0].body
    assert "/articles/?lang=ar" in mail.outbox[0].body


def test_bell_is_read_from_the_cache_and_dropped_when_alerts_change(
    analyst_client, analyst_user, tagged, django_capture_on_commit_callbacks
) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def bell() -> str:
        home = analyst_client.get(reverse("home")).content.decode()
        return re.search(r'class="bell-count[^"]*"[^>]*>(\d+)<', home).group(1)

    watchlist = create_watchlist(analyst_user, name="english", query="lang=en")
    assert bell() == "0"
    with CaptureQueriesContext(connection) as queries:
        assert bell() == "0"
    assert not [q for q in queries if "articles_alert" in q["sql"]]
    # New alerts, deleting their watchlist and reading them each show on the next page.
    with django_capture_on_commit_callbacks(execute=True):
        alert_service.after_tagging(tagged["articles"])
    assert bell() == "1"
    delete_watchlist(watchlist)
    assert bell() == "0"
    create_watchlist(analyst_user, name="english again", query="lang=en")
    alert_service.after_tagging(tagged["articles"])
    assert bell() == "1"
    alert_service.mark_read(analyst_user)
    assert bell() == "0"
