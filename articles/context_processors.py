"""The header's bell: unread alerts of the signed-in user, counted only if a page shows it."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject


def alerts(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}

    def count() -> int:
        from articles.selectors.alerts import unread_count

        return unread_count(user)

    return {"unread_alerts": SimpleLazyObject(count)}
