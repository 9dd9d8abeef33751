"""The one definition of "which articles": shared by the pages, the API and exports.

Every filter maps onto an index: actor and topic filters are array
containment/overlap on GIN-indexed columns, dates are ranges on the
``published_at`` b-tree, ``q`` is a match on the GIN-indexed
``search_vector``. Nothing here orders or slices; callers page with a seek
on ``(published_at, id)``.
"""

from __future__ import annotations

import copy
import datetime as dt

import django_filters
from django import forms
from django.contrib.postgres.search import SearchQuery
from django.db.models import BooleanField, Exists, OuterRef, Q, QuerySet
from django.db.models.expressions import RawSQL
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_filters.filters import FilterMethod
from drf_spectacular.utils import extend_schema_field

from articles.models import Article, Event, EventType
from articles.request_limits import MAX_DATE, MAX_ID, MAX_QUERY_CHARS, MIN_DATE
from articles.selectors import search_dates

ROLE_FIELDS: dict[str, str] = {"party": "parties", "mediator": "mediators", "mentioned": "actors"}
MAX_IDS = 20  # a URL may name at most this many actors/topics; keeps the lookup bounded


class BoundedDateField(forms.DateField):
    """A date inside the archive's range (1900–2100): a year 1 or 9999 is a typo or a probe."""

    def validate(self, value: dt.date | None) -> None:
        super().validate(value)
        if value is not None and not MIN_DATE <= value <= MAX_DATE:
            raise forms.ValidationError(
                _("Choose a date between %(first)s and %(last)s."),
                code="out_of_range",
                params={"first": MIN_DATE.year, "last": MAX_DATE.year},
            )


class BoundedDateFilter(django_filters.DateFilter):
    field_class = BoundedDateField


class IdFilter(django_filters.NumberFilter):
    """A database id: a whole number in the bigint range (not 1e400, not 1.5)."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_ID)
        super().__init__(*args, **kwargs)


class _SharedFields(dict):
    """A form class's fields, copied one level deep for each form.

    Django gives each form a deep copy of its class's fields (their choices,
    widgets, validators, messages): for the filters' form, built once or
    twice on every list, facet and search request, that copy was a twentieth
    of the request. No filter field is changed per request (the filter set
    changes none, and the form only reads them), so each form gets its own
    field objects sharing what they hold.
    """

    def __deepcopy__(self, memo: dict) -> dict:
        return {name: copy.copy(field) for name, field in self.items()}


class SharedFieldsForm(forms.Form):
    """A form whose fields are copied one level deep for each form (``_SharedFields``).

    For forms built on every page view whose fields no request changes; a
    form that changes one (its choices, its widget) replaces that field with
    one of its own in ``__init__``.
    """

    def __init__(self, *args, **kwargs) -> None:
        cls = type(self)
        if not isinstance(cls.__dict__.get("base_fields"), _SharedFields):
            cls.base_fields = _SharedFields(cls.base_fields)
        super().__init__(*args, **kwargs)


class DateRangeForm(SharedFieldsForm):
    """The filters' form: a window must not end before it starts."""

    date_pairs = (("date_from", "date_to"), ("start_from", "start_to"))

    def clean(self) -> dict:
        data = super().clean()
        for first, last in self.date_pairs:
            start, end = data.get(first), data.get(last)
            if start and end and start > end:
                raise forms.ValidationError(_("The start date is after the end date."))
        return data


def search_query(q: str) -> SearchQuery | None:
    """Build the tsquery the same way ``search_text`` was built, or None if nothing is left.

    Both sides go through ``search_terms`` so that «والمفاوضات» in a query
    meets «المفاوضات» in a text: they share the light stem «مفاوضات».
    """
    from articles.nlp.search import search_terms  # imported late: lives in the NLP layer

    terms = search_terms(q or "").strip()
    if not terms:
        return None
    return SearchQuery(terms, config="simple", search_type="plain")


class MultipleValueField(forms.Field):
    """Repeated GET keys (``?actor=USA&actor=QAT``) or commas (``?actor=USA,QAT``)."""

    widget = forms.SelectMultiple

    def to_python(self, value: object) -> list[str]:
        if not value:
            return []
        if isinstance(value, str):
            value = [value]
        out: list[str] = []
        for item in value:  # type: ignore[union-attr]
            for part in str(item).split(","):
                part = part.strip()
                if part and part not in out:
                    out.append(part)
        return out[:MAX_IDS]

    def validate(self, value: list[str]) -> None:
        for item in value:
            if len(item) > 40:
                raise forms.ValidationError(_("Unknown id."), code="invalid")


class EventTypeField(MultipleValueField):
    """Event types (``?event=rejection&event=agreement``); only the contract's twelve."""

    def validate(self, value: list[str]) -> None:
        if any(item not in EventType.values for item in value):
            raise forms.ValidationError(_("Unknown event type."), code="invalid")


@extend_schema_field({"type": "array", "items": {"type": "string"}})
class MultipleValueFilter(django_filters.Filter):
    field_class = MultipleValueField

    def filter(self, qs: QuerySet, value: list[str]) -> QuerySet:
        # Applied together with role and mode in ArticleFilter.filter_queryset.
        return qs


@extend_schema_field({"type": "array", "items": {"type": "string"}})
class EventTypeFilter(django_filters.Filter):
    field_class = EventTypeField


