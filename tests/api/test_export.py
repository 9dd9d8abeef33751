"""CSV and JSON exports: same filters, Excel-friendly, formula-safe, capped."""

from __future__ import annotations

import csv
import io
import json

import pytest
from django.urls import reverse

from articles.api import export

pytestmark = pytest.mark.django_db


def body(response) -> str:
    assert response.status_code == 200, response.content
    return b"".join(response.streaming_content).decode("utf-8")


def test_csv_is_utf8_with_bom_and_arabic(analyst_api, world) -> None:
    response = analyst_api.get(reverse("export_csv"), {"actor": "ISR"})
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    text = body(response)
    assert text.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))
    assert [int(r["id"]) for r in rows] == [world.gaza.pk]
    assert rows[0]["title"] == "الوسطاء يستأنفون المحادثات"
    assert rows[0]["actors"] == "EGY;ISR;QAT;hamas"
    assert rows[0]["thread"] == "gaza-ceasefire"
    assert rows[0]["source"] == "test-wire"


def test_csv_quotes_formula_cells(analyst_api, world) -> None:
    text = body(analyst_api.get(reverse("export_csv"), {"date_from": "2025-03-01"}))
    (row,) = list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))
    assert row["title"] == '\'=HYPERLINK("http://evil.example","click")'
    assert row["cited_sources"] == "'+cmd;@SUM(A1);-2+3;وكالة"
    for cell in row.values():
        assert not cell.startswith(("=", "+", "-", "@"))


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@A1", "'@A1"),
        ("\tx", "'\tx"),
        ("قطر", "قطر"),
        (3, 3),
    ],
)
def test_safe_cell(value, expected) -> None:
    assert export.safe_cell(value) == expected


def test_json_export(analyst_api, world) -> None:
    response = analyst_api.get(reverse("export_json"), {"actor": ["ISR", "USA"]})
    data = json.loads(body(response))
    assert data["filters"] == {"actor": ["ISR", "USA"]}
    assert data["count"] == 2
    assert data["truncated"] is False
    assert [a["id"] for a in data["articles"]] == [world.iran.pk, world.gaza.pk]
    assert data["articles"][1]["mediators"] == ["EGY", "QAT"]
    assert data["articles"][1]["published_at"].startswith("2025-01-10T09:00:00")


def test_exports_are_capped_and_say_so(analyst_api, world, monkeypatch) -> None:
    monkeypatch.setattr(export, "EXPORT_LIMIT", 2)
    csv_response = analyst_api.get(reverse("export_csv"))
    assert csv_response["X-Export-Limit"] == "2"
    lines = list(csv.reader(io.StringIO(body(csv_response).removeprefix("\ufeff"))))
    assert len(lines) == 1 + 2 + 1
    assert lines[-1][0].startswith("# truncated")
    data = json.loads(body(analyst_api.get(reverse("export_json"))))
    assert data["count"] == 2
    assert data["truncated"] is True


def test_export_by_session_for_page_links(client, analyst, world) -> None:
    client.force_login(analyst)
    response = client.get(reverse("export_csv"), {"topic": "nuclear"}, HTTP_ACCEPT="text/csv")
    assert str(world.iran.pk) in body(response)


def test_export_errors_are_json(analyst_api, world) -> None:
    response = analyst_api.get(reverse("export_csv"), {"date_from": "bad"}, HTTP_ACCEPT="text/csv")
    assert response.status_code == 400
    assert "date_from" in response.json()
