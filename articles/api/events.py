"""Events, thread states and role history in the API, and the moves as CSV or JSON.

The same readers as the article API (analysts and admins, token or
session), the same shapes of filter: ``thread`` (key), ``type`` and
``actor`` (repeated or comma-separated; an actor matches in any slot),
``date_from``/``date_to`` on the day the timeline places the event. Pages
go by a seek on ``(day, id)``, newest first, so page 1,000 costs what
page 1 costs.
"""

from __future__ import annotations

import base64
import binascii
import csv
import json
from collections.abc import Iterable, Iterator
from datetime import date
from typing import Any

import django_filters
from django.db.models import Q, QuerySet
from django.http import StreamingHttpResponse
from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import generics, serializers
from rest_framework.exceptions import NotFound
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.throttling import ScopedRateThrottle
from rest_framework.views import APIView

from articles.filters import BoundedDateFilter, DateRangeForm, MultipleValueFilter
from articles.models import Event, EventType, Thread, ThreadState
from articles.selectors import labels, role_history

from . import export
from .pagination import PublishedKeysetPagination
from .permissions import IsAnalystOrAdmin
from .views import FirstRenderer

MAX_STATE_ROWS = 5000
EVENT_FIELDS = (
    "id",
    "article",
    "thread",
    "type",
    "actors",
    "targets",
    "via",
    "topics",
    "when",
    "day",
    "reported_on",
    "attributed_to",
    "start",
    "end",
    "sentence",
    "source",
    "published_at",
    "confidence",
    "origin",
    "tagger_version",
)


class EventFilter(django_filters.FilterSet):
    """Which events: by thread, type, actor (any slot), date and origin."""

    thread = django_filters.CharFilter(method="filter_thread", label="Thread key", max_length=100)
    type = MultipleValueFilter(label="Event type")
    actor = MultipleValueFilter(label="Actor (actors, targets or via)")
    date_from = BoundedDateFilter(field_name="day", lookup_expr="gte")
    date_to = BoundedDateFilter(field_name="day", lookup_expr="lte")
    origin = django_filters.ChoiceFilter(choices=Event.Origin.choices)

    class Meta:
        model = Event
        fields: list[str] = []
        form = DateRangeForm

    def filter_thread(self, qs: QuerySet, name: str, value: str) -> QuerySet:
        return qs.filter(thread__key=value) if value else qs

    def filter_queryset(self, queryset: QuerySet) -> QuerySet:
        queryset = super().filter_queryset(queryset)
        data = self.form.cleaned_data
        types = [t for t in data.get("type") or [] if t in EventType.values]
        if data.get("type") and not types:
            return queryset.none()
        if types:
            queryset = queryset.filter(type__in=types)
        if data.get("actor"):
            queryset = queryset.filter(everyone__overlap=data["actor"])
        return queryset


class EventSerializer(serializers.ModelSerializer):
    """One move: who, toward whom, through whom, about what, when, per whom, and the sentence."""

    thread = serializers.SlugRelatedField(slug_field="key", read_only=True)
    source = serializers.SlugRelatedField(slug_field="name", read_only=True)

    class Meta:
        model = Event
        fields = EVENT_FIELDS
        read_only_fields = fields


class DayKeysetPagination(PublishedKeysetPagination):
    """Forward-only pages, newest day first, by a seek on ``(day, id)``.

    The article pages' keyset pagination with the event's day for the
    article's publication time; cursors, links and the schema are theirs.
    """

    page_size = 100
    max_page_size = 1000

    def paginate_queryset(self, queryset: QuerySet, request: Request, view=None) -> list[Any]:
        self.request = request
        size = self._page_size(request)
        queryset = queryset.exclude(day=None).order_by("-day", "-id")
        position = self._decode(request.query_params.get(self.cursor_query_param))
        if position is not None:
            day, pk = position
            queryset = queryset.filter(Q(day__lt=day) | Q(day=day, id__lt=pk))
        rows = list(queryset[: size + 1])
        self.next_position = (rows[size - 1].day, rows[size - 1].pk) if len(rows) > size else None
        return rows[:size]

    @staticmethod
    def _decode(value: str | None) -> tuple[date, int] | None:
        if not value:
            return None
        try:
            raw = base64.urlsafe_b64decode(value + "=" * (-len(value) % 4))
            day, pk = json.loads(raw)
            return date.fromisoformat(day), int(pk)
        except (binascii.Error, ValueError, TypeError, UnicodeDecodeError) as exc:
            raise NotFound("Invalid cursor.") from exc


