from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from tests.conftest import api_token

from . import factories


@pytest.fixture(autouse=True)
def own_cache(private_cache) -> None:
    """Every API test has a cache of its own (``private_cache``): thread states and
    counts cached by one test must not answer another."""


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
