"""API views: parse the request, run the shared filter, serialise.

Every view reads through :class:`~articles.api.permissions.IsAnalystOrAdmin`
and accepts a DRF token (notebooks) or the session cookie (the pages'
Export links), so the API never shows more than the pages do.
"""

from __future__ import annotations

from pathlib import Path

import drf_spectacular_sidecar
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, DateField, QuerySet
from django.db.models.functions import Trunc
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods
from django.views.static import serve
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from knox.models import AuthToken
from rest_framework import generics
from rest_framework.negotiation import BaseContentNegotiation
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.throttling import ScopedRateThrottle
from rest_framework.views import APIView

from articles.filters import ArticleFilter
from articles.models import Actor, Article, Thread, Topic

from . import export
from .pagination import PublishedKeysetPagination
from .permissions import IsAnalystOrAdmin, can_read
from .serializers import (
    ARTICLE_LIST_FIELDS,
    ActorSerializer,
    ArticleDetailSerializer,
    ArticleSerializer,
    ThreadDetailSerializer,
    ThreadSerializer,
    TimelineSerializer,
    TopicSerializer,
)

_LIST_COLUMNS = [f for f in ARTICLE_LIST_FIELDS if f not in ("source", "thread", "cluster")]


def _articles() -> QuerySet[Article]:
    """Articles with only the columns the list shows: text and the search vector stay on disk."""
    return Article.objects.select_related("source", "thread").only(
        *_LIST_COLUMNS, "source__name", "thread__key", "cluster_id"
    )


class ArticleList(generics.ListAPIView):
    """Articles newest first, filtered exactly as the article list page filters them."""

    permission_classes = [IsAnalystOrAdmin]
    serializer_class = ArticleSerializer
    filterset_class = ArticleFilter
    pagination_class = PublishedKeysetPagination

    def get_queryset(self) -> QuerySet[Article]:
        return _articles()


class ArticleDetail(generics.RetrieveAPIView):
    """One article with its cleaned text and the offsets of actor mentions."""

    permission_classes = [IsAnalystOrAdmin]
    serializer_class = ArticleDetailSerializer

    def get_queryset(self) -> QuerySet[Article]:
        return Article.objects.select_related("source", "thread").defer(
            "raw_text", "search_text", "search_vector", "title_vector", "minhash", "confidence"
        )


class ActorList(generics.ListAPIView):
    """The actor lexicon (a few hundred rows, so one page)."""

    permission_classes = [IsAnalystOrAdmin]
    serializer_class = ActorSerializer
    pagination_class = None
    filterset_class = None
    queryset = Actor.objects.all()


class TopicList(generics.ListAPIView):
    permission_classes = [IsAnalystOrAdmin]
    serializer_class = TopicSerializer
    pagination_class = None
    filterset_class = None
    queryset = Topic.objects.all()


def _threads() -> QuerySet[Thread]:
    return Thread.objects.select_related("merged_into").prefetch_related(
        "core_parties", "mediators", "topics"
    )


class ThreadList(generics.ListAPIView):
    """Threads still in use (merged ones point at their successor and are left out)."""

    permission_classes = [IsAnalystOrAdmin]
    serializer_class = ThreadSerializer
    pagination_class = None
    filterset_class = None

    def get_queryset(self) -> QuerySet[Thread]:
        return _threads().filter(merged_into__isnull=True)

    def list(self, request: Request, *args, **kwargs) -> Response:
        """Every thread with its state and status, read for the whole list at once."""
        from articles.selectors.thread_state import thread_rows

        threads = list(self.filter_queryset(self.get_queryset()))
        context = self.get_serializer_context()
        context["thread_rows"] = {r.thread.pk: r for r in thread_rows(threads)}
        return Response(self.get_serializer_class()(threads, many=True, context=context).data)


class ThreadDetail(generics.RetrieveAPIView):
    permission_classes = [IsAnalystOrAdmin]
    serializer_class = ThreadDetailSerializer
    lookup_field = "key"

    def get_queryset(self) -> QuerySet[Thread]:
        return _threads().prefetch_related("milestones")


class ThreadTimeline(APIView):
    """Article counts of a thread per day or week: the data of its timeline chart."""

    permission_classes = [IsAnalystOrAdmin]

    @extend_schema(
        parameters=[
            OpenApiParameter("bucket", OpenApiTypes.STR, enum=["day", "week"], default="day")
        ],
        responses=TimelineSerializer,
    )
    def get(self, request: Request, key: str) -> Response:
        thread = get_object_or_404(Thread, key=key)
        bucket = request.query_params.get("bucket", "day")
        if bucket not in ("day", "week"):
            bucket = "day"
        points = list(
            Article.objects.filter(thread=thread, published_at__isnull=False)
            .annotate(date=Trunc("published_at", bucket, output_field=DateField()))
            .values("date")
            .annotate(count=Count("id"))
            .order_by("date")
        )
        data = {
            "thread": thread.key,
            "bucket": bucket,
            "total": sum(p["count"] for p in points),
            "points": points,
        }
        return Response(TimelineSerializer(data).data)


