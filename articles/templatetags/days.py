"""``{{ day|day_label }}`` and ``{{ day|iso_day }}``: ``|date:"j N Y"`` and ``|date:"Y-m-d"``, cheaper
(see ``articles.views._days``)."""

from __future__ import annotations

from django import template

from articles.views import _days

register = template.Library()


@register.filter(expects_localtime=True)
def day_label(value: object) -> str:
    return _days.day_label(value)


@register.filter(expects_localtime=True)
def iso_day(value: object) -> str:
    return _days.iso_day(value)
