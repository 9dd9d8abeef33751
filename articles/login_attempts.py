"""The name a failed login is counted under.

django-axes stores the submitted username in a 255-character column; a
longer one (no account has one: usernames are at most 150 characters)
would make the failed login a database error instead of a refusal. The
name is cut to the length an account's name can have, which still counts
every attempt against the same (name, address) pair.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.http import HttpRequest


def username(request: HttpRequest, credentials: dict[str, Any] | None = None) -> str | None:
    """The submitted username, no longer than a real one can be."""
    field = get_user_model().USERNAME_FIELD
    if credentials:
        value = credentials.get(field)
    else:
        data = getattr(request, "data", request.POST)
        value = data.get(field)
    if value is None:
        return None
    limit = get_user_model()._meta.get_field(field).max_length or 150
    return str(value)[:limit]
