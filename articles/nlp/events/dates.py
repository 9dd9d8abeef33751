"""The day of a move, from the words of its sentence and the article's date.

«الإثنين», «أمس», «الأسبوع المقبل», «في 15 من الشهر الجاري», "on Monday",
"July 14" are resolved against ``published_at``. A weekday or a day of the
month with no year points to the latest such day on or before the article's
date, except for a planned move, whose day lies ahead (the next such day).
A sentence that fixes no day gives None, as the contract asks.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache

from articles.nlp.events.data import load

_NUM = r"(\d{1,2})"


@cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    data = load()
    months = "|".join(sorted((re.escape(m) for m in data.months), key=len, reverse=True))
    words = sorted(
        (re.escape(w) for w in (*data.weekdays, *data.day_offsets)), key=len, reverse=True
    )
    word_re = re.compile(r"(?<!\w)(?:[وفب]?)(" + "|".join(words) + r")(?!\w)")
    # «14 يوليو», «3 أغسطس (آب) 2015», "July 14", "14 July 2015"
    # «سبتمبر المقبل»: a word of which year; none listed, the alternative never matches.
    which = "|".join(re.escape(w) for w in (*data.month_ahead, *data.month_past)) or "(?!)"
    day_month = re.compile(
        rf"(?<!\w){_NUM}\s*(?:من\s+)?(?:شهر\s+)?({months})(?!\w)(?:\s*\([^)]{{0,12}}\))?"
        rf"(?:\s+(\d{{4}})|\s+({which})(?!\w))?"
    )
    month_day = re.compile(rf"(?<!\w)({months})\.?\s+{_NUM}(?!\d)(?:,?\s+(\d{{4}}))?")
    rel_month = "|".join(re.escape(w) for w in (*data.this_month, *data.next_month))
    day_of_month = re.compile(rf"(?<!\w){_NUM}\s*(?:من\s+)?({rel_month})")
    return word_re, day_month, month_day, day_of_month


@cache
def _ordinal_days() -> re.Pattern[str]:
    """A day said as an ordinal right before its month («الثاني عشر من أبريل»),
    not the month names that end in one («تشرين الثاني», «كانون الأول»), a part
    of the month («النصف الثاني من يوليو») or a day told as the point since or
    after which something holds («بعد الثامن من ديسمبر»)."""
    data = load()
    days = "|".join(sorted((re.escape(w) for w in data.day_ordinals), key=len, reverse=True))
    months = "|".join(sorted((re.escape(m) for m in data.months), key=len, reverse=True))
    not_after = "".join(f"(?<!{re.escape(w)} )" for w in data.not_days_after)
    return re.compile(
        rf"{not_after}(?<!\w)({days or '(?!)'})\s+(?=(?:من\s+)?(?:شهر\s+)?(?:{months})(?!\w))"
    )


def published_date(published_at: str | None) -> dt.date | None:
    if not published_at:
        return None
    try:
        return dt.date.fromisoformat(str(published_at)[:10])
    except ValueError:
        return None


def resolve(sentence: str, published: dt.date | None, planned: bool = False) -> str | None:
    """ISO day the normalised ``sentence`` fixes, or None."""
    if published is None:
        return None
    data = load()
    sentence = _ordinal_days().sub(lambda m: f"{data.day_ordinals[m.group(1)]} ", sentence)
    word_re, day_month, month_day, day_of_month = _patterns()
    for m in day_of_month.finditer(sentence):
        day, which = int(m.group(1)), m.group(2)
        month_start = published.replace(day=1)
        if which in data.next_month:
            month_start = (month_start + dt.timedelta(days=32)).replace(day=1)
        found = _safe(month_start.year, month_start.month, day)
        if found:
            return found.isoformat()
    for m in day_month.finditer(sentence):
        ahead = planned if m.group(4) is None else m.group(4) in data.month_ahead
        found = _dated(published, int(m.group(1)), data.months[m.group(2)], m.group(3), ahead)
        if found:
            return found.isoformat()
    for m in month_day.finditer(sentence):
        found = _dated(published, int(m.group(2)), data.months[m.group(1)], m.group(3), planned)
        if found:
            return found.isoformat()
    for m in word_re.finditer(sentence):
        word = m.group(1)
        if word in data.weekdays:
            gap = (published.weekday() - data.weekdays[word]) % 7
            # «السبت المقبل» told on a Saturday: a week on, not the same day.
            if planned and (gap or _next_week(sentence, m.start(), m.end())):
                return (published + dt.timedelta(days=7 - gap)).isoformat()
            return (published - dt.timedelta(days=gap)).isoformat()
        offset = data.day_offsets.get(word)
        if offset is not None and (offset <= 0 or planned or abs(offset) == 1):
            return (published + dt.timedelta(days=offset)).isoformat()
    return None


def _next_week(sentence: str, start: int, end: int) -> bool:
    """«السبت المقبل», "next Saturday": the weekday is said to come after this one."""
    after = [w.strip(".,،؛;:!?؟") for w in sentence[end : end + 12].split()[:1]]
    before = sentence[max(0, start - 8) : start].split()[-1:]
    return after in (["المقبل"], ["القادم"]) or before == ["next"]


def _safe(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _dated(
    published: dt.date, day: int, month: int, year: str | None, ahead: bool
) -> dt.date | None:
    """The day of ``month`` in the year it says, else the one nearest the
    article's date on the side ``ahead`` says (a planned move, «المقبل»)."""
    if year:
        return _safe(int(year), month, day)
    found = _safe(published.year, month, day)
    if found is None:
        return None
    if ahead and found < published - dt.timedelta(days=1):
        return _safe(published.year + 1, month, day)
    if not ahead and found > published + dt.timedelta(days=1):
        return _safe(published.year - 1, month, day)
    return found
