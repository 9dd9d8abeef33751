"""The analyst's event correction: remove a wrong move, retype it, or add a missed one."""

from __future__ import annotations

from typing import NamedTuple

from django import forms
from django.utils.translation import gettext_lazy as _

from articles.filters import BoundedDateField, SharedFieldsForm
from articles.models import EventCorrection, EventType

from .forms import DirectDateInput, DirectTextInput, JoinedSelect

SLOTS = [("", "—"), ("actors", _("made the move")), ("targets", _("toward")), ("via", _("via"))]


class AddMove(NamedTuple):
    """What the article page's "add a missed move" form lists for one article: its
    sentences as (start, end, preview) and its actors as (id, name). The form
    around them is the same for every article (``{% add_move_form %}``)."""

    sentences: list[tuple[int, int, str]]
    actors: list[tuple[str, str]]


class EventCorrectionForm(SharedFieldsForm):
    """One event correction; ``actors`` are the article's actors, each given a slot (or none).

    A removal or retype names one of the article's events; an addition a
    sentence (``start:end``) and the move it reports. Every analyst's
    article page builds one, so the fields no article changes are shared
    (``SharedFieldsForm``); the sentence menu and the actors' slots are the
    article's own.
    """

    action = forms.ChoiceField(choices=EventCorrection.Action.choices, widget=JoinedSelect)
    event = forms.IntegerField(required=False, widget=forms.HiddenInput)
    new_type = forms.ChoiceField(
        label=_("New type"),
        required=False,
        choices=[("", "—"), *EventType.choices],
        widget=JoinedSelect,
    )
    type = forms.ChoiceField(
        label=_("Move"),
        required=False,
        choices=[("", "—"), *EventType.choices],
        widget=JoinedSelect,
    )
    when = BoundedDateField(
        label=_("Date of the move"),
        required=False,
        widget=DirectDateInput(attrs={"type": "date"}),
        help_text=_("Leave empty when the text gives no date: the day of the report is used."),
    )
    attributed_to = forms.CharField(
        label=_("According to"), required=False, max_length=200, widget=DirectTextInput
    )

    def __init__(
        self,
        *args,
        sentences: list[tuple[int, int, str]],
        actors: list[tuple[str, str]],
        **kwargs,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["sentence"] = forms.ChoiceField(
            label=_("Sentence"),
            required=False,
            choices=[("", "—")] + [(f"{s}:{e}", text) for s, e, text in sentences],
            widget=JoinedSelect,
        )
        self.order_fields(["action", "event", "new_type", "type", "sentence"])
        self.actor_fields = []
        for actor_id, name in actors:
            name_ = f"slot_{actor_id}"
            self.fields[name_] = forms.ChoiceField(
                label=name, required=False, choices=SLOTS, widget=JoinedSelect
            )
            self.actor_fields.append(name_)

    def clean(self) -> dict:
        data = super().clean()
        action = data.get("action")
        if action in ("remove", "retype") and not data.get("event"):
            self.add_error(None, _("Choose one of this article's events."))
        if action == "retype" and not data.get("new_type"):
            self.add_error("new_type", _("Choose the right type."))
        if action == "add":
            if not data.get("type"):
                self.add_error("type", _("Choose the move."))
            if not data.get("sentence"):
                self.add_error("sentence", _("Select a sentence of the article."))
        return data

    def span(self) -> tuple[int, int]:
        start, end = self.cleaned_data["sentence"].split(":")
        return int(start), int(end)

    def slots(self) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {"actors": [], "targets": [], "via": []}
        for name in self.actor_fields:
            slot = self.cleaned_data.get(name)
            if slot in out:
                out[slot].append(name.removeprefix("slot_"))
        return out

    def actor_slots(self) -> list[forms.BoundField]:
        return [self[name] for name in self.actor_fields]
