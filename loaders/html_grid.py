"""HTML table grids: rows of <td>/<th> with rowspan/colspan expanded, bounded.

A rowspan reaches at most the table's last row, a colspan at most MAX_COLSPAN columns, and one
table expands to at most MAX_TABLE_CELLS grid cells; beyond that TooLarge is raised (read_html
turns it into MalformedReportError naming the file).
"""
from __future__ import annotations

import re

from bs4 import Tag

MAX_COLSPAN = 100
"""Widest colspan honoured (larger values count as this)."""
MAX_TABLE_CELLS = 50_000
"""Most grid cells one table may expand to (表三 has about 1,000)."""


class TooLarge(Exception):
    """A table over MAX_TABLE_CELLS (read_html names the file)."""


def spans(value: object, limit: int) -> int:
    """A rowspan/colspan attribute as a count in 1..limit (0 means to the end: limit)."""
    m = re.match(r"\s*(\d{1,9})", str(value or ""))
    n = int(m.group(1)) if m else 1
    return limit if n == 0 else max(1, min(n, limit))


def grid_of(cells: list[list[Tag]], texts: list[list[str]]) -> tuple[tuple[str, ...], ...]:
    """Rows with rowspan/colspan expanded: the text in the span's first cell, '' elsewhere."""
    grid: dict[tuple[int, int], str] = {}
    for r, row in enumerate(cells):
        c = 0
        for td, text in zip(row, texts[r]):
            while (r, c) in grid:
                c += 1
            down = spans(td.get("rowspan"), len(cells) - r)
            across = spans(td.get("colspan"), MAX_COLSPAN)
            if len(grid) + down * across > MAX_TABLE_CELLS:
                raise TooLarge(f"第 {r + 1} 行合并了 {down} 行 × {across} 列，表格已有 {len(grid)} 格"
                               f"（上限 {MAX_TABLE_CELLS} 格）")
            for i in range(down):
                for j in range(across):
                    grid.setdefault((r + i, c + j), "")
            grid[(r, c)] = text
            c += across
    widths = [0] * len(cells)
    for r, c in grid:
        widths[r] = max(widths[r], c + 1)
    return tuple(tuple(grid.get((r, c), "") for c in range(w)) for r, w in enumerate(widths))
