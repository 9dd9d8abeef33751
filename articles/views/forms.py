"""Forms for the two writes the pages offer: a correction and a milestone."""

from __future__ import annotations

import html

from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from articles.filters import BoundedDateField
from articles.models import Correction, Milestone


def joined_options(choices, chosen: str = "") -> str:
    """``<option>`` elements for ``choices``, every value and label escaped.

    The standard library's ``html.escape`` is what Django's ``escape`` calls,
    without the check for lazy arguments around it: an article's sentence
    menu escapes its whole text once more.
    """
    parts = []
    for option, label in choices:
        option = "" if option is None else str(option)
        selected = " selected" if option == chosen else ""
        parts.append(
            f'<option value="{html.escape(option)}"{selected}>{html.escape(str(label))}</option>'
        )
    return "".join(parts)


class JoinedSelect(forms.Select):
    """A select whose options are joined as escaped strings, not rendered one template each.

    The correction form lists every actor, topic and recent thread: through
    Django's per-option templates those menus were most of the article
    page's time. Every label and value goes through ``html.escape``. A form may
    hand over ``options_html``, the options already joined with nothing
    chosen, for an unbound form whose menus are the same on every page.
    """

    options_html: str | None = None

    def render(self, name, value, attrs=None, renderer=None) -> SafeString:
        attrs = self.build_attrs(self.attrs, attrs)
        chosen = "" if value is None else str(value)
        if self.options_html is not None and not chosen:
            options = self.options_html
        else:
            options = joined_options(self.choices, chosen)
        head = format_html('<select name="{}"{}>', name, flatatt(attrs))
        return mark_safe(f"{head}{options}</select>")  # options escaped in joined_options()


class DirectInput:
    """An ``<input>`` written at once, not through two templates (the input and its
    attributes) as Django's widgets are: the same markup, attributes in the same
    order, a fraction of the time on the article page, whose forms are rendered
    for every reader."""

    def render(self, name, value, attrs=None, renderer=None) -> SafeString:
        widget = self.get_context(name, value, attrs)["widget"]
        parts = [format_html('<input type="{}" name="{}"', widget["type"], name)]
        if widget["value"] is not None:
            parts.append(format_html(' value="{}"', widget["value"]))
        # As django/forms/widgets/attrs.html: False leaves it out, True writes its name alone.
        for key, attr in widget["attrs"].items():
            if attr is True:
                parts.append(format_html(" {}", key))
            elif attr is not False:
                parts.append(format_html(' {}="{}"', key, attr))
        return mark_safe("".join(parts) + ">")  # every part escaped by format_html


class DirectDateInput(DirectInput, forms.DateInput):
    pass


class DirectTextInput(DirectInput, forms.TextInput):
    pass


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
        widget=JoinedSelect,
    )
    actor = forms.ChoiceField(label=_("Actor"), required=False, widget=JoinedSelect)
    role = forms.ChoiceField(
        label=_("Role"),
        required=False,
        choices=[("", "—"), *Correction.Role.choices],
        widget=JoinedSelect,
    )
    topic = forms.ChoiceField(label=_("Topic"), required=False, widget=JoinedSelect)
    thread = forms.TypedChoiceField(
        label=_("Thread"), required=False, coerce=int, empty_value=None, widget=JoinedSelect
    )

    _MENUS = (("actor", "actors"), ("topic", "topics"), ("thread", "threads"))

    def __init__(self, *args, choices: dict, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # Unbound and with nothing chosen, the menus are the same for every article:
        # joined once per ``choices`` (a per-process dictionary, see
        # ``selectors.article_page.correction_choices``) and kept on it, instead of
        # normalised and joined for every page. A submission (or a choice given as
        # ``initial``) gets its choices as a form does.
        menus = choices.get("_options_html")
        for field, key in self._MENUS:
            if self.is_bound or self.initial.get(field) not in (None, ""):
                self.fields[field].choices = [("", "—"), *choices[key]]
                continue
            if menus is None:
                menus = choices["_options_html"] = {}
            if field not in menus:
                menus[field] = joined_options([("", "—"), *choices[key]])
            self.fields[field].widget.options_html = menus[field]

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
