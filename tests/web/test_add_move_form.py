"""The "add a missed move" form: rendered once per language, joined with each article's menus."""

from __future__ import annotations

import re

import pytest
from django.template import Context, Template
from django.test import Client
from django.urls import reverse
from django.utils import translation

from articles.views.article_events import _form
from tests.conftest import at, make_article, make_user

pytestmark = pytest.mark.django_db

# The form as the page wrote it before it was rendered once: straight from the form.
DIRECT = Template(
    """{% load i18n %}<form method="post" action="{{ action }}" class="event-add">
      <input type="hidden" name="csrfmiddlewaretoken" value="TOKEN"><input type="hidden" name="action" value="add">
      {% with f=form %}
      <div class="field"><label for="{{ f.sentence.id_for_label }}">{{ f.sentence.label }}</label>{{ f.sentence }}</div>
      <div class="field"><label for="{{ f.type.id_for_label }}">{{ f.type.label }}</label>{{ f.type }}</div>
      {% if f.actor_slots %}
      <fieldset class="slots"><legend>{% translate "Who" %}</legend>
        {% for b in f.actor_slots %}<div class="slot"><label for="{{ b.id_for_label }}" dir="auto">{{ b.label }}</label>{{ b }}</div>{% endfor %}
      </fieldset>
      {% endif %}
      <div class="field"><label for="{{ f.when.id_for_label }}">{{ f.when.label }}</label>{{ f.when }}<span class="muted small">{{ f.when.help_text }}</span></div>
      <div class="field"><label for="{{ f.attributed_to.id_for_label }}">{{ f.attributed_to.label }}</label>{{ f.attributed_to }}</div>
      {% endwith %}
      <button class="button primary" type="submit">{% translate "Add the move" %}</button>
    </form>"""
)


def _shown(html: str) -> str:
    form = re.search(r'<form method="post" action="[^"]*" class="event-add">.*?</form>', html, re.S)
    text = re.sub(
        r'name="csrfmiddlewaretoken" value="[^"]*"',
        'name="csrfmiddlewaretoken" value="TOKEN"',
        form.group(0),
    )
    return re.sub(r"\s+", " ", text)


def _direct(article, language: str) -> str:
    with translation.override(language):
        html = DIRECT.render(
            Context(
                {
                    "form": _form(article),
                    "action": reverse("article_event_correct", args=[article.pk]),
                }
            )
        )
    return re.sub(r"\s+", " ", html)


@pytest.mark.parametrize("language", ["ar", "en"])
def test_each_article_gets_its_own_sentences_and_actors(
    analyst_client: Client, tagged, language: str
) -> None:
    """Articles with and without actors, one after the other: each form is the one
    the form object itself renders, for that article alone."""
    hostile = make_article(
        'عنوان <b>"',
        'قالت قطر إن <script>alert(1)</script> المفاوضات "استؤنفت". وأكد الوفد ذلك & أكثر.',
        published=at("2024-03-02"),
        actors=["QAT", "hamas"],
    )
    bare = make_article("بلا أطراف", "خبر لا يذكر أحداً. ثم جملة أخرى.", published=at("2024-03-03"))
    articles = [tagged["articles"][0], hostile, bare, tagged["articles"][2]]
    analyst_client.post(reverse("set_language"), {"language": language, "next": "/"})
    for article in articles:
        html = analyst_client.get(reverse("article_detail", args=[article.pk])).content.decode()
        assert _shown(html) == _direct(article, language), article.title
    hostile_html = analyst_client.get(reverse("article_detail", args=[hostile.pk])).content.decode()
    assert "<script>alert(1)</script>" not in hostile_html
    assert 'name="slot_QAT"' in hostile_html and 'name="slot_hamas"' in hostile_html
    bare_html = analyst_client.get(reverse("article_detail", args=[bare.pk])).content.decode()
    assert 'class="slots"' not in _shown(bare_html)
    assert "خبر لا يذكر أحداً." in _shown(bare_html)


def test_readers_who_cannot_correct_moves_get_no_form(tagged) -> None:
    """The form's pieces, kept for analysts, are not shown to a reader without the right."""
    from django.contrib.auth.models import Permission

    reader = make_user("viewer")
    reader.user_permissions.add(Permission.objects.get(codename="view_article"))
    client = Client()
    client.force_login(reader)
    url = reverse("article_detail", args=[tagged["articles"][0].pk])
    analyst = make_user("second-analyst", "analysts")
    shown = Client()
    shown.force_login(analyst)
    assert 'class="event-add"' in shown.get(url).content.decode()
    html = client.get(url).content.decode()
    assert client.get(url).status_code == 200
    assert 'class="event-add"' not in html
