"""Size limits for uploaded files and archives.

Uploads come from admins, but a ZIP of a few kilobytes can still expand to
gigabytes, and one runaway file can exhaust a Celery worker's memory. Every
limit is checked before the bytes are read where the archive lets us (the
declared sizes) and again while reading (the real sizes), so a lying header
cannot get past it either.
"""

from __future__ import annotations

from dataclasses import dataclass, field

MB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """What one upload may cost; exceeding any limit is a ``RowError``, never a crash."""

    max_file_bytes: int = 50 * MB
    max_archive_members: int = 10_000
    max_archive_total_bytes: int = 1024 * MB
    max_compression_ratio: float = 100.0
    # Small members compress far beyond 100:1 when they are mostly blank
    # (an empty JSON array padded with spaces); they cannot hurt, so the
    # ratio is only checked for members that expand to more than this.
    min_ratio_check_bytes: int = 1 * MB
    max_archive_depth: int = 5


@dataclass
class Budget:
    """Bytes and members spent so far by one upload, shared by nested archives."""

    limits: Limits = field(default_factory=Limits)
    total_bytes: int = 0
    members: int = 0


def human_size(n: int) -> str:
    """``61 MB``, ``12 KB``, ``300 bytes``: sizes the way an admin reads them."""
    if n < 1024:
        return f"{n} bytes"
    if n < MB:
        return f"{n / 1024:.0f} KB"
    if n < 1024 * MB:
        value = n / MB
        return f"{value:.1f} MB" if value < 10 and value != int(value) else f"{value:.0f} MB"
    value = n / (1024 * MB)
    return f"{value:.1f} GB" if value != int(value) else f"{value:.0f} GB"
