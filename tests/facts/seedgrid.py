"""Test helper: cut a table block out of a bundled sample and split it into a grid.

Stands in for the text/Markdown loader until it lands: tab rows split on '\\t' keeping empty
cells, pipe rows split on '|' with the outer empties dropped, Markdown separator rows skipped,
continuation pieces simply concatenated (as the loader joins them), blank lines dropped.
"""
from __future__ import annotations

from loaders.model import Table
from tests.conftest import ROOT

CORPUS = ROOT / "knowledge" / "corpus"


def sample_text(prefix: str) -> str:
    """The text of the bundled sample whose file name starts with `prefix` ("000")."""
    (path,) = sorted(CORPUS.glob(f"{prefix}_*.txt"))
    return path.read_text(encoding="utf-8")


def split_row(line: str) -> tuple[str, ...]:
    """One printed line → cells (pipe or tab)."""
    if line.lstrip().startswith("|"):
        cells = line.strip().split("|")[1:-1]
        return tuple(c.strip() for c in cells)
    return tuple(c.strip() for c in line.split("\t"))


def rows_of(block: str) -> tuple[tuple[str, ...], ...]:
    """A block of lines → grid rows."""
    rows = []
    for line in block.splitlines():
        if not line.strip() or set(line.strip()) <= set("|-: "):
            continue
        rows.append(split_row(line))
    return tuple(rows)


def seed_table(prefix: str, first: str, stop: str, section: tuple[str, ...] = ()) -> Table:
    """The table in sample `prefix` from the line containing `first` up to (not incl.) `stop`."""
    lines = sample_text(prefix).splitlines()
    start = next(i for i, line in enumerate(lines) if first in line)
    end = next(i for i in range(start + 1, len(lines)) if stop in lines[i])
    block = "\n".join(lines[start:end])
    layout = "pipe" if block.lstrip().startswith("|") else "tab"
    return Table(rows=rows_of(block), section=section, layout=layout)
