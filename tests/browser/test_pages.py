"""An analyst's walk through the pages in a real browser: Arabic first, then English."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from tests.browser.conftest import wait_until
from tests.conftest import TEST_PASSWORD, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def analyst(transactional_db):
    return make_user("analyst", "analysts")


def log_in(page, username: str = "analyst") -> None:
    page.goto(reverse("login"))
    page.fill("#id_username", username)
    page.fill("#id_password", TEST_PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r"^(?!.*/accounts/login/).*$"))


def card_titles(page) -> set[str]:
    return {t.strip() for t in page.locator(".card .card-title").all_inner_texts()}


def test_login_lands_on_home_in_arabic(page, analyst, tagged) -> None:
    page.goto(reverse("home"))
    assert "/accounts/login/" in page.url
    log_in(page)
    assert page.url.endswith(reverse("home"))
    html = page.locator("html")
    assert html.get_attribute("dir") == "rtl"
    assert html.get_attribute("lang") == "ar"


def test_thread_timeline(page, analyst, tagged) -> None:
    log_in(page)
    page.goto(reverse("thread_detail", args=["gaza-truce"]))
    assert page.locator("canvas#volume-chart").is_visible()
    timeline = page.locator("ol.timeline")
    assert timeline.is_visible()
    assert "استئناف المفاوضات في الدوحة" in timeline.inner_text()


def test_list_counts_arrive_after_the_page(page, analyst, tagged) -> None:
    log_in(page)
    page.goto(reverse("article_list"))
    # The counted panel replaces the plain one: counts beside the options.
    page.wait_for_selector("#filter-panel:not([data-facets-url]) span.count")
    assert "4" in page.locator("#filter-panel .match-count").inner_text()


def test_actor_filter_and_date_range(page, analyst, tagged) -> None:
    log_in(page)
    page.goto(reverse("article_list"))
    assert len(card_titles(page)) == 4
    page.select_option("#f-actor-add", "QAT")
    page.fill("#f-from", "2024-02-01")
    page.fill("#f-to", "2024-03-31")
    page.locator("form.filters button[type=submit]").click()
    page.wait_for_url(re.compile(r"actor=QAT"))
    assert "date_from=2024-02-01" in page.url
    # QAT in February-March: the Doha article and the minister's visit; the
    # January English article (QAT) and the Egyptian proposal (no QAT) drop out.
    assert card_titles(page) == {"استئناف المفاوضات في الدوحة", "زيارة وزير"}


def test_search_matches_a_clitic_form(page, analyst, tagged) -> None:
    log_in(page)
    page.goto(reverse("search"))
    page.fill("#s-q", "المفاوضات")
    page.locator("#s-q").press("Enter")
    page.wait_for_url(re.compile(r"[?&]q="))
    # «مصر تقترح هدنة» has only «ومفاوضات»: the conjunction and article fold away.
    assert "مصر تقترح هدنة" in card_titles(page)


def test_article_shows_highlighted_mentions(page, analyst, tagged) -> None:
    log_in(page)
    article = tagged["articles"][0]
    page.goto(reverse("article_detail", args=[article.pk]))
    mentions = page.locator(".article-text a.mention, .article-text mark")
    assert mentions.count() >= 2
    texts = set(mentions.all_inner_texts())
    assert {"قطر", "إسرائيل"} <= texts


def test_switch_to_english(page, analyst, tagged) -> None:
    log_in(page)
    page.goto(reverse("article_list"))
    assert page.locator("html").get_attribute("dir") == "rtl"
    page.locator("form.lang-switch button[value=en]").click()
    wait_until(page, "document.documentElement.dir === 'ltr'")
    assert page.locator("html").get_attribute("lang") == "en"
    assert "/articles/" in page.url
