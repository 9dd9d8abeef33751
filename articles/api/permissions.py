"""Who may read the API: the same people who may read the pages."""

from __future__ import annotations

from rest_framework.permissions import BasePermission
from rest_framework.request import Request
from rest_framework.views import APIView

from articles.permissions import READ, can


def can_read(user) -> bool:
    """Whoever holds ``view_article`` (analysts, admins); a bare login sees nothing.

    Accounts are created before an admin puts them in a group, so being
    authenticated alone must not open the data.
    """
    return can(user, READ)


class IsAnalystOrAdmin(BasePermission):
    """DRF form of :func:`can_read`, used by every API view and export."""

    message = "Reading the API needs the permission to view articles."

    def has_permission(self, request: Request, view: APIView) -> bool:
        return can_read(request.user)
