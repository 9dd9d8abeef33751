"""The thread list and the timeline: zoom, windows, volume series, milestones, filters."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.test import Client
from django.urls import reverse

from articles.models import Milestone, Thread

pytestmark = pytest.mark.django_db


def test_thread_list(analyst_client: Client, tagged) -> None:
    Thread.objects.create(
        key="old-talks", name_ar="محادثات قديمة", name_en="Old talks", status="concluded"
    )
    response = analyst_client.get(reverse("thread_list"))
    html = response.content.decode()
    assert "مفاوضات الهدنة في غزة" in html and "محادثات قديمة" in html
    assert 'class="chip mediator"' in html
    only_active = analyst_client.get(reverse("thread_list"), {"status": "active"}).content.decode()
    assert "محادثات قديمة" not in only_active


def test_timeline_default_window_and_cards(analyst_client: Client, tagged) -> None:
    Milestone.objects.create(
        thread=tagged["thread"], date=dt.date(2024, 2, 12), label_ar="جولة القاهرة"
    )
    response = analyst_client.get(reverse("thread_detail", args=["gaza-truce"]))
    assert response.status_code == 200
    tl = response.context["tl"]
    # No zoom and no dates: the whole thread, at the zoom that fits its eight weeks.
    assert tl.zoom == "day"
    assert tl.date_to == dt.date(2024, 3, 1)
    assert tl.date_from == dt.date(2024, 1, 5)
    assert tl.shown == 3
    assert [g.kind for g in tl.groups] == ["day"] * 4  # three article days and the milestone's day
    chart = json.loads(
        response.content.decode()
        .split('<script id="volume-data" type="application/json">')[1]
        .split("</script>")[0]
    )
    assert sum(chart["counts"]) == 3
    assert chart["milestones"] == [{"date": "2024-02-12", "label": "جولة القاهرة"}]
    html = response.content.decode()
    assert "vendor/chart.js/chart.umd.min.js" in html
    assert "جولة القاهرة" in html


@pytest.mark.parametrize(
    ("zoom", "buckets"),
    [("day", 31), ("week", None), ("month", None), ("year", 1)],
)
def test_zoom_levels(analyst_client: Client, tagged, zoom: str, buckets: int | None) -> None:
    response = analyst_client.get(reverse("thread_detail", args=["gaza-truce"]), {"zoom": zoom})
    tl = response.context["tl"]
    assert tl.zoom == zoom
    if buckets is not None:
        assert len(tl.series) == buckets
    expected_group = "day" if zoom in ("day", "week") else "week"
    assert {g.kind for g in tl.groups} <= {expected_group}


def test_date_range_and_filters_narrow_the_timeline(analyst_client: Client, tagged) -> None:
    url = reverse("thread_detail", args=["gaza-truce"])
    response = analyst_client.get(
        url, {"zoom": "day", "date_from": "2024-02-01", "date_to": "2024-03-05"}
    )
    tl = response.context["tl"]
    assert tl.shown == 2
    assert sum(b.count for b in tl.series) == 2
    assert tl.series[0].start == dt.date(2024, 2, 1)
    response = analyst_client.get(url, {"zoom": "year", "topic": "hostages", "lang": "en"})
    tl = response.context["tl"]
    assert [c.title for g in tl.groups for c in g.cards] == ["Qatar hosts talks"]


def test_day_zoom_over_years_coarsens_the_series(analyst_client: Client, tagged) -> None:
    response = analyst_client.get(
        reverse("thread_detail", args=["gaza-truce"]),
        {"zoom": "day", "date_from": "2015-01-01", "date_to": "2024-03-01"},
    )
    tl = response.context["tl"]
    assert tl.series_zoom in ("week", "month")
    assert len(tl.series) <= 400


@pytest.mark.parametrize("zoom", ["year", "month", "week", "day", ""])
def test_a_window_of_centuries_stops_at_years(analyst_client: Client, tagged, zoom: str) -> None:
    """Coarser steps stop at years and never wrap round to days, over the widest window allowed."""
    response = analyst_client.get(
        reverse("thread_detail", args=["gaza-truce"]),
        {"zoom": zoom, "date_from": "1900-01-01", "date_to": "2100-12-31"},
    )
    assert response.status_code == 200
    tl = response.context["tl"]
    assert tl.series_zoom == "year"
    assert 0 < len(tl.series) <= 401
    assert sum(b.count for b in tl.series) == tl.thread.articles.exclude(published_at=None).count()


def test_the_volume_series_comes_from_the_rollups(analyst_client: Client, tagged) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    url = reverse("thread_detail", args=["gaza-truce"])
    with CaptureQueriesContext(connection) as queries:
        response = analyst_client.get(url, {"zoom": "month", "date_from": "2023-01-01"})
    series = response.context["tl"].series
    assert sum(b.count for b in series) == 3
    assert not [q for q in queries.captured_queries if "date_trunc" in q["sql"]]


def test_timeline_cards_colour_roles(analyst_client: Client, tagged) -> None:
    html = analyst_client.get(reverse("thread_detail", args=["gaza-truce"])).content.decode()
    assert 'class="chip party" href="/actors/ISR/"' in html
    assert 'class="chip mediator" href="/actors/QAT/"' in html
    assert "استؤنفت المفاوضات في الدوحة." in html  # key sentence


def test_unknown_and_merged_threads(analyst_client: Client, tagged) -> None:
    assert analyst_client.get(reverse("thread_detail", args=["nope"])).status_code == 404
    Thread.objects.create(
        key="old-key", name_ar="قديم", name_en="Old", merged_into=tagged["thread"]
    )
    response = analyst_client.get(reverse("thread_detail", args=["old-key"]))
    assert response.status_code == 302
    assert response["Location"] == reverse("thread_detail", args=["gaza-truce"])
