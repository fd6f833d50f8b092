"""Which files a load reads: named files as given, folders walked for report files in path order."""
from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from loaders import SUPPORTED_SUFFIXES

REPORT_LIKE = frozenset({".doc", ".wps", ".ofd"})
"""Report formats without a reader: picked up from folders too, so each is named as unsupported
(「另存为 .docx」) instead of silently skipped."""


def expand(paths: Iterable[str | Path]) -> list[Path]:
    """Files to load, as a list (see iter_files)."""
    return list(iter_files(paths))


def iter_files(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Files to load, one at a time: named files as given, folders searched for report files in
    path order. A folder's names are held packed in one string while it is walked (~40 bytes a
    file), not as a list of Path objects (~350 bytes each: 35 MB for 100,000 files)."""
    wanted = frozenset(SUPPORTED_SUFFIXES) | REPORT_LIKE
    for p in map(Path, paths):
        yield from _walk(p, wanted) if p.is_dir() else (p,)


def _walk(folder: Path, wanted: frozenset[str]) -> Iterator[Path]:
    """Report files under `folder`, sorted by path (a sorted depth-first walk)."""
    try:
        packed = "\0".join(sorted(os.listdir(folder)))
    except OSError:
        return
    start = 0
    while start < len(packed):
        end = packed.find("\0", start)
        end = len(packed) if end < 0 else end
        path = folder / packed[start:end]
        start = end + 1
        if path.is_dir() and not path.is_symlink():
            yield from _walk(path, wanted)
        elif path.is_file() and path.suffix.lower() in wanted and not path.name.startswith("."):
            yield path