class FirstRenderer(BaseContentNegotiation):
    """Errors of an export render as JSON whatever the client accepts.

    A spreadsheet or ``pandas.read_csv`` may ask for ``text/csv`` only; DRF
    would answer 406 before the view ran. The file itself is a streaming
    response and bypasses renderers altogether.
    """

    def select_parser(self, request: Request, parsers: list) -> object:
        return parsers[0]

    def select_renderer(
        self, request: Request, renderers: list, format_suffix: str | None = None
    ) -> tuple[object, str]:
        return renderers[0], renderers[0].media_type


class _Export(generics.ListAPIView):
    """Exports are up to 100,000 rows each: a reader gets ``export`` of them per hour."""

    permission_classes = [IsAnalystOrAdmin]
    throttle_classes = [ScopedRateThrottle]
    throttle_scope = "export"
    serializer_class = ArticleSerializer
    filterset_class = ArticleFilter
    pagination_class = None
    content_negotiation_class = FirstRenderer
    filename = "articles"

    def get_queryset(self) -> QuerySet[Article]:
        return Article.objects.all()

    def filters(self) -> dict[str, list[str] | str]:
        """The query as given, echoed into the file so an export says what it holds."""
        return {
            k: (v if len(v) > 1 else v[0])
            for k, v in self.request.query_params.lists()
            if k in ArticleFilter.base_filters
        }


class ExportCSV(_Export):
    """The filtered articles as CSV (UTF-8 with BOM), newest first, at most 100,000 rows."""

    @extend_schema(responses={(200, "text/csv"): OpenApiTypes.STR})
    def get(self, request: Request) -> StreamingHttpResponse:
        limit = export.EXPORT_LIMIT
        records = export.rows(self.filter_queryset(self.get_queryset()), limit)
        response = StreamingHttpResponse(
            export.csv_stream(records, limit), content_type="text/csv; charset=utf-8"
        )
        response["Content-Disposition"] = 'attachment; filename="articles.csv"'
        response["X-Export-Limit"] = str(limit)
        return response


class ExportJSON(_Export):
    """The filtered articles as one JSON object: filters, articles, count, truncated."""

    @extend_schema(responses={(200, "application/json"): OpenApiTypes.OBJECT})
    def get(self, request: Request) -> StreamingHttpResponse:
        limit = export.EXPORT_LIMIT
        records = export.rows(self.filter_queryset(self.get_queryset()), limit)
        response = StreamingHttpResponse(
            export.json_stream(records, self.filters(), limit), content_type="application/json"
        )
        response["Content-Disposition"] = 'attachment; filename="articles.json"'
        response["X-Export-Limit"] = str(limit)
        return response


class Schema(SpectacularAPIView):
    """The OpenAPI document, for the same readers as the data it describes."""

    permission_classes = [IsAnalystOrAdmin]


_SIDECAR = Path(drf_spectacular_sidecar.__file__).parent / "static" / "drf_spectacular_sidecar"
_DOC_ASSETS = {
    "swagger-ui-dist/swagger-ui.css",
    "swagger-ui-dist/swagger-ui-bundle.js",
    "swagger-ui-dist/swagger-ui-standalone-preset.js",
    "swagger-ui-dist/favicon-32x32.png",
}


class SwaggerUI(SpectacularSwaggerSplitView):
    """Swagger UI from the files of ``drf-spectacular-sidecar``, never from a CDN.

    The assets are served by :func:`docs_asset` so the page works offline
    without adding the sidecar to ``INSTALLED_APPS``; its start-up script
    comes from a second request (``?script``), not inline, as the Content
    Security Policy demands.
    """

    permission_classes = [IsAnalystOrAdmin]
    url_name = "api_schema"

    @staticmethod
    def _swagger_ui_resource(filename: str) -> str:
        return reverse("api_docs_asset", args=[f"swagger-ui-dist/{filename}"])

    @staticmethod
    def _swagger_ui_favicon() -> str:
        return reverse("api_docs_asset", args=["swagger-ui-dist/favicon-32x32.png"])


def docs_asset(request: HttpRequest, path: str) -> HttpResponse:
    """One of the four Swagger UI files, cached by the browser for a day."""
    if path not in _DOC_ASSETS:
        raise Http404(path)
    response = serve(request, path, document_root=str(_SIDECAR))
    response["Cache-Control"] = "public, max-age=86400"
    return response


@login_required
@require_http_methods(["GET", "POST"])
def api_token(request: HttpRequest) -> HttpResponse:
    """The user's API token: POST makes a new one (ending the others) and shows it once.

    Only a hash of a token is stored (django-rest-knox), so its value can be
    shown only in the answer that made it; a token expires after
    ``REST_KNOX["TOKEN_TTL"]`` and every token of an account ends when its
    password changes (``accounts``).
    """
    if not can_read(request.user):
        raise PermissionDenied
    key = None
    if request.method == "POST":
        AuthToken.objects.filter(user=request.user).delete()
        _, key = AuthToken.objects.create(user=request.user)
    token = (
        AuthToken.objects.filter(user=request.user, expiry__gt=timezone.now())
        .order_by("-created")
        .first()
    )
    response = render(
        request,
        "api/token.html",
        {
            "token": token,
            "key": key,
            # Not "articles_url": the page header names its own link that way.
            "api_articles_url": request.build_absolute_uri(reverse("api_articles")),
            "api_events_url": request.build_absolute_uri(reverse("api_events")),
            "api_export_url": request.build_absolute_uri(reverse("export_csv")),
        },
    )
    response["Cache-Control"] = "no-store"
    return response