def _events() -> QuerySet[Event]:
    return Event.objects.select_related("thread", "source").defer("thread__description")


class EventList(generics.ListAPIView):
    """Events newest first: the moves the tagger found, with analysts' corrections applied."""

    permission_classes = [IsAnalystOrAdmin]
    serializer_class = EventSerializer
    filterset_class = EventFilter
    pagination_class = DayKeysetPagination

    def get_queryset(self) -> QuerySet[Event]:
        return _events()


class ThreadStateSerializer(serializers.ModelSerializer):
    thread = serializers.SlugRelatedField(slug_field="key", read_only=True)
    cause = serializers.CharField(
        read_only=True, help_text="The type of move (an event type) that started the run."
    )

    class Meta:
        model = ThreadState
        fields = ("thread", "state", "start", "end", "cause")
        read_only_fields = fields


class ThreadStateFilter(django_filters.FilterSet):
    """State runs by thread, state, and the day they started (``start_from``/``start_to``)."""

    thread = django_filters.CharFilter(field_name="thread__key")
    state = django_filters.ChoiceFilter(choices=ThreadState.State.choices)
    start_from = BoundedDateFilter(field_name="start", lookup_expr="gte")
    start_to = BoundedDateFilter(field_name="start", lookup_expr="lte")
    current = django_filters.BooleanFilter(field_name="end", lookup_expr="isnull")

    class Meta:
        model = ThreadState
        fields: list[str] = []
        form = DateRangeForm


class ThreadStateList(generics.ListAPIView):
    """Thread states as runs of days: a run starts on the day the state changed.

    ``?start_from=D&start_to=D`` lists the threads whose state changed on
    day D; ``?current=true`` the state each thread is in now.
    """

    permission_classes = [IsAnalystOrAdmin]
    serializer_class = ThreadStateSerializer
    filterset_class = ThreadStateFilter
    pagination_class = None

    def get_queryset(self) -> QuerySet[ThreadState]:
        return ThreadState.objects.select_related("thread").order_by("thread__key", "start")

    def filter_queryset(self, queryset: QuerySet[ThreadState]) -> QuerySet[ThreadState]:
        return super().filter_queryset(queryset)[:MAX_STATE_ROWS]


class SpanSerializer(serializers.Serializer):
    role = serializers.ChoiceField(choices=["party", "mediator"])
    first = serializers.DateField()
    last = serializers.DateField()
    reports = serializers.IntegerField()
    open = serializers.BooleanField(help_text="Still running at the thread's newest day.")


class ActorRolesSerializer(serializers.Serializer):
    actor = serializers.CharField()
    name = serializers.CharField()
    spans = SpanSerializer(many=True)


class ThreadRoles(APIView):
    """Role history of a thread: per actor, the spans in which it acted as party or mediator."""

    permission_classes = [IsAnalystOrAdmin]

    @extend_schema(responses=ActorRolesSerializer(many=True))
    def get(self, request: Request, key: str) -> Response:
        thread = get_object_or_404(Thread, key=key)
        roles = role_history.thread_roles(thread, limit=200)
        return Response(ActorRolesSerializer(roles, many=True).data)


# --- export ----------------------------------------------------------------------

EXPORT_COLUMNS = (
    "id",
    "day",
    "when",
    "type",
    "thread",
    "thread_name",
    "actors",
    "actor_names",
    "targets",
    "target_names",
    "via",
    "via_names",
    "topics",
    "attributed_to",
    "sentence",
    "outlet",
    "published_at",
    "article",
    "origin",
    "confidence",
)


