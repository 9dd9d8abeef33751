"""Admin: the article store, uploads, the lexicon (aliases inline), threads and their review."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count
from django.http import HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from articles import admin_users  # noqa: F401  (registers the limited account admin)
from articles.models import (
    Actor,
    ActorAlias,
    Article,
    Candidate,
    Correction,
    CrawlHost,
    Event,
    EventCorrection,
    IngestBatch,
    LiveSource,
    Milestone,
    Outlet,
    Person,
    PersonAlias,
    Source,
    StoryCluster,
    Thread,
    Topic,
)
from articles.permissions import ACCEPT_CANDIDATE, EDIT_THREADS, RETAG, UPLOAD, can
from articles.selectors import sources as source_health
from articles.services import articles as article_service
from articles.services import sources as source_service
from articles.services import threads as thread_service
from articles.services.uploads import accept_uploads
from articles.views.upload import UploadForm, too_large


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ["name", "display_name", "url", "article_total"]
    search_fields = ["name", "display_name"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(article_total=Count("articles"))

    @admin.display(description=_("articles"), ordering="article_total")
    def article_total(self, obj):
        return obj.article_total


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = [
        "id",
        "title",
        "source",
        "published_at",
        "lang",
        "status",
        "problem",
        "is_negotiation",
        "thread",
    ]
    list_filter = ["status", "lang", "is_negotiation", "source", "thread"]

    @admin.display(description=_("problem"))
    def problem(self, obj: Article) -> str:
        """Why a failed article failed, in the list the status filter narrows to failures."""
        return obj.error[:200]

    search_fields = ["title", "url", "content_hash"]
    date_hierarchy = "published_at"
    list_select_related = ["source", "thread"]
    raw_id_fields = ["batch", "page", "cluster", "thread"]
    show_full_result_count = False
    readonly_fields = [
        "text", "content_hash", "status", "error", "processed_at", "tagged_at", "tagger_version",
        "actors", "parties", "mediators", "topics", "cited_sources", "key_sentence", "created_at",
    ]  # fmt: skip
    fieldsets = [
        (None, {"fields": ["title", "raw_text", "url", "source", "published_at", "lang"]}),
        (_("Derived"), {"fields": ["text", "publisher", "byline", "content_hash", "batch", "page", "cluster"]}),
        (_("Processing"), {"fields": ["status", "error", "processed_at", "created_at"]}),
        (
            _("Tags"),
            {"fields": ["is_negotiation", "actors", "parties", "mediators", "topics", "thread",
                        "cited_sources", "key_sentence", "tagger_version", "tagged_at"]},
        ),
    ]  # fmt: skip
    actions = ["retag_selected", "requeue_selected", "split_into_new_thread"]

    def save_model(self, request, obj, form, change):
        article_service.save_article(obj)

    def has_edit_threads_permission(self, request) -> bool:
        return can(request.user, EDIT_THREADS, RETAG)

    @admin.action(description=_("Re-tag selected articles"), permissions=["change"])
    def retag_selected(self, request, queryset):
        group_id = article_service.retag(list(queryset.values_list("id", flat=True)))
        return redirect(reverse("retag_progress", args=[group_id]))

    @admin.action(description=_("Process selected articles again"), permissions=["change"])
    def requeue_selected(self, request, queryset):
        from articles.tasks import process_articles

        ids = list(queryset.values_list("id", flat=True))
        queryset.update(status=Article.Status.PENDING)
        for i in range(0, len(ids), 500):
            process_articles.delay(ids[i : i + 500])
        self.message_user(request, _("%d articles queued.") % len(ids))

    @admin.action(
        description=_("Split selected articles into a new thread"), permissions=["edit_threads"]
    )
    def split_into_new_thread(self, request, queryset):
        thread = thread_service.split(
            list(queryset.values_list("id", flat=True)), user=request.user
        )
        self.message_user(request, _("Created thread %s; rename it here.") % thread.key)
        return redirect(reverse("admin:articles_thread_change", args=[thread.pk]))


@admin.register(IngestBatch)
class IngestBatchAdmin(admin.ModelAdmin):
    list_display = ["id", "filename", "kind", "status", "created_at", "created_by",
                    "read_count", "created_count", "duplicate_count", "rejected_count"]  # fmt: skip
    list_filter = ["status", "kind"]
    search_fields = ["filename"]
    readonly_fields = [f.name for f in IngestBatch._meta.fields]

    def has_add_permission(self, request):
        return False

    def get_urls(self):
        return [
            path(
                "upload/",
                self.admin_site.admin_view(self.upload_view),
                name="articles_ingestbatch_upload",
            ),
            *super().get_urls(),
        ]

    def upload_view(self, request):
        """Upload one or more files from the admin; they go through the same worker path."""
        if not can(request.user, UPLOAD):
            raise PermissionDenied
        form = UploadForm(request.POST or None, request.FILES or None)
        status = 413 if too_large(request, form) else 200
        if status == 200 and request.method == "POST" and form.is_valid():
            batches = accept_uploads(
                form.cleaned_data["files"], user=request.user, kind=IngestBatch.Kind.ADMIN
            )
            ids = ",".join(str(b.pk) for b in batches)
            return redirect(f"{reverse('upload_progress')}?batches={ids}")
        context = {**self.admin_site.each_context(request), "form": form, "title": _("Upload articles"),
                   "opts": self.model._meta}  # fmt: skip
        return render(request, "admin/articles/upload.html", context, status=status)


@admin.register(StoryCluster)
class StoryClusterAdmin(admin.ModelAdmin):
    list_display = ["id", "size", "created_at"]
    ordering = ["-size"]


class ActorAliasInline(admin.TabularInline):
    model = ActorAlias
    extra = 1


@admin.register(Actor)
class ActorAdmin(admin.ModelAdmin):
    list_display = ["id", "name_ar", "name_en", "kind", "active"]
    list_filter = ["kind", "active"]
    search_fields = ["id", "name_ar", "name_en", "aliases__text"]
    inlines = [ActorAliasInline]


class PersonAliasInline(admin.TabularInline):
    model = PersonAlias
    extra = 1


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["name_ar", "name_en", "affiliation", "title_en"]
    list_filter = ["affiliation"]
    search_fields = ["name_ar", "name_en", "aliases__text"]
    autocomplete_fields = ["affiliation"]
    inlines = [PersonAliasInline]


@admin.register(Outlet)
class OutletAdmin(admin.ModelAdmin):
    list_display = ["name_ar", "name_en"]
    search_fields = ["name_ar", "name_en"]


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ["id", "name_ar", "name_en"]


class CandidateAcceptForm(forms.Form):
    affiliation = forms.ModelChoiceField(
        Actor.objects.all(), required=False, label=_("Affiliation")
    )


@admin.register(Candidate)
class CandidateAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "title",
        "affiliation",
        "context_excerpt",
        "seen",
        "status",
        "accept_link",
    ]
    list_filter = ["status"]
    list_select_related = ["suggested_affiliation"]
    search_fields = ["name", "title", "context"]
    actions = ["accept_selected", "reject_selected"]
    readonly_fields = ["article", "seen", "created_at"]

    @admin.display(description=_("Affiliation"), ordering="suggested_affiliation")
    def affiliation(self, obj):
        """The actor the title named («وزير الخارجية الصومالي» → Somalia); accepting keeps it."""
        return obj.suggested_affiliation or "–"

    @admin.display(description=_("Context"))
    def context_excerpt(self, obj):
        """The sentence the name was found in, so an admin can judge it without opening the article."""
        return format_html('<span dir="auto">{}</span>', obj.context[:200])

    def get_urls(self):
        return [
            path(
                "<int:pk>/accept/",
                self.admin_site.admin_view(self.accept_view),
                name="articles_candidate_accept",
            ),
            *super().get_urls(),
        ]

    def has_accept_permission(self, request) -> bool:
        return can(request.user, *ACCEPT_CANDIDATE)

    @admin.display(description=_("Lexicon"))
    def accept_link(self, obj):
        if obj.status != Candidate.Status.NEW:
            return "–"
        return format_html(
            '<a class="button" href="{}">{}</a>',
            reverse("admin:articles_candidate_accept", args=[obj.pk]),
            _("Accept"),
        )

    def accept_view(self, request, pk: int):
        """GET asks for confirmation; only a POST (with its CSRF token) changes the lexicon."""
        return _accept_candidate(self, request, pk)

    @admin.action(description=_("Accept into the lexicon"), permissions=["accept"])
    def accept_selected(self, request, queryset):
        from articles.services.lexicon import accept_candidate

        for c in queryset.filter(status=Candidate.Status.NEW):
            accept_candidate(c)
        self.message_user(request, _("Accepted."))

    @admin.action(description=_("Reject"), permissions=["change"])
    def reject_selected(self, request, queryset):
        queryset.update(status=Candidate.Status.REJECTED)


def _accept_candidate(model_admin: CandidateAdmin, request, pk: int):
    from articles.services.lexicon import accept_candidate

    if request.method not in ("GET", "POST"):
        return HttpResponseNotAllowed(["GET", "POST"])
    if not model_admin.has_accept_permission(request):
        raise PermissionDenied
    candidate = get_object_or_404(Candidate, pk=pk)
    if candidate.status != Candidate.Status.NEW:
        model_admin.message_user(request, _("This name was already reviewed."), messages.WARNING)
        return redirect(reverse("admin:articles_candidate_changelist"))
    if request.method != "POST":
        context = {
            **model_admin.admin_site.each_context(request),
            "candidate": candidate,
            "title": _("Accept into the lexicon"),
            "opts": model_admin.model._meta,
        }
        return render(request, "admin/articles/candidate_accept.html", context)
    person = accept_candidate(candidate)
    model_admin.message_user(
        request, _("%s added to the lexicon.") % person.name_ar, messages.SUCCESS
    )
    return redirect(reverse("admin:articles_person_change", args=[person.pk]))


class MilestoneInline(admin.TabularInline):
    model = Milestone
    extra = 1
    exclude = ["created_by"]


@admin.register(Thread)
class ThreadAdmin(admin.ModelAdmin):
    list_display = [
        "key",
        "name_ar",
        "name_en",
        "status",
        "article_count",
        "first_date",
        "last_date",
    ]
    list_filter = ["status"]
    search_fields = ["key", "name_ar", "name_en"]
    filter_horizontal = ["core_parties", "anchors", "mediators", "topics"]
    readonly_fields = ["article_count", "first_date", "last_date", "merged_into", "created_at"]
    inlines = [MilestoneInline]
    actions = ["accept_selected", "merge_selected"]

    @admin.action(description=_("Accept selected proposed threads"), permissions=["change"])
    def accept_selected(self, request, queryset):
        thread_service.accept(list(queryset))
        self.message_user(request, _("Accepted."))

    @admin.action(description=_("Merge selected threads into the largest"), permissions=["change"])
    def merge_selected(self, request, queryset):
        with transaction.atomic():
            target = thread_service.merge(list(queryset))
        self.message_user(request, _("Merged into %s.") % target.key)


@admin.register(Correction)
class CorrectionAdmin(admin.ModelAdmin):
    list_display = [
        "article",
        "action",
        "actor",
        "role",
        "topic",
        "thread",
        "created_by",
        "created_at",
    ]
    list_filter = ["action", "role"]
    raw_id_fields = ["article"]


@admin.register(EventCorrection)
class EventCorrectionAdmin(admin.ModelAdmin):
    """Analysts' removals, retypes and additions of moves; re-applied on every re-tag.

    Read here, made on the article page: the events service applies a
    correction as it stores it, which an admin form would not.
    """

    list_display = ["article", "action", "type", "new_type", "created_by", "created_at"]
    list_filter = ["action", "type"]
    raw_id_fields = ["article"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    """The stored moves, read-only: they are the tagger's output with corrections on top."""

    list_display = ["article", "type", "day", "thread", "origin", "confidence"]
    list_filter = ["type", "origin"]
    raw_id_fields = ["article", "thread", "source", "correction"]
    show_full_result_count = False

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(LiveSource)
class LiveSourceAdmin(admin.ModelAdmin):
    """Live sources with their health; saving one keeps its beat entry in step."""

    list_display = ["__str__", "kind", "outlet", "interval_minutes", "enabled", "last_success_at",
                    "last_error_at", "failures", "articles_per_day"]  # fmt: skip
    list_filter = ["enabled", "kind", "lang"]
    search_fields = ["name", "url"]
    autocomplete_fields = ["outlet"]
    actions = ["poll_now", "enable_again"]
    fields = ["url", "name", "outlet", "kind", "lang", "interval_minutes", "enabled",
              "disabled_reason", "next_poll_at", "health", "problems"]  # fmt: skip
    readonly_fields = ["disabled_reason", "health", "problems"]

    def get_queryset(self, request):
        return source_health.with_health(super().get_queryset(request))

    @admin.display(description=_("articles per day"))
    def articles_per_day(self, obj):
        return source_health.per_day(obj)

    @admin.display(description=_("health"))
    def health(self, obj):
        if obj.pk is None:
            return "-"
        return format_html(
            "<dl><dt>{}</dt><dd>{}</dd><dt>{}</dt><dd>{}</dd><dt>{}</dt><dd dir=\"auto\">{}</dd>"
            "<dt>{}</dt><dd>{}</dd><dt>{}</dt><dd>{}</dd><dt>{}</dt><dd>{}</dd></dl>",
            _("last poll"), obj.last_polled_at or "-",
            _("last success"), obj.last_success_at or "-",
            _("last error"), f"{obj.last_error_at or '-'} {obj.last_error}",
            _("failures in a row"), obj.failures,
            _("articles per day"), source_health.per_day(obj),
            _("entries waiting"), getattr(obj, "waiting", 0),
        )  # fmt: skip

    @admin.display(description=_("recent problems"))
    def problems(self, obj):
        if obj.pk is None:
            return "-"
        rows = source_health.recent_problems(obj)
        if not rows:
            return "-"
        return format_html(
            "<ul>{}</ul>",
            format_html_join(
                "", "<li dir=\"auto\">{} · {} · {}</li>",
                ((e.fetched_at, e.url, e.error) for e in rows),
            ),
        )  # fmt: skip

    def save_model(self, request, obj, form, change):
        if obj.outlet_id is None:
            from urllib.parse import urlsplit

            host = (urlsplit(obj.url).hostname or obj.url).removeprefix("www.")
            obj.outlet, _ = Source.objects.get_or_create(name=(obj.name or host)[:200])
        if not obj.created_by_id:
            obj.created_by = request.user
        if obj.enabled and "enabled" in form.changed_data:
            obj.failures, obj.disabled_reason, obj.next_poll_at = 0, "", None
        with transaction.atomic():
            super().save_model(request, obj, form, change)
            source_service.sync_schedule(obj)

    @admin.action(description=_("Poll now"), permissions=["change"])
    def poll_now(self, request, queryset):
        from articles.tasks import poll_live_source

        ids = list(queryset.values_list("id", flat=True))
        for pk in ids:
            poll_live_source.delay(pk, force=True)
        self.message_user(request, _("%d sources queued for a poll.") % len(ids))

    @admin.action(description=_("Enable again"), permissions=["change"])
    def enable_again(self, request, queryset):
        for source in queryset:
            source_service.enable(source)
        self.message_user(request, _("Sources enabled."))


@admin.register(CrawlHost)
class CrawlHostAdmin(admin.ModelAdmin):
    list_display = ["origin", "robots_status", "robots_fetched_at"]
    search_fields = ["origin"]
    readonly_fields = ["origin", "robots_txt", "robots_status", "robots_fetched_at"]

    def has_add_permission(self, request):
        return False
