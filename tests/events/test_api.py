"""Events, states and roles in the API and in exports: filters, pages, names, permissions."""

from __future__ import annotations

import csv
import io
import json

import pytest
from django.contrib.auth.models import User
from django.urls import reverse
from rest_framework.test import APIClient

from articles.services.events import EventRow
from tests.conftest import api_token, make_user

from .conftest import put, sentence_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(db) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {api_token(make_user('reader', 'analysts'))}")
    return client


def test_events_filtered_by_thread_type_actor_and_date(story, api):
    url = reverse("api_events")
    everything = api.get(url).json()["results"]
    assert [e["type"] for e in everything] == [
        "talks_planned",
        "proposal",
        "proposal",
        "talks_held",
    ]
    first = everything[-1]
    assert first["thread"] == "gaza-truce" and first["source"] == "aljazeera"
    assert first["via"] == ["QAT"] and first["sentence"] == "Qatar hosted a new round of talks"
    assert {e["id"] for e in api.get(url, {"type": "proposal"}).json()["results"]} == {
        e["id"] for e in everything if e["type"] == "proposal"
    }
    # An actor matches in any slot: Hamas is a target of one proposal, an actor of the talks.
    assert len(api.get(url, {"actor": "hamas"}).json()["results"]) == 3
    assert len(api.get(url, {"actor": "hamas", "type": "proposal"}).json()["results"]) == 1
    dated = api.get(url, {"date_from": "2024-02-01", "date_to": "2024-02-29"}).json()["results"]
    assert [e["day"] for e in dated] == ["2024-02-11", "2024-02-10"]
    assert api.get(url, {"thread": "nope"}).json()["results"] == []
    assert api.get(url, {"type": "nonsense"}).json()["results"] == []


def test_events_page_by_a_seek(story, api):
    url = reverse("api_events")
    page = api.get(url, {"page_size": 3}).json()
    assert len(page["results"]) == 3 and page["next"]
    rest = api.get(page["next"]).json()
    assert [e["type"] for e in rest["results"]] == ["talks_held"] and rest["next"] is None
    assert api.get(url, {"cursor": "garbage"}).status_code == 404


def test_states_and_roles(story, api):
    states = api.get(reverse("api_thread_states"), {"thread": "gaza-truce"}).json()
    assert [(s["state"], s["start"], s["end"]) for s in states] == [
        ("contacts", "2024-01-05", "2024-02-09"),
        ("bargaining", "2024-02-10", None),
    ]
    changed = api.get(
        reverse("api_thread_states"), {"start_from": "2024-02-10", "start_to": "2024-02-10"}
    ).json()
    assert [(s["thread"], s["state"], s["cause"]) for s in changed] == [
        ("gaza-truce", "bargaining", "proposal")
    ]
    assert len(api.get(reverse("api_thread_states"), {"current": "true"}).json()) == 1
    roles = api.get(reverse("api_thread_roles", args=["gaza-truce"])).json()
    qatar = next(r for r in roles if r["actor"] == "QAT")
    assert qatar["name"] == "قطر" and qatar["spans"][0]["role"] == "mediator"
    assert api.get(reverse("api_thread_roles", args=["nope"])).status_code == 404


def test_export_carries_names_and_sentences(story, api):
    a2 = story["articles"][1]
    put(
        a2,
        EventRow(
            "accusation",
            actors=["ISR"],
            attributed_to="=HYPERLINK(1)",
            **sentence_of(a2, "اقترحت مصر هدنة جديدة"),
        ),
    )
    response = api.get(reverse("export_events_csv"), {"thread": "gaza-truce"})
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(body)))
    talks = next(r for r in rows if r["type"] == "talks_held")
    assert talks["actor_names"] == "إسرائيل;حماس" and talks["via_names"] == "قطر"
    assert talks["thread_name"] == "مفاوضات الهدنة في غزة" and talks["outlet"] == "الجزيرة"
    assert talks["sentence"] == "Qatar hosted a new round of talks"
    accusation = next(r for r in rows if r["type"] == "accusation")
    assert accusation["attributed_to"] == "'=HYPERLINK(1)"  # a spreadsheet will not run it
    data = json.loads(
        b"".join(api.get(reverse("export_events_json"), {"type": "proposal"}).streaming_content)
    )
    assert data["count"] == 1 and data["filters"] == {"type": "proposal"}
    assert data["events"][0]["actor_names"] == ["مصر"]


@pytest.mark.parametrize(
    ("name", "args"),
    [
        ("api_events", []),
        ("api_thread_states", []),
        ("api_thread_roles", ["gaza-truce"]),
        ("export_events_csv", []),
        ("export_events_json", []),
    ],
)
def test_permissions_as_for_articles(story, name, args):
    url = reverse(name, args=args)
    assert APIClient().get(url).status_code == 401
    nobody = APIClient()
    token = api_token(User.objects.create_user("nobody"))
    nobody.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    assert nobody.get(url).status_code == 403
    session = APIClient()
    session.force_login(make_user("chief", "admins"))
    assert session.get(url).status_code == 200


def test_schema_describes_events(api):
    schema = api.get(reverse("api_schema"), {"format": "json"}).json()
    paths = schema["paths"]
    assert {
        "/api/events/",
        "/api/thread-states/",
        "/api/threads/{key}/roles/",
        "/api/events/export.csv",
    } <= set(paths)
    names = {p["name"] for p in paths["/api/events/"]["get"]["parameters"]}
    assert {"thread", "type", "actor", "date_from", "date_to", "cursor"} <= names


def test_threads_carry_state_and_status(story, api):
    from articles.models import Thread

    Thread.objects.create(key="empty", name_ar="فارغ", name_en="Empty")
    threads = {t["key"]: t for t in api.get(reverse("api_threads")).json()}
    gaza = threads["gaza-truce"]
    assert (gaza["state"], gaza["state_since"], gaza["last_move"]) == (
        "bargaining",
        "2024-02-10",
        "2024-03-12",
    )
    assert gaza["status"] in ("active", "quiet")
    assert threads["empty"]["status"] == "empty" and threads["empty"]["state"] is None
    one = api.get(reverse("api_thread", args=["gaza-truce"])).json()
    assert one["state"] == "bargaining"
