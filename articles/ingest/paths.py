"""Command-line arguments to the files they name.

The ``ingest`` command takes files, folders and globs in any mix; the same
arguments must always give the same files in the same order, so that a
re-run reports errors at the same places and batches line up.
"""

from __future__ import annotations

import glob
from collections.abc import Iterator
from pathlib import Path

_GLOB_CHARS = frozenset("*?[")


def _is_hidden(path: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(root).parts)


def _expand_dir(root: Path) -> list[Path]:
    """Files under ``root`` at any depth, sorted, without hidden files or folders."""
    return sorted(p for p in root.rglob("*") if p.is_file() and not _is_hidden(p, root))


def iter_paths(args: list[str]) -> Iterator[Path]:
    """Files named by ``args``: plain files, folders (recursively) and globs.

    Each argument's files come out sorted, arguments in the order given,
    each file once. A name that matches nothing is passed through, so that
    ``read_file`` reports it as missing instead of it vanishing silently.
    """
    seen: set[Path] = set()
    for arg in args:
        path = Path(arg).expanduser()
        if path.is_dir():
            found = _expand_dir(path)
        elif path.exists():
            found = [path]
        elif _GLOB_CHARS & set(arg):
            found = []
            for match in sorted(glob.glob(str(path), recursive=True)):
                m = Path(match)
                found.extend(_expand_dir(m) if m.is_dir() else [m])
        else:
            found = [path]
        for p in found:
            key = p.resolve() if p.exists() else p
            if key not in seen:
                seen.add(key)
                yield p
