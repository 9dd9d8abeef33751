from __future__ import annotations

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

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
    token = Token.objects.create(user=analyst)
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client
