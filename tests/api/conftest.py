from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from tests.conftest import api_token

from . import factories


@pytest.fixture
def world(db) -> factories.World:
    return factories.world()


@pytest.fixture
def analyst(db):
    return factories.user("analyst", "analysts")


@pytest.fixture
def analyst_api(analyst) -> APIClient:
    """An API client authenticated the notebook way: a token header."""
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {api_token(analyst)}")
    return client
