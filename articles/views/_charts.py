"""Small presentation helpers shared by the views (no queries here)."""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.humanize.templatetags.humanize import intcomma
from django.utils.safestring import SafeString, mark_safe

from articles.selectors.threads import Bucket

from ._cards import _e
from ._days import day_label, iso_day


def sparkline_points(values: list[int], *, width: int = 120, height: int = 28, pad: int = 2) -> str:
    """SVG polyline points for a series, scaled to the box; flat at the bottom when all zero."""
    if not values:
        return ""
    top = max(values) or 1
    step = (width - 2 * pad) / max(len(values) - 1, 1)
    usable = height - 2 * pad
    return " ".join(
        f"{pad + i * step:.1f},{pad + usable - (v / top) * usable:.1f}"
        for i, v in enumerate(values)
    )


def series_rows(series: Iterable[Bucket]) -> SafeString:
    """The volume chart as table rows, one per bucket holding articles.

    Joined here, not looped in the template: a year by day is hundreds of
    rows, and the template's date and number filters per row were a third
    of the page's rendering.
    """
    rows = [
        f'<tr><td><time datetime="{iso_day(b.start)}">{_e(day_label(b.start))}</time></td>'
        f'<td class="num">{_e(intcomma(b.count))}</td></tr>'
        for b in series
        if b.count
    ]
    return mark_safe("".join(rows))  # every piece of text above went through _e()
