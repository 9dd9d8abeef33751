from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .lexicon import Actor, Topic
from .threads import Thread


class Correction(models.Model):
    """An analyst's change to an article's tags, kept apart from the tagger's output.

    Re-tagging recomputes the tagger's view and then applies every correction
    of the article in order, so corrections survive any number of re-tags.
    """

    class Action(models.TextChoices):
        ADD_ACTOR = "add_actor", _("Add actor in role")
        REMOVE_ACTOR = "remove_actor", _("Remove actor from role")
        ADD_TOPIC = "add_topic", _("Add topic")
        REMOVE_TOPIC = "remove_topic", _("Remove topic")
        SET_THREAD = "set_thread", _("Set thread")
        SET_NEGOTIATION = "set_negotiation", _("Mark negotiation or not")

    class Role(models.TextChoices):
        PARTY = "party", _("Party")
        MEDIATOR = "mediator", _("Mediator")
        MENTIONED = "mentioned", _("Mentioned")

    article = models.ForeignKey(
        "articles.Article", on_delete=models.CASCADE, related_name="corrections"
    )
    action = models.CharField(max_length=20, choices=Action.choices)
    actor = models.ForeignKey(Actor, null=True, blank=True, on_delete=models.CASCADE)
    role = models.CharField(max_length=10, choices=Role.choices, blank=True)
    topic = models.ForeignKey(Topic, null=True, blank=True, on_delete=models.CASCADE)
    thread = models.ForeignKey(Thread, null=True, blank=True, on_delete=models.CASCADE)
    value = models.BooleanField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    created_at = models.DateTimeField(auto_now_add=True)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("correction")
        verbose_name_plural = _("corrections")
        constraints = [
            models.CheckConstraint(
                condition=~Q(action__in=["add_actor", "remove_actor"])
                | (Q(actor__isnull=False) & ~Q(role="")),
                name="actor_correction_has_actor_and_role",
            ),
            models.CheckConstraint(
                condition=~Q(action__in=["add_topic", "remove_topic"]) | Q(topic__isnull=False),
                name="topic_correction_has_topic",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_action_display()} #{self.article_id}"
