"""The small data files under knowledge/data: read one, and walk its lines.

Every file shares one layout: `#` starts a comment line, blank lines are skipped, and fields are
separated by `|`. The parsers built on this raise ValueError naming the file and the line.
"""
from __future__ import annotations

from collections.abc import Iterator
from importlib import resources


def data_text(name: str) -> str:
    """The text of knowledge/data/<name>."""
    return (resources.files("knowledge") / "data" / name).read_text(encoding="utf-8")


def data_lines(text: str) -> Iterator[tuple[int, str]]:
    """(line number, stripped line) for every line that is neither blank nor a comment."""
    for n, line in enumerate(text.splitlines(), 1):
        line = line.strip()
        if line and not line.startswith("#"):
            yield n, line


def data_rows(text: str, sep: str = "|") -> Iterator[tuple[int, list[str]]]:
    """(line number, stripped fields) for every data line, split on `sep`."""
    for n, line in data_lines(text):
        yield n, [p.strip() for p in line.split(sep)]
