"""The upload page: files in, a progress bar, then the batch report (``add_ingestbatch``)."""

from __future__ import annotations

from celery.result import AsyncResult
from django import forms
from django.contrib.auth.decorators import login_required, permission_required
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from articles.models import Article, IngestBatch
from articles.permissions import UPLOAD
from articles.services.uploads import accept_uploads
from articles.upload_limits import refused, upload_limit

from .row_errors import translate_reason


def uploader_required(view):
    """A login, then the permission to upload; a staff flag alone is not enough."""
    return login_required(permission_required(UPLOAD, raise_exception=True)(view))


def too_large(request, form: forms.Form) -> bool:
    """Whether the files were cut off at ``UPLOAD_MAX_BYTES``; says so on the form."""
    if request.method != "POST" or not refused(request):
        return False
    limit = filesizeformat(upload_limit())
    form.is_valid()
    form.errors.clear()  # "no file" is not the problem: the files were cut off
    form.cleaned_data = {}
    form.add_error(None, _("The upload is larger than %(limit)s.") % {"limit": limit})
    return True


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(d, initial) for d in data]
        return [single(data, initial)]


class UploadForm(forms.Form):
    files = MultipleFileField(
        label=_("Files"),
        widget=MultipleFileInput(
            attrs={"accept": ".json,.jsonl,.ndjson,.csv,.txt,.html,.htm,.zip"}
        ),
        help_text=_("JSON, JSON Lines, CSV, text, HTML, or a ZIP of any of these."),
    )


@uploader_required
def upload(request):
    form = UploadForm(request.POST or None, request.FILES or None)
    if too_large(request, form):
        recent = IngestBatch.objects.select_related("created_by")[:20]
        return render(request, "upload/form.html", {"form": form, "recent": recent}, status=413)
    if request.method == "POST" and form.is_valid():
        batches = accept_uploads(form.cleaned_data["files"], user=request.user)
        ids = ",".join(str(b.pk) for b in batches)
        return redirect(f"{request.path}progress/?batches={ids}")
    recent = IngestBatch.objects.select_related("created_by")[:20]
    return render(request, "upload/form.html", {"form": form, "recent": recent})


@uploader_required
def progress(request):
    ids = [int(x) for x in request.GET.get("batches", "").split(",") if x.isdecimal()]
    batches = IngestBatch.objects.filter(pk__in=ids).order_by("pk")
    return render(
        request, "upload/progress.html", {"batches": batches, "ids": ",".join(map(str, ids))}
    )


@uploader_required
@require_GET
def status(request):
    """Progress of each batch, read from its Celery task's state and the batch row."""
    ids = [int(x) for x in request.GET.get("batches", "").split(",") if x.isdecimal()]
    out = []
    for b in IngestBatch.objects.filter(pk__in=ids).order_by("pk"):
        meta = {}
        state = "PENDING"
        if b.task_id:
            result = AsyncResult(b.task_id)
            state = result.state
            meta = result.info if isinstance(result.info, dict) else {}
        done = b.status in (IngestBatch.Status.DONE, IngestBatch.Status.FAILED)
        expected = meta.get("expected") or 0
        read = b.read_count if done else meta.get("read", b.read_count)
        percent = 100 if done else (min(99, int(100 * read / expected)) if expected else 0)
        out.append(
            {
                "id": b.pk,
                "file": b.filename,
                "state": state,
                "status": b.status,
                "done": done,
                "percent": percent,
                "read": read,
                "created": b.created_count if done else meta.get("created", b.created_count),
                "duplicates": b.duplicate_count
                if done
                else meta.get("duplicates", b.duplicate_count),
                "rejected": b.rejected_count if done else meta.get("rejected", b.rejected_count),
                "failed": b.status == IngestBatch.Status.FAILED,
                "message": b.message if done else "",
            }
        )
    return JsonResponse({"batches": out})


REPORT_ARTICLES = 20


@uploader_required
def report(request, pk: int):
    """The batch's counts, its rejected rows in the reader's language, and what it created."""
    batch = get_object_or_404(IngestBatch, pk=pk)
    errors = [
        {**e, "reason": translate_reason(str(e.get("reason", "")))}
        for e in batch.errors
        if isinstance(e, dict)
    ]
    created = list(
        Article.objects.filter(batch=batch)
        .order_by("id")
        .values("id", "title", "published_at")[:REPORT_ARTICLES]
    )
    return render(
        request,
        "upload/report.html",
        {"batch": batch, "errors": errors, "created": created},
    )
