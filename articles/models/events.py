"""What happened at the table: events, analysts' event corrections, thread states, role months.

``Event`` rows are the tagger's moves (spec/events.md) with analysts'
corrections applied, one row per move an article reports. The thread, the
outlet and the publication time are copied from the article so the
timeline reads events by ``(thread, day)`` alone, with no join.

``ThreadState`` and ``RoleMonth`` are read models kept on write: the
tagging and correction services refresh them in the same transaction as
the events, so the thread page reads a handful of rows instead of
deriving the story from every event of a thread.
"""

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.db import models
from django.db.models import F, Func, Q
from django.utils.translation import gettext_lazy as _


def _ids() -> ArrayField:
    """A sorted list of actor or topic ids, as on the article row."""
    return ArrayField(models.CharField(max_length=40), default=list, blank=True)


class EventType(models.TextChoices):
    """The twelve moves of the contract, in the order a negotiation tends to go."""

    MEDIATION_OFFER = "mediation_offer", _("Mediation offer")
    TALKS_PLANNED = "talks_planned", _("Talks planned")
    TALKS_HELD = "talks_held", _("Talks held")
    PROPOSAL = "proposal", _("Proposal")
    ACCEPTANCE = "acceptance", _("Acceptance")
    REJECTION = "rejection", _("Rejection")
    AGREEMENT = "agreement", _("Agreement")
    IMPLEMENTATION = "implementation", _("Implementation")
    SUSPENSION = "suspension", _("Suspension")
    ACCUSATION = "accusation", _("Accusation")
    DENIAL = "denial", _("Denial")
    RESOLUTION = "resolution", _("Resolution")


