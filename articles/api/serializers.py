"""JSON shapes of the API.

They carry what the pages show and nothing more: no raw text as received,
no batch, processing status or errors, no MinHash, and no user of any kind
(corrections' and milestones' authors stay out).
"""

from __future__ import annotations

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
    """A negotiation thread with the counts and dates its timeline page shows."""

    parties = serializers.PrimaryKeyRelatedField(source="core_parties", many=True, read_only=True)
    mediators = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    topics = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    merged_into = serializers.SlugRelatedField(slug_field="key", read_only=True)

    class Meta:
        model = Thread
        fields = (
            "key",
            "name_ar",
            "name_en",
            "description",
            "status",
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
