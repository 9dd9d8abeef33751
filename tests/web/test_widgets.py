"""The article page's widgets written directly say what Django's own templates say."""

from __future__ import annotations

import datetime as dt

import pytest
from django import forms
from django.utils.html import escape

from articles.views.forms import DirectDateInput, DirectTextInput, JoinedSelect, joined_options


@pytest.mark.parametrize("value", [None, "", dt.date(2025, 3, 9), '2025-03-09"><b>'])
def test_a_date_input_is_django_s(value) -> None:
    attrs = {"id": "id_when"}
    direct = DirectDateInput(attrs={"type": "date"}).render("when", value, attrs)
    django = forms.DateInput(attrs={"type": "date"}).render("when", value, attrs)
    assert direct == django


@pytest.mark.parametrize("value", [None, "رويترز", 'a "quoted" <source> & co'])
def test_a_text_input_is_django_s(value) -> None:
    # A field's own attributes come first, then the form's; flags are written by name alone.
    own = {"maxlength": "200", "required": True, "disabled": False}
    attrs = {"id": "id_attributed_to", "placeholder": '"x" & <y>'}
    direct = DirectTextInput(attrs=own).render("attributed_to", value, attrs)
    assert direct == forms.TextInput(attrs=own).render("attributed_to", value, attrs)
    assert direct.index("maxlength") < direct.index(" id=") and " required" in direct


def test_options_are_escaped_as_django_escapes() -> None:
    choices = [("", "—"), ("1:40", 'قال "المصدر" <إن> الوفد & الوسطاء'), (None, "it's")]
    html = joined_options(choices, chosen="1:40")
    for value, label in choices:
        assert f'value="{escape(value or "")}"' in html
        assert f">{escape(label)}</option>" in html
    assert html.count(" selected") == 1
    select = JoinedSelect(choices=choices).render("sentence", "", {"id": "s"})
    assert select.startswith('<select name="sentence" id="s">') and "<إن>" not in select
