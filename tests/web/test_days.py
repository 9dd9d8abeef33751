"""Days as the pages print them: ``day_label`` and ``iso_day`` say what ``|date`` said."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest
from django.template import Context, Template
from django.test.utils import override_settings
from django.utils import timezone, translation

OURS = Template("{% load days %}{{ d|day_label }}|{{ d|iso_day }}")
DJANGOS = Template('{{ d|date:"j N Y" }}|{{ d|date:"Y-m-d" }}')
VALUES = [
    *(
        dt.date(2015, month, day)
        for month in range(1, 13)
        for day in (1, 9, 31 if month == 1 else 28)
    ),
    dt.date(5, 3, 1),
    dt.datetime(2015, 3, 1, 23, 30, tzinfo=dt.UTC),  # the next day in Riyadh
    dt.datetime(
        2015, 3, 1, 1, 0, tzinfo=dt.timezone(dt.timedelta(hours=5))
    ),  # the day before in UTC
    dt.datetime(2015, 3, 1, 12, 0),  # naive
    None,
    "",
]


@pytest.mark.parametrize("language", ["ar", "en"])
@pytest.mark.parametrize("zone", ["UTC", "Asia/Riyadh"])
def test_the_day_filters_print_what_the_date_filter_prints(language, zone):
    with (
        override_settings(USE_TZ=True),
        translation.override(language),
        timezone.override(zoneinfo.ZoneInfo(zone)),
    ):
        for value in VALUES:
            context = {"d": value}
            assert OURS.render(Context(context)) == DJANGOS.render(Context(context)), value
