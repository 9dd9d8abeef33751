"""Forms for the two writes the pages offer: a correction and a milestone."""

from __future__ import annotations

from django import forms
from django.forms.utils import flatatt
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from articles.filters import BoundedDateField
from articles.models import Correction, Milestone


class JoinedSelect(forms.Select):
    """A select whose options are joined as escaped strings, not rendered one template each.

    The correction form lists every actor, topic and recent thread: through
    Django's per-option templates those menus were most of the article
    page's time. Every label and value goes through ``escape``.
    """

    def render(self, name, value, attrs=None, renderer=None) -> SafeString:
        attrs = self.build_attrs(self.attrs, attrs)
        chosen = "" if value is None else str(value)
        parts = [format_html('<select name="{}"{}>', name, flatatt(attrs))]
        for option, label in self.choices:
            option = "" if option is None else str(option)
            selected = " selected" if option == chosen else ""
            parts.append(f'<option value="{escape(option)}"{selected}>{escape(label)}</option>')
        parts.append("</select>")
        return mark_safe("".join(parts))  # every value and label above went through escape()


class CorrectionForm(forms.Form):
    """One correction; which of actor, role, topic and thread are needed depends on the action."""

    action = forms.ChoiceField(
        label=_("Change"),
        choices=[
            ("add_actor", _("Add actor in role")),
            ("remove_actor", _("Remove actor from role")),
            ("add_topic", _("Add topic")),
            ("remove_topic", _("Remove topic")),
            ("set_thread", _("Set thread")),
        ],
    )
    actor = forms.ChoiceField(label=_("Actor"), required=False, widget=JoinedSelect)
    role = forms.ChoiceField(
        label=_("Role"), required=False, choices=[("", "—"), *Correction.Role.choices]
    )
    topic = forms.ChoiceField(label=_("Topic"), required=False, widget=JoinedSelect)
    thread = forms.TypedChoiceField(
        label=_("Thread"), required=False, coerce=int, empty_value=None, widget=JoinedSelect
    )

    def __init__(self, *args, choices: dict, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["actor"].choices = [("", "—"), *choices["actors"]]
        self.fields["topic"].choices = [("", "—"), *choices["topics"]]
        self.fields["thread"].choices = [("", "—"), *choices["threads"]]

    def clean(self) -> dict:
        data = super().clean()
        action = data.get("action", "")
        if action in ("add_actor", "remove_actor"):
            if not data.get("actor"):
                self.add_error("actor", _("Choose an actor."))
            if not data.get("role"):
                self.add_error("role", _("Choose a role."))
        elif action in ("add_topic", "remove_topic") and not data.get("topic"):
            self.add_error("topic", _("Choose a topic."))
        elif action == "set_thread" and not data.get("thread"):
            self.add_error("thread", _("Choose a thread."))
        return data


class MilestoneForm(forms.ModelForm):
    class Meta:
        model = Milestone
        fields = ["date", "label_ar", "label_en"]
        widgets = {"date": forms.DateInput(attrs={"type": "date"})}
        field_classes = {"date": BoundedDateField}
