"""JSON shapes of the API.

They carry what the pages show and nothing more: no raw text as received,
no batch, processing status or errors, no MinHash, and no user of any kind
(corrections' and milestones' authors stay out).
"""

from __future__ import annotations

import datetime

from rest_framework import serializers

from articles.models import Actor, Article, Milestone, Thread, Topic

ARTICLE_LIST_FIELDS = (
    "id",
    "title",
    "url",
    "source",
    "published_at",
    "lang",
    "is_negotiation",
    "actors",
    "parties",
    "mediators",
    "topics",
    "thread",
    "cited_sources",
    "cluster",
)


class ArticleSerializer(serializers.ModelSerializer):
    """One row of the article list: tags and metadata, no text."""

    source = serializers.SlugRelatedField(slug_field="name", read_only=True)
    thread = serializers.SlugRelatedField(slug_field="key", read_only=True)

    class Meta:
        model = Article
        fields = ARTICLE_LIST_FIELDS
        read_only_fields = fields


class MentionSerializer(serializers.Serializer):
    """Character offsets into ``text`` of one actor reference (for highlighting)."""

    actor = serializers.CharField()
    start = serializers.IntegerField()
    end = serializers.IntegerField()


class PersonSerializer(serializers.Serializer):
    name = serializers.CharField()
    affiliation = serializers.CharField(allow_null=True)


class ArticleDetailSerializer(ArticleSerializer):
    """The article page as data: the cleaned text and where each actor is mentioned."""

    mentions = MentionSerializer(many=True, read_only=True)
    persons = PersonSerializer(many=True, read_only=True)

    class Meta(ArticleSerializer.Meta):
        fields = (*ARTICLE_LIST_FIELDS, "byline", "text", "key_sentence", "mentions", "persons")
        read_only_fields = fields


class ActorSerializer(serializers.ModelSerializer):
    class Meta:
        model = Actor
        fields = ("id", "kind", "name_ar", "name_en", "active")
        read_only_fields = fields


class TopicSerializer(serializers.ModelSerializer):
    class Meta:
        model = Topic
        fields = ("id", "name_ar", "name_en")
        read_only_fields = fields


class MilestoneSerializer(serializers.ModelSerializer):
    class Meta:
        model = Milestone
        fields = ("date", "label_ar", "label_en")
        read_only_fields = fields


class ThreadSerializer(serializers.ModelSerializer):
    """A negotiation thread with the counts and dates its timeline page shows.

    ``status`` is the one the pages show: from the thread's state and how
    recently it moved (docs/events.md), not only an admin's setting.
    """

    parties = serializers.PrimaryKeyRelatedField(source="core_parties", many=True, read_only=True)
    mediators = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    topics = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    merged_into = serializers.SlugRelatedField(slug_field="key", read_only=True)
    status = serializers.SerializerMethodField()
    state = serializers.SerializerMethodField()
    state_since = serializers.SerializerMethodField()
    last_move = serializers.SerializerMethodField()

    def _row(self, thread: Thread):
        """The thread's state row: prepared for a whole list by the view, else read here."""
        from articles.selectors.thread_state import thread_rows

        rows = self.context.setdefault("thread_rows", {})
        if thread.pk not in rows:
            rows.update({r.thread.pk: r for r in thread_rows([thread])})
        return rows[thread.pk]

    def get_status(self, thread: Thread) -> str:
        """active, stalled, quiet, empty (no coverage), proposed or concluded."""
        return self._row(thread).status

    def get_state(self, thread: Thread) -> str | None:
        """contacts, bargaining, agreement, implementation or stalled; null before any move."""
        return self._row(thread).state or None

    def get_state_since(self, thread: Thread) -> datetime.date | None:
        return self._row(thread).state_since

    def get_last_move(self, thread: Thread) -> datetime.date | None:
        return self._row(thread).last_move

    class Meta:
        model = Thread
        fields = (
            "key",
            "name_ar",
            "name_en",
            "description",
            "status",
            "state",
            "state_since",
            "last_move",
            "article_count",
            "first_date",
            "last_date",
            "starts_on",
            "ends_on",
            "parties",
            "mediators",
            "topics",
            "merged_into",
        )
        read_only_fields = fields


class ThreadDetailSerializer(ThreadSerializer):
    milestones = MilestoneSerializer(many=True, read_only=True)

    class Meta(ThreadSerializer.Meta):
        fields = (*ThreadSerializer.Meta.fields, "milestones")
        read_only_fields = fields


class TimelinePointSerializer(serializers.Serializer):
    date = serializers.DateField()
    count = serializers.IntegerField()


class TimelineSerializer(serializers.Serializer):
    """Articles of a thread per day or week, the data behind its timeline chart."""

    thread = serializers.CharField()
    bucket = serializers.ChoiceField(choices=["day", "week"])
    total = serializers.IntegerField()
    points = TimelinePointSerializer(many=True)
