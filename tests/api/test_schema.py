"""The OpenAPI schema and its offline Swagger UI."""

from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_schema_describes_the_endpoints(analyst_api) -> None:
    response = analyst_api.get(reverse("api_schema"), {"format": "json"})
    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    paths = schema["paths"]
    assert "/api/articles/" in paths
    params = {p["name"] for p in paths["/api/articles/"]["get"]["parameters"]}
    assert {"actor", "actor_mode", "role", "topic", "date_from", "date_to", "q", "cursor"} <= params
    assert "/api/export.csv" in paths
    assert "/api/threads/{key}/timeline/" in paths


def test_docs_page_loads_assets_locally(client, analyst) -> None:
    client.force_login(analyst)
    page = client.get(reverse("api_docs")).content.decode()
    assert "cdn" not in page.lower()
    asset = reverse("api_docs_asset", args=["swagger-ui-dist/swagger-ui-bundle.js"])
    assert asset in page
    response = client.get(asset)
    assert response.status_code == 200
    assert client.get(reverse("api_docs_asset", args=["../__init__.py"])).status_code == 404
