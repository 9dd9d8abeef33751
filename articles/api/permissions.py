"""Who may read the API: the same people who may read the pages."""

from __future__ import annotations

from rest_framework.permissions import BasePermission
from rest_framework.request import Request
from rest_framework.views import APIView

from articles.permissions import is_admin, is_analyst


def can_read(user) -> bool:
    """Analysts and admins read; a logged-in user without a group sees nothing.

    Accounts are created before an admin puts them in a group, so being
    authenticated alone must not open the data.
    """
    return bool(user and user.is_authenticated and (is_analyst(user) or is_admin(user)))


class IsAnalystOrAdmin(BasePermission):
    """DRF form of :func:`can_read`, used by every API view."""

    message = "Only analysts and admins may read the API."

    def has_permission(self, request: Request, view: APIView) -> bool:
        return can_read(request.user)
