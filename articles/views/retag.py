"""Progress of a re-tag started from the admin: a bar fed by the Celery group's results."""

from __future__ import annotations

from celery.result import GroupResult
from django.contrib.auth.decorators import login_required, permission_required
from django.http import Http404, JsonResponse
from django.shortcuts import render

from articles.permissions import RETAG
from negotiation_tracker.celery import app


def _group(group_id: str) -> GroupResult:
    result = GroupResult.restore(group_id, app=app)
    if result is None:
        raise Http404("unknown or expired re-tag job")
    return result


@login_required
@permission_required(RETAG, raise_exception=True)
def retag_progress(request, group_id: str):
    result = _group(group_id)
    return render(
        request, "upload/retag.html", {"group_id": group_id, "total": len(result.results)}
    )


@login_required
@permission_required(RETAG, raise_exception=True)
def retag_status(request, group_id: str):
    result = _group(group_id)
    total = len(result.results)
    done = result.completed_count()
    articles = sum(r.result for r in result.results if r.successful() and isinstance(r.result, int))
    return JsonResponse(
        {
            "chunks": total,
            "chunks_done": done,
            "articles_done": articles,
            "failed": sum(1 for r in result.results if r.failed()),
            "percent": int(100 * done / total) if total else 100,
            "done": done == total,
        }
    )
