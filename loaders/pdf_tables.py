"""PDF 表格：有框线的表（pdfplumber 线条策略）与无框线表（按字的位置聚成列）。

A `TablePiece` is the part of a table on one page; pieces on consecutive pages become
adjacent TableBlocks, which loaders.blocks joins into one grid.
"""
from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from .pdf_layout import Line, Segment

LINE_SETTINGS = {"vertical_strategy": "lines", "horizontal_strategy": "lines"}


@dataclass(frozen=True)
class TablePiece:
    """A table (or the part of one) on one page."""

    top: float
    bottom: float
    rows: tuple[tuple[str, ...], ...]
    bounds: tuple[float, ...] = ()
    """Column boundaries of a borderless table (x between columns); () for ruled tables."""


def ruled_tables(page: Any) -> list[tuple[tuple[float, float, float, float], TablePiece]]:
    """Tables drawn with ruling lines on a pdfplumber page: (bbox, piece); merged cells give
    their text in the first cell of the span and '' in the others."""
    found = []
    for table in page.find_tables(LINE_SETTINGS):
        rows = tuple(tuple((cell or "").strip() for cell in row) for row in table.extract())
        filled = sum(1 for row in rows for cell in row if cell)
        if not rows or max(len(r) for r in rows) < 2 or (len(rows) < 2 and filled < 2):
            continue  # a box around text, not a table
        x0, top, x1, bottom = table.bbox
        found.append((table.bbox, TablePiece(top, bottom, rows)))
    return found


def _same_size(a: Line, b: Line) -> bool:
    return abs(a.size - b.size) <= 0.6


def _regions(lines: Sequence[Line]) -> list[tuple[int, int]]:
    """Index ranges [i, j] of lines that look like one borderless table: runs between lines with
    two or more segments, of one font size and close together, plus a caption line just above
    and wrapped label lines just below."""
    multi = [i for i, line in enumerate(lines) if len(line.segments) >= 2]
    out: list[tuple[int, int]] = []

    def close(a: int, b: int) -> bool:
        return _same_size(lines[a], lines[b]) and lines[b].top - lines[a].top <= 2.6 * lines[a].size

    for i in multi:
        if out and out[-1][1] < i and all(close(k, k + 1) for k in range(out[-1][1], i)):
            out[-1] = (out[-1][0], i)
        elif not out or out[-1][1] < i:
            out.append((i, i))
    regions = []
    for i, j in out:
        body = [lines[k] for k in range(i, j + 1) if len(lines[k].segments) >= 2]
        if len(body) < 2 or not any(s.numeric for line in body for s in line.segments):
            continue
        lo, hi = min(line.x0 for line in body), max(line.x1 for line in body)
        inside = (lambda k: lines[k].x0 >= lo - lines[k].size and lines[k].x1 <= hi + lines[k].size)
        if i > 0 and (not regions or regions[-1][1] < i - 1) and close(i - 1, i) and inside(i - 1):
            i -= 1
        while j + 1 < len(lines) and close(j, j + 1) and inside(j + 1) \
                and lines[j + 1].top - lines[j].top <= 1.6 * lines[j].size:
            j += 1
        regions.append((i, j))
    return regions


def _merge(segments: Sequence[Segment], gap: float) -> list[list[float]]:
    """x intervals covered by `segments`, those closer than `gap` merged."""
    spans: list[list[float]] = []
    for seg in sorted(segments, key=lambda s: s.x0):
        if spans and seg.x0 < spans[-1][1] + gap:
            spans[-1][1] = max(spans[-1][1], seg.x1)
        else:
            spans.append([seg.x0, seg.x1])
    return spans


def _columns(lines: Sequence[Line]) -> tuple[float, ...]:
    """Boundaries between the columns of a borderless table: gaps in the x coverage of the
    rows holding numbers, widened by the other rows' cells except those spanning several
    of these columns (a header over a group of columns)."""
    gap = 0.6 * lines[0].size
    body = [line for line in lines if len(line.segments) >= 2 and any(s.numeric for s in line.segments)]
    core = _merge([s for line in body for s in line.segments], gap)
    kept = [s for line in body for s in line.segments]
    for line in lines:
        if line not in body:
            kept += [s for s in line.segments
                     if sum(1 for a, b in core if s.x0 < b and s.x1 > a) <= 1]
    spans = _merge(kept, gap)
    return tuple((a[1] + b[0]) / 2 for a, b in zip(spans, spans[1:]))


def _fits(bounds: tuple[float, ...], lines: Sequence[Line]) -> bool:
    """True when no segment of `lines` crosses one of `bounds` (a continued table's columns)."""
    return all(not (s.x0 < b < s.x1) for line in lines for s in line.segments for b in bounds)


def _column_of(seg: Segment, bounds: tuple[float, ...], size: float) -> int:
    return bisect.bisect(bounds, seg.x0 + min((seg.x1 - seg.x0) / 2, size))


def _grid(lines: Sequence[Line], bounds: tuple[float, ...]) -> tuple[tuple[str, ...], ...]:
    """Lines → rows: a line closer to the one above than the usual row pitch continues its row
    (a wrapped cell), its segments joined to the cells of their columns."""
    pitches = [b.top - a.top for a, b in zip(lines, lines[1:])]
    least = min(pitches, default=0.0)
    joined = 1.15 * least if pitches and max(pitches) > 1.3 * least else -1.0
    rows: list[list[str]] = []
    for k, line in enumerate(lines):
        if k == 0 or pitches[k - 1] > joined:
            rows.append([""] * (len(bounds) + 1))
        row, seen = rows[-1], set()
        for seg in line.segments:
            c = _column_of(seg, bounds, line.size)
            sep = " " if c in seen else "\n"
            row[c] = f"{row[c]}{sep}{seg.text}" if row[c] else seg.text
            seen.add(c)
    return tuple(tuple(r) for r in rows)


def text_tables(lines: list[Line], carried: TablePiece | None) -> list[Line | TablePiece]:
    """Split a page's lines into prose lines and borderless tables (in reading order).
    `carried`: a borderless table ending the previous page, whose columns a table starting
    this page reuses when they fit (a continuation may lack some columns)."""
    out: list[Line | TablePiece] = []
    done = 0
    for i, j in _regions(lines):
        out.extend(lines[done:i])
        part = lines[i:j + 1]
        bounds = _columns(part)
        if i == 0 and carried and carried.bounds and len(carried.bounds) >= len(bounds) \
                and _fits(carried.bounds, part):
            bounds = carried.bounds
        out.append(TablePiece(part[0].top, part[-1].bottom, _grid(part, bounds), bounds))
        done = j + 1
    out.extend(lines[done:])
    return out
