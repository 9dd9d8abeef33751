"""A thread's story in a real browser: event lanes, the state band, role history, corrections."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from articles.models import Event
from tests.browser.conftest import wait_until
from tests.conftest import make_user

from .test_pages import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CHART = "Chart.getChart(document.getElementById('story-chart'))"


@pytest.fixture
def analyst(transactional_db):
    return make_user("analyst", "analysts")


def open_story(page) -> None:
    """The thread page, once its story (fetched after the page) is drawn."""
    page.goto(reverse("thread_detail", args=["gaza-truce"]))
    wait_until(page, f"!!window.Chart && !!document.getElementById('story-chart') && !!{CHART}")


def point(page, type_: str) -> dict:
    """The page position of the first lane point of a move type (the chart in view)."""
    page.locator("#story-chart").scroll_into_view_if_needed()
    return page.evaluate(
        f"""(type) => {{
          const chart = {CHART};
          const i = chart.data.datasets.findIndex(d => d.data.some(p => p.t === type));
          const el = chart.getDatasetMeta(i).data[0];
          const box = chart.canvas.getBoundingClientRect();
          return {{x: box.left + el.x, y: box.top + el.y}};
        }}""",
        type_,
    )


def test_event_lanes_state_band_and_role_history(page, analyst, story) -> None:
    log_in(page)
    open_story(page)
    lanes = page.evaluate(f"{CHART}.options.scales.y.labels")
    assert lanes == ["محادثات مقررة", "محادثات جرت", "مقترح"]  # the lanes present, in order
    # Hover: the move's type, day and sentence in the tooltip.
    at = point(page, "proposal")
    page.mouse.move(at["x"], at["y"])
    tip = page.locator("#story-tip")
    tip.wait_for(state="visible")
    assert "مقترح" in tip.inner_text()
    # Click: the reports of that move, fetched and shown under the chart.
    page.mouse.click(at["x"], at["y"])
    detail = page.locator("#move-detail .move")
    detail.first.wait_for()
    assert "اقترحت مصر هدنة جديدة" in page.locator("#move-detail").inner_text()
    # The list of moves says the proposal came from two outlets, the talks from one.
    moves = page.locator("div.story-panel > ol.moves > li.move")
    assert moves.count() == 3
    assert page.locator("div.story-panel > ol.moves li.ev-talks_held .badge.single").is_visible()
    assert (
        "الشرق الأوسط"
        in page.locator("div.story-panel > ol.moves li.ev-proposal .move-reports").inner_text()
    )
    state_band(page)
    role_history(page)
    # Filter by a type of move: one lane, one move.
    page.locator("form.story-filters input[value=talks_held]").check()
    page.locator("form.story-filters button[type=submit]").click()
    page.wait_for_url(re.compile(r"etype=talks_held"))
    wait_until(page, f"!!window.Chart && !!document.getElementById('story-chart') && !!{CHART}")
    assert page.evaluate(f"{CHART}.options.scales.y.labels") == ["محادثات جرت"]
    assert page.locator("div.story-panel > ol.moves > li.move").count() == 1


def state_band(page) -> None:
    """The state band is drawn over the lanes, and listed under the chart."""
    # The band's stretch for "bargaining" (from 10 February) has the state's colour.
    pixel = page.evaluate(
        f"""() => {{
          const chart = {CHART};
          const x = chart.scales.x.getPixelForValue(Date.UTC(2024, 1, 20) / 86400000);
          const y = chart.chartArea.top - 13;
          const ratio = chart.canvas.width / chart.canvas.getBoundingClientRect().width;
          return Array.from(chart.ctx.getImageData(x * ratio, y * ratio, 1, 1).data);
        }}"""
    )
    assert pixel[:3] == [0xFD, 0xE6, 0x8A]  # --st-bargaining
    page.locator("details.state-runs summary").click()
    runs = page.locator("ol.state-band li").all_inner_texts()
    assert len(runs) == 2 and "اتصالات" in runs[0] and "مساومة" in runs[1]
    assert "مساومة" in page.locator(".story-status .state-chip").inner_text()


def role_history(page) -> None:
    """The role history in the thread's head (Qatar mediates since January 2024), and on
    the actor's page across threads."""
    lines = page.locator(".role-history li").all_inner_texts()
    qatar = next(line for line in lines if line.startswith("قطر"))
    assert "وسيط" in qatar and "منذ يناير 2024" in qatar
    page.locator(".role-history a", has_text="قطر").click()
    page.wait_for_url(re.compile(r"/actors/QAT/"))
    [line] = page.locator("ul.actor-roles li").all_inner_texts()
    assert line.startswith("مفاوضات الهدنة في غزة") and "وسيط" in line
    page.go_back()
    wait_until(page, f"!!window.Chart && !!document.getElementById('story-chart') && !!{CHART}")


def test_an_analyst_corrects_the_moves(page, analyst, story) -> None:
    article = story["articles"][3]  # the minister's visit: no thread, no move yet
    article.thread = story["thread"]
    article.save()
    log_in(page)
    page.goto(reverse("article_detail", args=[article.pk]))
    # Select words of the sentence in the text: the form picks the sentence.
    page.evaluate(
        """() => {
          const text = document.querySelector('.article-text');
          const node = text.firstChild;
          const at = node.textContent.indexOf('القاهرة');
          const range = document.createRange();
          range.setStart(node, at); range.setEnd(node, at + 7);
          const sel = window.getSelection(); sel.removeAllRanges(); sel.addRange(range);
          text.dispatchEvent(new MouseEvent('mouseup', {bubbles: true}));
        }"""
    )
    chosen = page.locator("form.event-add select[name=sentence]").input_value()
    assert chosen == f"0:{len(article.text)}"
    page.select_option("form.event-add select[name=type]", "talks_held")
    page.select_option("form.event-add select[name=slot_QAT]", "actors")
    page.select_option("form.event-add select[name=slot_EGY]", "actors")
    page.locator("form.event-add button[type=submit]").click()
    page.wait_for_url(re.compile(r"#moves$"))
    assert "محادثات جرت" in page.locator("#moves").inner_text()
    event = Event.objects.get(article=article)
    assert (event.type, event.actors, event.origin) == ("talks_held", ["EGY", "QAT"], "analyst")
    # …and the thread's story shows it at once.
    open_story(page)
    assert page.locator(f"#move-{event.pk}").is_visible()
    # A wrong move removed: gone from the article and from the story.
    article = story["articles"][2]
    wrong = Event.objects.get(article=article)
    page.goto(reverse("article_detail", args=[article.pk]))
    page.locator("form.event-fix button[value=remove]").click()
    page.wait_for_url(re.compile(r"#moves$"))
    assert page.locator("#moves form.event-fix").count() == 0
    assert not Event.objects.filter(article=article).exists()
    open_story(page)
    assert page.locator(f"#move-{wrong.pk}").count() == 0
    assert page.locator(f"#move-{event.pk}").is_visible()


def test_actor_menu_type_ahead_in_both_scripts(page, analyst, story) -> None:
    log_in(page)
    page.goto(reverse("article_list"))
    box = page.locator("#filter-panel input.typeahead").first
    for query in ("Qatar", "قطر", "القطر"):
        box.fill(query)
        assert page.locator("#f-actor-add").input_value() == "QAT"
    # Only the actors articles name are offered (the fixture's four).
    values = page.eval_on_selector_all("#f-actor-add option", "os => os.map(o => o.value)")
    assert sorted(v for v in values if v) == ["EGY", "ISR", "QAT", "hamas"]
