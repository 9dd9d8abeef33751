"""ZIP archives, nested or not, read within the upload's limits.

Admins upload whole days or months of articles as ZIPs (SaudiNewsNet ships
one per day), sometimes ZIPs of ZIPs. The declared sizes in the central
directory are checked before anything is decompressed, and the real sizes
while decompressing, so that an archive bomb ends as a ``RowError`` rather
than an out-of-memory kill of the worker.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from collections.abc import Callable, Iterator

from .limits import Budget, human_size
from .records import Record, RowError

Dispatch = Callable[[str, bytes, Budget, int], Iterator[Record | RowError]]

# Files that archivers and desktops add and nobody means to upload.
_JUNK_PREFIXES = ("__MACOSX/",)
_JUNK_NAMES = frozenset({".DS_Store", "Thumbs.db", "desktop.ini"})


def _is_junk(name: str) -> bool:
    base = name.rsplit("/", 1)[-1]
    return name.startswith(_JUNK_PREFIXES) or base in _JUNK_NAMES or base.startswith("._")


def read_zip(
    name: str, data: bytes, budget: Budget, depth: int, dispatch: Dispatch
) -> Iterator[Record | RowError]:
    """Records from every member of the ZIP ``data``, in member-name order.

    ``dispatch`` reads one member by its name (the readers' entry point);
    it is passed in rather than imported so nested archives recurse through
    the same format detection as top-level files.
    """
    limits = budget.limits
    if depth > limits.max_archive_depth:
        yield RowError(name, None, f"archives nested deeper than {limits.max_archive_depth} levels")
        return
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = [i for i in archive.infolist() if not i.is_dir() and not _is_junk(i.filename)]
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError) as exc:
        yield RowError(name, None, f"not a readable ZIP archive: {exc}")
        return

    budget.members += len(infos)
    if budget.members > limits.max_archive_members:
        yield RowError(
            name,
            None,
            f"archive holds {len(infos):,} files, over the "
            f"{limits.max_archive_members:,} file limit",
        )
        return
    declared = sum(i.file_size for i in infos)
    if budget.total_bytes + declared > limits.max_archive_total_bytes:
        yield RowError(
            name,
            None,
            f"archive expands to {human_size(declared)}, over the "
            f"{human_size(limits.max_archive_total_bytes)} limit",
        )
        return

    for info in sorted(infos, key=lambda i: i.filename):
        member = f"{name}/{info.filename}"
        problem = _member_problem(info, budget)
        if problem:
            yield RowError(member, None, problem)
            continue
        try:
            with archive.open(info) as fh:
                payload = fh.read(limits.max_file_bytes + 1)
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError) as exc:
            yield RowError(member, None, f"damaged archive member: {exc}")
            continue
        except (NotImplementedError, RuntimeError) as exc:  # method, password
            yield RowError(member, None, f"cannot unpack archive member: {exc}")
            continue
        if len(payload) > limits.max_file_bytes:
            yield RowError(
                member,
                None,
                f"file is over the {human_size(limits.max_file_bytes)} limit",
            )
            continue
        budget.total_bytes += len(payload)
        if budget.total_bytes > limits.max_archive_total_bytes:
            yield RowError(
                member,
                None,
                f"upload expands to more than {human_size(limits.max_archive_total_bytes)}, "
                "the limit; the remaining members were not read",
            )
            return
        yield from dispatch(member, payload, budget, depth + 1)


def _member_problem(info: zipfile.ZipInfo, budget: Budget) -> str | None:
    """Why this member must not be decompressed, judged from its header."""
    limits = budget.limits
    if info.flag_bits & 0x1:
        return "archive member is encrypted"
    if info.file_size > limits.max_file_bytes:
        return (
            f"file is {human_size(info.file_size)}, over the "
            f"{human_size(limits.max_file_bytes)} limit"
        )
    if info.file_size > limits.min_ratio_check_bytes:
        ratio = info.file_size / max(info.compress_size, 1)
        if ratio > limits.max_compression_ratio:
            return (
                f"compressed {ratio:,.0f} to 1, over the {limits.max_compression_ratio:,.0f} "
                "to 1 limit (a possible ZIP bomb)"
            )
    return None
