from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .lexicon import Actor, Topic


class Thread(models.Model):
    """One negotiation followed over time: the unit of an analyst's timeline."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        ACTIVE = "active", _("Active")
        STALLED = "stalled", _("Stalled")
        CONCLUDED = "concluded", _("Concluded")

    key = models.CharField(max_length=120, unique=True)
    name_ar = models.CharField(_("Arabic name"), max_length=300)
    name_en = models.CharField(_("English name"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    core_parties = models.ManyToManyField(Actor, blank=True, related_name="threads_as_party")
    mediators = models.ManyToManyField(Actor, blank=True, related_name="threads_as_mediator")
    topics = models.ManyToManyField(Topic, blank=True, related_name="threads")
    anchors = models.ManyToManyField(
        Actor,
        blank=True,
        related_name="threads_as_anchor",
        help_text=_(
            "An article must name at least one of these to join the thread (empty: any core party)."
        ),
    )
    keywords = models.JSONField(default=list, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.ACTIVE)
    starts_on = models.DateField(_("window start"), null=True, blank=True)
    ends_on = models.DateField(_("window end"), null=True, blank=True)
    first_date = models.DateField(_("first article"), null=True, blank=True)
    last_date = models.DateField(_("last article"), null=True, blank=True)
    article_count = models.PositiveIntegerField(default=0)
    # How often each actor is a side / a mediator in the thread's articles
    # ({"parties": {id: n}, "mediators": {id: n}}), kept with article_count:
    # the tagger reads it as evidence for a new article's roles.
    role_counts = models.JSONField(default=dict, blank=True)
    merged_into = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-last_date", "name_en"]
        verbose_name = _("thread")
        verbose_name_plural = _("threads")

    def __str__(self) -> str:
        return f"{self.name_ar} / {self.name_en}"


class Milestone(models.Model):
    """A dated event an admin marks on a thread's timeline (talks opened, deal signed)."""

    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="milestones")
    date = models.DateField(_("date"))
    label_ar = models.CharField(_("Arabic label"), max_length=300)
    label_en = models.CharField(_("English label"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )

    class Meta:
        ordering = ["date"]
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")

    def __str__(self) -> str:
        return f"{self.date} {self.label_ar}"
