from django.db import models
from django.utils.translation import gettext_lazy as _


class Actor(models.Model):
    """A state (ISO 3166-1 alpha-3, ``USA``) or organisation (slug, ``hamas``)."""

    class Kind(models.TextChoices):
        STATE = "state", _("State")
        ORG = "org", _("Organisation")

    id = models.CharField(primary_key=True, max_length=40)
    kind = models.CharField(max_length=5, choices=Kind.choices)
    name_ar = models.CharField(_("Arabic name"), max_length=200)
    name_en = models.CharField(_("English name"), max_length=200)
    active = models.BooleanField(default=True)
    # Set once an article names the actor (never unset): the filter menus offer
    # the actors that occur, not the whole of pycountry.
    seen = models.BooleanField(_("named in an article"), default=False, editable=False)

    class Meta:
        ordering = ["name_en"]
        verbose_name = _("actor")
        verbose_name_plural = _("actors")

    def __str__(self) -> str:
        return f"{self.name_ar} / {self.name_en} ({self.id})"


class ActorAlias(models.Model):
    class Kind(models.TextChoices):
        NAME = "name", _("Name")
        DEMONYM = "demonym", _("Demonym or adjective")
        METONYM = "metonym", _("Capital or institution")

    actor = models.ForeignKey(Actor, on_delete=models.CASCADE, related_name="aliases")
    text = models.CharField(max_length=200)
    lang = models.CharField(max_length=2, default="ar")
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.NAME)

    class Meta:
        verbose_name = _("alias")
        verbose_name_plural = _("aliases")
        constraints = [models.UniqueConstraint(fields=["actor", "text"], name="unique_actor_alias")]

    def __str__(self) -> str:
        return self.text


class Person(models.Model):
    """A named person; their affiliation makes a mention of them an actor reference."""

    name_ar = models.CharField(_("Arabic name"), max_length=200, unique=True)
    name_en = models.CharField(_("English name"), max_length=200, blank=True)
    affiliation = models.ForeignKey(
        Actor, null=True, blank=True, on_delete=models.SET_NULL, related_name="persons"
    )
    title_en = models.CharField(_("title"), max_length=300, blank=True)

    class Meta:
        ordering = ["name_ar"]
        verbose_name = _("person")
        verbose_name_plural = _("persons")

    def __str__(self) -> str:
        return self.name_ar


class PersonAlias(models.Model):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="aliases")
    text = models.CharField(max_length=200)
    lang = models.CharField(max_length=2, default="ar")

    class Meta:
        verbose_name = _("alias")
        verbose_name_plural = _("aliases")
        constraints = [
            models.UniqueConstraint(fields=["person", "text"], name="unique_person_alias")
        ]

    def __str__(self) -> str:
        return self.text


class Outlet(models.Model):
    """A news outlet or agency that articles cite (رويترز، أكسيوس)."""

    name_ar = models.CharField(_("Arabic name"), max_length=200, unique=True)
    name_en = models.CharField(_("English name"), max_length=200, blank=True)
    aliases = models.JSONField(
        default=list, blank=True, help_text=_("Other spellings, one per item.")
    )

    class Meta:
        ordering = ["name_ar"]
        verbose_name = _("cited outlet")
        verbose_name_plural = _("cited outlets")

    def __str__(self) -> str:
        return self.name_ar


class Topic(models.Model):
    id = models.CharField(primary_key=True, max_length=40)
    name_ar = models.CharField(_("Arabic name"), max_length=200)
    name_en = models.CharField(_("English name"), max_length=200)

    class Meta:
        ordering = ["id"]
        verbose_name = _("topic")
        verbose_name_plural = _("topics")

    def __str__(self) -> str:
        return f"{self.name_ar} / {self.name_en}"


class Candidate(models.Model):
    """An unknown name found after a title («المبعوث الأمريكي …»), for review."""

    class Status(models.TextChoices):
        NEW = "new", _("New")
        ACCEPTED = "accepted", _("Accepted")
        REJECTED = "rejected", _("Rejected")

    name = models.CharField(_("name"), max_length=200, unique=True)
    title = models.CharField(_("title"), max_length=200, blank=True)
    context = models.TextField(blank=True)
    suggested_affiliation = models.ForeignKey(
        Actor, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    article = models.ForeignKey(
        "articles.Article", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    seen = models.PositiveIntegerField(default=1)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.NEW)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-seen"]
        verbose_name = _("name candidate")
        verbose_name_plural = _("name candidates")

    def __str__(self) -> str:
        return self.name


class LexiconState(models.Model):
    """One row whose version moves on every lexicon edit.

    Workers compare it with the version of the lexicon they hold before each
    batch and rebuild when it moved, so an admin's edit reaches them without
    a restart.
    """

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    version = models.PositiveIntegerField(default=0)
    changed_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.CheckConstraint(condition=models.Q(id=1), name="single_row")]

    def __str__(self) -> str:
        return f"lexicon v{self.version}"