class ArticleFilter(django_filters.FilterSet):
    """Combinable article filters; every state is a plain, shareable GET URL.

    ``actor`` + ``role`` + ``actor_mode`` act together: the role chooses the
    array (party → ``parties``, mediator → ``mediators``, mentioned or none →
    ``actors``) and the mode chooses overlap (any) or containment (all).
    ``event`` keeps the articles that report a move of one of the given
    types (the ``Event`` table, analysts' corrections included).
    """

    actor = MultipleValueFilter(label=_("Actor"))
    actor_mode = django_filters.ChoiceFilter(
        label=_("Match"),
        choices=[("any", _("any of them")), ("all", _("all of them"))],
        method="filter_noop",
        empty_label=None,
    )
    role = django_filters.ChoiceFilter(
        label=_("Role"),
        choices=[
            ("party", _("Party")),
            ("mediator", _("Mediator")),
            ("mentioned", _("Mentioned")),
        ],
        method="filter_noop",
        empty_label=_("Any role"),
    )
    topic = MultipleValueFilter(label=_("Topic"))
    event = EventTypeFilter(label=_("Event type"), method="filter_event")
    thread = django_filters.CharFilter(label=_("Thread"), method="filter_thread", max_length=100)
    source = IdFilter(label=_("Source"), field_name="source_id")
    lang = django_filters.ChoiceFilter(
        label=_("Language"),
        choices=[("ar", _("Arabic")), ("en", _("English"))],
        empty_label=_("Any language"),
    )
    date_from = BoundedDateFilter(label=_("From"), method="filter_date_from")
    date_to = BoundedDateFilter(label=_("To"), method="filter_date_to")
    q = django_filters.CharFilter(label=_("Words"), method="filter_q", max_length=MAX_QUERY_CHARS)

    class Meta:
        model = Article
        fields: list[str] = []
        form = DateRangeForm

    def __init__(self, data=None, queryset=None, *, request=None, prefix=None) -> None:
        # As django-filter's, but each filter is copied shallowly: its deep
        # copy (labels, choices, widgets) was a millisecond per FilterSet, and
        # a list, facet or search request builds several. A filter keeps no
        # per-request state but its model and parent, set here, and the
        # ``FilterMethod`` that finds its parent, rebuilt for the copy.
        if queryset is None:
            queryset = Article.objects.all()
        self.is_bound = data is not None
        self.data = data or QueryDict()
        self.queryset = queryset
        self.request = request
        self.form_prefix = prefix
        self.filters = {}
        for name, base in self.base_filters.items():
            filter_ = copy.copy(base)
            if isinstance(base.__dict__.get("filter"), FilterMethod):
                filter_.filter = FilterMethod(filter_)
            filter_.model = queryset.model
            filter_.parent = self
            self.filters[name] = filter_

    def get_form_class(self) -> type[forms.Form]:
        # The form's fields depend on nothing a request brings, so the class
        # is built once per FilterSet class instead of once per request.
        cls = type(self)
        form_class = cls.__dict__.get("_form_class")
        if form_class is None:
            form_class = super().get_form_class()
            cls._form_class = form_class
        return form_class

    def filter_noop(self, qs: QuerySet, name: str, value: object) -> QuerySet:
        return qs

    def filter_thread(self, qs: QuerySet, name: str, value: str) -> QuerySet:
        return qs.filter(thread__key=value) if value else qs

    def filter_date_from(self, qs: QuerySet, name: str, value: dt.date) -> QuerySet:
        return qs.filter(published_at__gte=_start_of(value)) if value else qs

    def filter_date_to(self, qs: QuerySet, name: str, value: dt.date) -> QuerySet:
        # Inclusive of the whole last day; the calendar's last day has no day after.
        if not value or value == dt.date.max:
            return qs
        return qs.filter(published_at__lt=_start_of(value + dt.timedelta(days=1)))

    def filter_event(self, qs: QuerySet, name: str, value: list[str]) -> QuerySet:
        """Articles that report a move of one of these types (any of them).

        An ``EXISTS`` on the event table by article (its foreign-key index),
        so an article with several such moves is listed once.
        """
        if not value:
            return qs
        moves = Event.objects.filter(article_id=OuterRef("pk"), type__in=value)
        return qs.filter(Exists(moves))

    def filter_q(self, qs: QuerySet, name: str, value: str) -> QuerySet:
        query = search_query(value)
        return qs.filter(search_vector=query) if query is not None else qs

    def filter_queryset(self, queryset: QuerySet) -> QuerySet:
        queryset = super().filter_queryset(queryset)
        data = self.form.cleaned_data
        actors: list[str] = data.get("actor") or []
        topics: list[str] = data.get("topic") or []
        if actors:
            field = ROLE_FIELDS.get(data.get("role") or "mentioned", "actors")
            lookup = "contains" if data.get("actor_mode") == "all" else "overlap"
            queryset = queryset.filter(**{f"{field}__{lookup}": actors})
        if topics:
            queryset = queryset.filter(topics__overlap=topics)
        if data.get("q") and data.get("date_from") and data.get("date_to"):
            queryset = queryset.filter(_window_terms(data["date_from"], data["date_to"]))
        return queryset


def _window_terms(first: dt.date, last: dt.date) -> Q:
    """The date terms of a words filter's window (``selectors.search_dates``), or nothing.

    Beside the words, the window's days and months let the word index read
    the window's entries and skip through a common word's, instead of
    decoding all of it to intersect with the date index (the list of
    «مجلس الأمن» over ten days: 18 ms of its 19). A window of more than
    ``search_dates.MOST_WINDOW_DAYS`` is left to the date index.
    """
    if first > last or (last - first).days >= search_dates.MOST_WINDOW_DAYS:
        return Q()
    try:
        end = _start_of(last + dt.timedelta(days=1))
    except OverflowError:
        return Q()
    terms = search_dates.span_query(_start_of(first), end)
    if terms is None:
        return Q()
    column = f'"{Article._meta.db_table}"."search_vector"'
    return Q(RawSQL(search_dates.matching(column), (terms,), output_field=BooleanField()))


def _start_of(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))
