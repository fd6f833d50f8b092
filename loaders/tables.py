"""表格：从制表符行和管道行取出网格（只取格子，不解释数字）。

Rules (the grid stays as printed, another layer reads values):
- A line holding a tab, or starting with '|', is a table row; consecutive rows form one table,
  and a table goes on after blank lines when the next non-blank line is again a row. So a
  Markdown table split by the converter ("表二 … 第二十条第（九）项" and its "| | 量 | |" piece,
  or 表三's second half) comes out as ONE grid.
- Pipe separator rows (|---|) are dropped; rows whose cells are all empty are dropped (this
  removes the empty header row of a continuation piece). Nothing else is merged: the stray
  "量" row of the 2020 晋江 sample stays a row of its own, ("", "量", ""), right under the
  header row (…, "采购项目数", "采购总金额", ""), for the next layer to combine.
- Tab rows keep empty cells (positions matter) but trailing empty cells are trimmed; pipe
  rows keep all their cells (outer empties from the leading/trailing '|' removed).
- Cells: stripped, spaces squeezed, '**' removed, '<br>' → ''.
- Loose cells: right after a table, short lines that are a label (行政事业性收费) followed by
  bare numbers (149.876378) are one more row: ("行政事业性收费", "149.876378").
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .lines import squeeze, strip_marks
from .model import Path, Table

Row = tuple[str, ...]

_SEPARATOR_CELL = re.compile(r"^:?-{1,}:?$")
_PIPE_SPLIT = re.compile(r"(?<!\\)\|")
_LABEL = re.compile(r"^[\u4e00-\u9fff（）()、/·]{2,20}$")
_NUMBER = re.compile(r"^(?:[-+]?\d+(?:\.\d+)?%?|/|—|－)$")


def is_table_line(line: str) -> bool:
    """A tab anywhere, or a leading '|', makes a line a table row (never a heading)."""
    return "\t" in line or line.lstrip().startswith("|")


def clean_cell(cell: str) -> str:
    """Cell text as printed: '**' and '<br>' removed, spaces squeezed."""
    return squeeze(strip_marks(cell))


def parse_row(line: str) -> tuple[Row, str] | None:
    """(cells, layout) of one table line; None for a pipe separator row or an all-empty row."""
    stripped = line.strip(" ")
    if stripped.startswith("|"):
        body = stripped.strip()[1:]
        if body.endswith("|") and not body.endswith("\\|"):
            body = body[:-1]
        raw = _PIPE_SPLIT.split(body)
        if all(_SEPARATOR_CELL.match(c.strip()) for c in raw if c.strip()) and any(
            c.strip() for c in raw
        ):
            return None
        cells, layout = [clean_cell(c.replace("\\|", "|")) for c in raw], "pipe"
    else:
        cells, layout = [clean_cell(c) for c in line.split("\t")], "tab"
        while cells and not cells[-1]:
            cells.pop()
    if not any(cells):
        return None
    return tuple(cells), layout


def loose_rows(texts: list[str]) -> list[Row]:
    """Rows from loose lines after a table: each label followed by at least one bare number.

    Returns the rows found at the start of `texts` (stops at the first line that does not fit);
    [] when the lines are not a label/number run.
    """
    rows: list[Row] = []
    current: list[str] = []
    for text in texts:
        if _LABEL.match(text):
            if current and len(current) < 2:
                return rows
            if current:
                rows.append(tuple(current))
            current = [text]
        elif _NUMBER.match(text) and current:
            current.append(text)
        else:
            break
    if len(current) >= 2:
        rows.append(tuple(current))
    return rows


def is_loose_cell(text: str) -> bool:
    """A short line that may be a loose table cell (label or bare number)."""
    return bool(_LABEL.match(text) or _NUMBER.match(text))


@dataclass
class TableBuilder:
    """Collects the rows of one table (with its continuation pieces)."""

    section: Path
    layout: str = "tab"
    rows: list[Row] = field(default_factory=list)

    def add(self, row: Row) -> None:
        """Append one row to the grid."""
        self.rows.append(row)

    def build(self) -> Table | None:
        """The finished Table, or None when no row survived."""
        if not self.rows:
            return None
        return Table(rows=tuple(self.rows), section=self.section, layout=self.layout)