class Event(models.Model):
    """One move an article reports, placed on its thread's timeline.

    ``day`` is where the timeline puts it: the event's own date (``when``)
    when the text fixes one, else the day the article was published
    (``reported_on``). A planned round keeps its future date, so it sits
    ahead of today.
    """

    class Origin(models.TextChoices):
        TAGGER = "tagger", _("Tagger")
        ANALYST = "analyst", _("Analyst")

    article = models.ForeignKey("articles.Article", on_delete=models.CASCADE, related_name="events")
    # Indexed by event_thread_day_idx (thread first).
    thread = models.ForeignKey(
        "articles.Thread",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="events",
        db_index=False,
    )
    type = models.CharField(_("type"), max_length=20, choices=EventType.choices)
    actors = _ids()
    targets = _ids()
    via = _ids()
    topics = _ids()
    # Everyone the move names, whatever the slot: what the actor filters match.
    everyone = models.GeneratedField(
        expression=Func(F("actors"), F("targets"), F("via"), function="", arg_joiner=" || "),
        output_field=ArrayField(models.CharField(max_length=40)),
        db_persist=True,
    )
    when = models.DateField(_("date in the text"), null=True, blank=True)
    day = models.DateField(_("day"), null=True, blank=True)
    reported_on = models.DateField(_("reported on"), null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    source = models.ForeignKey(
        "articles.Source", null=True, blank=True, on_delete=models.SET_NULL, db_index=False
    )
    attributed_to = models.CharField(_("attributed to"), max_length=200, blank=True)
    start = models.PositiveIntegerField(default=0)
    end = models.PositiveIntegerField(default=0)
    sentence = models.TextField(_("sentence"), blank=True)
    tagger_version = models.CharField(max_length=40, blank=True)
    confidence = models.FloatField(default=1.0)
    origin = models.CharField(max_length=10, choices=Origin.choices, default=Origin.TAGGER)
    correction = models.ForeignKey(
        "articles.EventCorrection",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_index=False,
        help_text=_("The analyst's correction that added or retyped this event."),
    )

    class Meta:
        ordering = ["day", "id"]
        verbose_name = _("event")
        verbose_name_plural = _("events")
        indexes = [
            # The thread page: a thread's events in a date window, newest first by
            # a backward walk, or counted per day and type by an index-only scan.
            models.Index(
                fields=["thread", "day", "id"],
                include=["type", "reported_on"],
                name="event_thread_day_idx",
            ),
            # The API across threads, newest first by a seek on (day, id).
            models.Index(fields=["-day", "-id"], name="event_day_idx"),
            GinIndex(fields=["everyone"], name="event_everyone_idx"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(type__in=EventType.values), name="event_type_known"),
            models.CheckConstraint(condition=Q(start__lte=F("end")), name="event_span_ordered"),
            models.CheckConstraint(
                condition=Q(confidence__gte=0) & Q(confidence__lte=1), name="event_confidence_0_1"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_type_display()} #{self.article_id} {self.day or ''}"


class EventCorrection(models.Model):
    """An analyst's change to an article's events, kept apart from the tagger's output.

    Like tag corrections, these are applied on top of the tagger's events on
    every (re-)tag, in the order they were made. A removal or a retype names
    the event by its type and sentence (offsets into the article text), so
    it still finds the event when a new tagger version reports it again.
    """

    class Action(models.TextChoices):
        REMOVE = "remove", _("Remove event")
        RETYPE = "retype", _("Change event type")
        ADD = "add", _("Add event")

    article = models.ForeignKey(
        "articles.Article", on_delete=models.CASCADE, related_name="event_corrections"
    )
    action = models.CharField(max_length=10, choices=Action.choices)
    type = models.CharField(_("type"), max_length=20, choices=EventType.choices)
    new_type = models.CharField(_("new type"), max_length=20, choices=EventType.choices, blank=True)
    start = models.PositiveIntegerField(default=0)
    end = models.PositiveIntegerField(default=0)
    actors = _ids()
    targets = _ids()
    via = _ids()
    topics = _ids()
    when = models.DateField(_("date in the text"), null=True, blank=True)
    attributed_to = models.CharField(_("attributed to"), max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    created_at = models.DateTimeField(auto_now_add=True)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("event correction")
        verbose_name_plural = _("event corrections")
        constraints = [
            models.CheckConstraint(
                condition=~Q(action="retype") | ~Q(new_type=""), name="retype_has_new_type"
            ),
            models.CheckConstraint(
                condition=Q(start__lt=F("end")), name="event_correction_has_sentence"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_action_display()} {self.type} #{self.article_id}"


class ThreadState(models.Model):
    """A run of days in which a thread was in one state (docs/events.md has the rules).

    A new row starts on the day the state changed, so "the state of thread T
    changed on day D" is ``ThreadState(thread=T, start=D)``; ``end`` is the
    last day of the run, null for the current one.
    """

    class State(models.TextChoices):
        CONTACTS = "contacts", _("Contacts")
        BARGAINING = "bargaining", _("Bargaining")
        AGREEMENT = "agreement", _("Agreement")
        IMPLEMENTATION = "implementation", _("Implementation")
        STALLED = "stalled", _("Stalled")

    thread = models.ForeignKey("articles.Thread", on_delete=models.CASCADE, related_name="states")
    state = models.CharField(max_length=15, choices=State.choices)
    start = models.DateField(_("from"))
    end = models.DateField(_("to"), null=True, blank=True)
    cause = models.CharField(
        _("moved by"), max_length=20, choices=EventType.choices, blank=True
    )  # the type of move that started the run
    changed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["thread", "start"]
        verbose_name = _("thread state")
        verbose_name_plural = _("thread states")
        indexes = [models.Index(fields=["start"], name="threadstate_start_idx")]
        constraints = [
            models.UniqueConstraint(fields=["thread", "start"], name="one_state_per_thread_day"),
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gte=F("start")), name="state_run_ordered"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.thread_id} {self.state} {self.start}–{self.end or ''}"


class EventDay(models.Model):
    """How many events of one type a thread has on one day: the lanes of its timeline.

    A busy thread has tens of thousands of events; its chart needs a count
    per day and type, which this rollup holds in a few rows per day, kept on
    write with the events.
    """

    thread = models.ForeignKey("articles.Thread", on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    type = models.CharField(max_length=20, choices=EventType.choices)
    reports = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("event day")
        verbose_name_plural = _("event days")
        constraints = [
            models.UniqueConstraint(fields=["thread", "day", "type"], name="one_event_day")
        ]

    def __str__(self) -> str:
        return f"{self.thread_id} {self.day} {self.type} {self.reports}"


class RoleMonth(models.Model):
    """How one actor acted in one thread in one month: the rollup behind role history.

    Counts the articles that tag the actor as party or mediator and the
    events that show it acting as one; ``first_day``/``last_day`` are exact,
    so "actor X first acted as mediator in thread T" is the smallest
    ``first_day`` of its mediator rows.
    """

    class Role(models.TextChoices):
        PARTY = "party", _("Party")
        MEDIATOR = "mediator", _("Mediator")

    thread = models.ForeignKey("articles.Thread", on_delete=models.CASCADE, related_name="+")
    actor = models.CharField(max_length=40)
    role = models.CharField(max_length=10, choices=Role.choices)
    month = models.DateField()
    first_day = models.DateField()
    last_day = models.DateField()
    articles = models.PositiveIntegerField(default=0)
    events = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("role month")
        verbose_name_plural = _("role months")
        indexes = [models.Index(fields=["actor", "role", "month"], name="rolemonth_actor_idx")]
        constraints = [
            models.UniqueConstraint(
                fields=["thread", "actor", "role", "month"], name="one_role_month"
            ),
            models.CheckConstraint(
                condition=Q(first_day__lte=F("last_day")), name="role_month_days_ordered"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.actor} {self.role} in {self.thread_id} {self.month:%Y-%m}"
