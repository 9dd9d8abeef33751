"""The live sources page for admins: every source's health at a glance."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from articles.selectors import sources as selectors


@login_required
def source_list(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm("articles.view_livesource"):
        raise PermissionDenied
    return render(request, "live/sources.html", {"sources": selectors.health_rows()})
