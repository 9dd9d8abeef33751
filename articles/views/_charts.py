"""Small presentation helpers shared by the views (no queries here)."""

from __future__ import annotations


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