def export_rows(queryset: QuerySet[Event], limit: int) -> Iterator[dict[str, Any]]:
    """Events with names beside ids, newest first; one more than ``limit`` says it was cut."""
    actors = labels.actor_names()
    threads = labels.all_thread_labels()
    outlets = labels.all_source_names()
    values = queryset.order_by("-day", "-id").values_list(
        "id",
        "day",
        "when",
        "type",
        "thread_id",
        "actors",
        "targets",
        "via",
        "topics",
        "attributed_to",
        "sentence",
        "source_id",
        "published_at",
        "article_id",
        "origin",
        "confidence",
    )
    for row in values[: limit + 1].iterator(chunk_size=export.CHUNK):
        (pk, day, when, type_, thread_id, a, t, v, topics, attr, sentence, source_id, pub, art,
         origin, confidence) = row  # fmt: skip
        key, thread_name = threads.get(thread_id, ("", "")) if thread_id else ("", "")
        yield {
            "id": pk,
            "day": day.isoformat() if day else None,
            "when": when.isoformat() if when else None,
            "type": type_,
            "thread": key,
            "thread_name": thread_name,
            "actors": a,
            "actor_names": [actors.get(x, x) for x in a],
            "targets": t,
            "target_names": [actors.get(x, x) for x in t],
            "via": v,
            "via_names": [actors.get(x, x) for x in v],
            "topics": topics,
            "attributed_to": attr,
            "sentence": sentence,
            "outlet": labels.outlet(source_id, "", outlets),
            "published_at": pub.isoformat() if pub else None,
            "article": art,
            "origin": origin,
            "confidence": round(confidence, 3),
        }


def events_csv(records: Iterable[dict[str, Any]], limit: int) -> Iterator[str]:
    """UTF-8 CSV with a BOM, lists joined with ``;``, text cells guarded against formulas."""
    writer = csv.writer(export.Echo())
    yield export.BOM + writer.writerow(EXPORT_COLUMNS)
    for n, record in enumerate(records):
        if n >= limit:
            yield writer.writerow(
                [f"# truncated: only the newest {limit} events are exported; narrow the filter"]
            )
            return
        yield writer.writerow([export.csv_value(record[c]) for c in EXPORT_COLUMNS])


def events_json(
    records: Iterable[dict[str, Any]], filters: dict[str, Any], limit: int
) -> Iterator[str]:
    head = {"filters": filters, "limit": limit}
    yield json.dumps(head, ensure_ascii=False)[:-1] + ', "events": ['
    count, truncated = 0, False
    for record in records:
        if count >= limit:
            truncated = True
            break
        yield ("," if count else "") + "\n" + json.dumps(record, ensure_ascii=False)
        count += 1
    yield f'\n], "count": {count}, "truncated": {json.dumps(truncated)}}}\n'


class _EventExport(generics.ListAPIView):
    permission_classes = [IsAnalystOrAdmin]
    throttle_classes = [ScopedRateThrottle]
    throttle_scope = "export"
    serializer_class = EventSerializer
    filterset_class = EventFilter
    pagination_class = None
    content_negotiation_class = FirstRenderer

    def get_queryset(self) -> QuerySet[Event]:
        return Event.objects.all()

    def filters(self) -> dict[str, Any]:
        return {
            k: (v if len(v) > 1 else v[0])
            for k, v in self.request.query_params.lists()
            if k in EventFilter.base_filters
        }


class ExportEventsCSV(_EventExport):
    """The filtered events as CSV (UTF-8 with BOM) with actor, thread and outlet names."""

    @extend_schema(responses={(200, "text/csv"): OpenApiTypes.STR})
    def get(self, request: Request) -> StreamingHttpResponse:
        limit = export.EXPORT_LIMIT
        records = export_rows(self.filter_queryset(self.get_queryset()), limit)
        response = StreamingHttpResponse(
            events_csv(records, limit), content_type="text/csv; charset=utf-8"
        )
        response["Content-Disposition"] = 'attachment; filename="events.csv"'
        response["X-Export-Limit"] = str(limit)
        return response


class ExportEventsJSON(_EventExport):
    """The filtered events as one JSON object: filters, events, count, truncated."""

    @extend_schema(responses={(200, "application/json"): OpenApiTypes.OBJECT})
    def get(self, request: Request) -> StreamingHttpResponse:
        limit = export.EXPORT_LIMIT
        records = export_rows(self.filter_queryset(self.get_queryset()), limit)
        response = StreamingHttpResponse(
            events_json(records, self.filters(), limit), content_type="application/json"
        )
        response["Content-Disposition"] = 'attachment; filename="events.json"'
        response["X-Export-Limit"] = str(limit)
        return response
