"""An analyst saves a watchlist in the browser; new articles ring the bell, once, in Arabic and in English."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from articles.models import Alert, Watchlist
from articles.services import alerts as alert_service
from tests.browser.conftest import wait_until
from tests.browser.test_pages import log_in
from tests.conftest import at, make_article, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def analyst(transactional_db):
    return make_user("analyst", "analysts", email="analyst@example.org")


def bell(page) -> str:
    return page.locator(".bell-count").inner_text().strip()


def test_watchlist_saved_in_the_browser_rings_the_bell(page, analyst, tagged) -> None:
    log_in(page)
    # Arabic interface: save the list's filters (Qatar as mediator) as a watchlist.
    page.goto(reverse("article_list") + "?actor=QAT&role=mediator")
    assert bell(page) == "0"
    page.locator(".save-watchlist summary").click()
    page.fill("#wl-name", "قطر وسيطاً")
    page.select_option("#wl-email", "immediate")
    page.locator(".save-watchlist button[type=submit]").click()
    page.wait_for_url(re.compile(r"/watchlists/$"))
    assert "قطر وسيطاً" in page.locator("table.watchlists").inner_text()
    watchlist = Watchlist.objects.get()
    assert (watchlist.query, watchlist.language, watchlist.email) == (
        "actor=QAT&role=mediator",
        "ar",
        "immediate",
    )

    # An Arabic article arrives and is tagged: the bell shows it once.
    arabic = make_article(
        "قطر تستضيف جولة جديدة",
        "استضافت قطر جولة جديدة من المفاوضات بين إسرائيل وحماس.",
        published=at("2024-03-10"),
        thread=tagged["thread"],
        actors=["ISR", "QAT", "hamas"],
        parties=["ISR", "hamas"],
        mediators=["QAT"],
    )
    alert_service.after_tagging([arabic])
    alert_service.after_tagging([arabic])  # evaluated twice: still one alert
    page.goto(reverse("home"))
    assert bell(page) == "1"
    page.locator("a.bell").click()
    page.wait_for_url(re.compile(r"/notifications/$"))
    items = page.locator("li.notification")
    assert items.count() == 1 and "قطر تستضيف جولة جديدة" in items.inner_text()
    items.locator("a").click()
    page.wait_for_url(re.compile(rf"/articles/{arabic.pk}/$"))
    assert bell(page) == "0"

    # English interface, an English article: the same way, in English.
    page.locator("form.lang-switch button[value=en]").click()
    wait_until(page, "document.documentElement.dir === 'ltr'")
    english = make_article(
        "Qatar mediates again",
        "Qatar mediated a new exchange between Israel and Hamas.",
        published=at("2024-03-11"),
        lang="en",
        actors=["ISR", "QAT", "hamas"],
        parties=["ISR", "hamas"],
        mediators=["QAT"],
    )
    alert_service.after_tagging([english])
    page.goto(reverse("notification_list"))
    assert bell(page) == "1"
    assert page.locator("h1").inner_text() == "Notifications"
    assert "Qatar mediates again" in page.locator("li.notification.unread").inner_text()

    # The feed reader's address on the watchlists page, and the email.
    page.goto(reverse("watchlist_list"))
    feed_url = page.locator("a.feed-link").get_attribute("href")
    feed = page.request.get(feed_url).text()
    assert feed.count("<entry>") == 2 and "Qatar mediates again" in feed
    assert alert_service.send_emails() == 2 and alert_service.send_emails() == 0
    assert Alert.objects.filter(email_status="sent").count() == 2
