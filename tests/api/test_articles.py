"""Article, actor, topic and thread endpoints: fields, filters, pages."""

from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def ids(client, **params) -> list[int]:
    response = client.get(reverse("api_articles"), params)
    assert response.status_code == 200, response.content
    return [row["id"] for row in response.json()["results"]]


def test_list_fields_and_order(analyst_api, world) -> None:
    rows = analyst_api.get(reverse("api_articles")).json()["results"]
    # Undated first (NULLS FIRST, as the index orders them), then newest first.
    assert [r["id"] for r in rows] == [
        world.undated.pk,
        world.formulas.pk,
        world.iran.pk,
        world.gaza.pk,
        world.saudi.pk,
    ]
    gaza = next(r for r in rows if r["id"] == world.gaza.pk)
    assert gaza == {
        "id": world.gaza.pk,
        "title": "الوسطاء يستأنفون المحادثات",
        "url": world.gaza.url,
        "source": "test-wire",
        "published_at": "2025-01-10T09:00:00Z",
        "lang": "ar",
        "is_negotiation": True,
        "actors": ["EGY", "ISR", "QAT", "hamas"],
        "parties": ["ISR", "hamas"],
        "mediators": ["EGY", "QAT"],
        "topics": ["ceasefire", "hostages"],
        "thread": "gaza-ceasefire",
        "cited_sources": ["رويترز"],
        "cluster": None,
    }


def test_detail_has_text_and_mentions_but_no_internals(analyst_api, world) -> None:
    data = analyst_api.get(reverse("api_article", args=[world.gaza.pk])).json()
    assert data["text"] == world.gaza.text
    start, end = data["mentions"][0]["start"], data["mentions"][0]["end"]
    assert data["text"][start:end] == "قطر"
    for internal in ("raw_text", "search_text", "batch", "status", "error", "minhash"):
        assert internal not in data


def test_actor_any(analyst_api, world) -> None:
    assert set(ids(analyst_api, actor=["ISR", "USA"])) == {world.gaza.pk, world.iran.pk}
    assert set(ids(analyst_api, actor="ISR,USA", actor_mode="any")) == {
        world.gaza.pk,
        world.iran.pk,
    }


def test_actor_all(analyst_api, world) -> None:
    assert ids(analyst_api, actor=["ISR", "hamas"], actor_mode="all") == [world.gaza.pk]
    assert ids(analyst_api, actor=["ISR", "USA"], actor_mode="all") == []


def test_role(analyst_api, world) -> None:
    assert set(ids(analyst_api, actor="QAT")) == {
        world.gaza.pk,
        world.formulas.pk,
        world.undated.pk,
    }
    assert ids(analyst_api, actor="QAT", role="mediator") == [world.gaza.pk]
    assert ids(analyst_api, actor="QAT", role="party") == []
    assert ids(analyst_api, actor="OMN", role="mediator") == [world.iran.pk]


def test_topic_and_thread(analyst_api, world) -> None:
    assert ids(analyst_api, topic="nuclear") == [world.iran.pk]
    assert set(ids(analyst_api, topic=["nuclear", "hostages"])) == {world.gaza.pk, world.iran.pk}
    assert ids(analyst_api, thread="gaza-ceasefire") == [world.gaza.pk]


def test_date_range_is_inclusive(analyst_api, world) -> None:
    got = ids(analyst_api, date_from="2025-01-10", date_to="2025-02-15")
    assert got == [world.iran.pk, world.gaza.pk]
    assert ids(analyst_api, date_to="2024-12-31") == [world.saudi.pk]


def test_combined_filters(analyst_api, world) -> None:
    got = ids(analyst_api, actor="QAT", topic="ceasefire", date_from="2025-01-01")
    assert got == [world.gaza.pk]


def test_search_finds_clitic_forms(analyst_api, world) -> None:
    # «المفاوضات» in the query meets «ومفاوضات» in the text.
    assert ids(analyst_api, q="المفاوضات") == [world.gaza.pk]


def test_invalid_filter_is_a_400(analyst_api, world) -> None:
    response = analyst_api.get(reverse("api_articles"), {"date_from": "yesterday"})
    assert response.status_code == 400


def test_keyset_pages_walk_everything_once(analyst_api, world) -> None:
    seen: list[int] = []
    url = reverse("api_articles") + "?page_size=2"
    pages = 0
    while url:
        data = analyst_api.get(url).json()
        seen += [r["id"] for r in data["results"]]
        url = data["next"]
        pages += 1
    assert pages == 3
    assert len(seen) == len(set(seen)) == 5


def test_bad_cursor_is_a_404(analyst_api, world) -> None:
    response = analyst_api.get(reverse("api_articles"), {"cursor": "not-a-cursor"})
    assert response.status_code == 404


def test_actors_and_topics(analyst_api, world) -> None:
    actors = {a["id"]: a for a in analyst_api.get(reverse("api_actors")).json()}
    assert actors["QAT"]["name_ar"] == "قطر"
    topics = {t["id"] for t in analyst_api.get(reverse("api_topics")).json()}
    assert {"ceasefire", "nuclear"} <= topics


def test_threads(analyst_api, world) -> None:
    threads = {t["key"]: t for t in analyst_api.get(reverse("api_threads")).json()}
    gaza = threads["gaza-ceasefire"]
    assert gaza["article_count"] == 2
    assert sorted(gaza["parties"]) == ["ISR", "hamas"]
    assert sorted(gaza["mediators"]) == ["EGY", "QAT"]
    assert sorted(gaza["topics"]) == ["ceasefire", "hostages"]
    # Derived, not the stored default: nothing moved in the 30 days before the newest
    # article of the store (1 March), and no move was recorded, so no state.
    assert (gaza["status"], gaza["state"]) == ("quiet", None)
    assert gaza["first_date"] == "2025-01-10"
    detail = analyst_api.get(reverse("api_thread", args=["gaza-ceasefire"])).json()
    assert detail["milestones"] == []
    assert analyst_api.get(reverse("api_thread", args=["nope"])).status_code == 404


def test_timeline(analyst_api, world) -> None:
    from tests.api import factories

    factories.article(
        "جولة ثانية",
        "استمرار ومفاوضات التهدئة",
        published=factories.utc(2025, 1, 12, 7),
        thread=world.thread,
        is_negotiation=True,
    )
    url = reverse("api_timeline", args=["gaza-ceasefire"])
    daily = analyst_api.get(url).json()
    assert daily["total"] == 2
    assert daily["points"] == [
        {"date": "2025-01-10", "count": 1},
        {"date": "2025-01-12", "count": 1},
    ]
    weekly = analyst_api.get(url, {"bucket": "week"}).json()
    # 10 January 2025 is a Friday, the 12th a Sunday: the same ISO week.
    assert weekly["points"] == [{"date": "2025-01-06", "count": 2}]
