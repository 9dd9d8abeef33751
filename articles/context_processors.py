"""The header's bell: unread alerts of the signed-in user, counted only if a page shows it."""

from __future__ import annotations

from functools import cache
from typing import Any

from django.http import HttpRequest


def alerts(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}

    @cache
    def unread_alerts() -> int:
        # A callable: the template calls it where it shows the number, once per request.
        from articles.selectors.alerts import unread_count

        return unread_count(user)

    return {"unread_alerts": unread_alerts}
