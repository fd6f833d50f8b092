"""PDF 表格：有框线的表（pdfplumber 线条策略）与无框线表（按字的位置聚成列）。

A ruled table's part on each page is one `TablePiece`; pieces on consecutive pages become
adjacent TableBlocks, which loaders.blocks joins into one grid. A borderless table is read
across page breaks at once (its columns found from all its rows).
"""
from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from .pdf_layout import Line, Segment, is_heading

LINE_SETTINGS = {"vertical_strategy": "lines", "horizontal_strategy": "lines"}
_PART = re.compile(r"\s*[一二三四五六七八九十]{1,3}、.*(?:情况|事项)\s*$")
"""A part heading (四、政府信息公开行政复议、行政诉讼情况): never inside a table."""


@dataclass(frozen=True)
class TablePiece:
    """A table (or the part of one) on one page."""

    top: float
    bottom: float
    rows: tuple[tuple[str, ...], ...]
    page: int = 0


_SENTENCE = re.compile(r"[，。；：、,;:！？]")


def _prose_row(row: Sequence[str]) -> bool:
    """A row of a ruled frame that is prose: one filled cell (the first) holding a numbered
    heading or running text, not a number or a short caption (第二十条第（一）项)."""
    filled = [cell for cell in row if cell]
    if len(filled) != 1 or not row[0]:
        return False
    text = re.sub(r"\s+", "", row[0])
    return (is_heading(text) or text[-1] in "。；;！？" or (len(text) >= 8 and bool(_SENTENCE.search(text)))
            or len(text) >= 20)


_NUMBERING = re.compile(r"^(?:[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十\d]{1,3}[）)]|\d{1,2}[.．、])")
_BRACKETED = re.compile(r"[（(][^（()）]*[）)]")


def _sentence_row(row: Sequence[str]) -> bool:
    """Running text (not just a heading or a table label): without its numbering and bracketed
    notes, it ends a sentence or is long and punctuated."""
    text = _BRACKETED.sub("", _NUMBERING.sub("", re.sub(r"\s+", "", row[0])))
    return bool(text) and (text[-1] in "。；;！？" or (len(text) >= 20 and bool(_SENTENCE.search(text))))


def _prose_runs(rows: Sequence[Sequence[str]]) -> set[int]:
    """Indices of rows that are prose: runs of prose rows holding at least one sentence or a
    part heading (二、主动公开政府信息情况). Heading rows after the run's last sentence stay
    prose only when a part heading or at the frame's end (a heading at the foot of a page);
    otherwise they are the labels of the table that follows (「一、本年新收…」 with blank
    cells), and a lone label row of a real table stays in it."""
    prose: set[int] = set()
    i = 0
    while i < len(rows):
        if not _prose_row(rows[i]):
            i += 1
            continue
        j = i
        while j + 1 < len(rows) and _prose_row(rows[j + 1]):
            j += 1
        run = range(i, j + 1)
        said = [k for k in run if _sentence_row(rows[k])]
        if said:
            end = said[-1]
            for k in range(end + 1, j + 1):
                if not (_PART.match(rows[k][0]) or k == len(rows) - 1):
                    break
                end = k
            prose.update(range(i, end + 1))
        else:
            prose.update(k for k in run if _PART.match(rows[k][0]))
        i = j + 1
    return prose


Box = tuple[float, float, float, float]


def _recovered(page: Any, table: Any, rows: tuple[tuple[str, ...], ...]) -> tuple[tuple[str, ...], ...]:
    """Cells pdfplumber returned empty although characters lie inside their box (it happens at
    page breaks, e.g. a continued 表二's 「信息内容」 header): read those characters back."""
    boxes = [row.cells for row in table.rows]
    if len(boxes) != len(rows):
        return rows
    out = []
    for cells, row in zip(boxes, rows):
        fixed = list(row)
        for j, (box, text) in enumerate(zip(cells, row)):
            if text or box is None:
                continue
            try:
                words = page.crop(box, strict=False).extract_text() or ""
            except ValueError:  # a box outside the page
                words = ""
            fixed[j] = " ".join(words.split())
        out.append(tuple(fixed))
    return tuple(out)


def ruled_tables(page: Any, number: int) -> list[tuple[Box, TablePiece]]:
    """Tables drawn with ruling lines on a pdfplumber page: (bbox, piece); merged cells give
    their text in the first cell of the span and '' in the others. Rows of a ruled frame around
    prose (WPS draws one around whole pages: sentences and headings, one cell a row) are not
    table: they are left out, so their text is read as lines; the rows between them are pieces."""
    found = []
    for table in page.find_tables(LINE_SETTINGS):
        rows = _recovered(page, table, tuple(tuple((cell or "").strip() for cell in row) for row in table.extract()))
        filled = sum(1 for row in rows for cell in row if cell)
        if not filled or max(len(r) for r in rows) < 2 and not _prose_runs(rows):
            continue  # a box around text, not a table
        prose = _prose_runs(rows)
        boxes = [row.bbox for row in table.rows]
        if not prose or len(boxes) != len(rows):
            found.append((table.bbox, TablePiece(table.bbox[1], table.bbox[3], rows, number)))
            continue
        piece: list[int] = []
        for k in [*range(len(rows)), None]:
            if k is not None and k not in prose:
                piece.append(k)
                continue
            if piece and max(len(rows[i]) for i in piece) >= 2:
                top, bottom = boxes[piece[0]][1], boxes[piece[-1]][3]
                box = (table.bbox[0], top, table.bbox[2], bottom)
                found.append((box, TablePiece(top, bottom, tuple(rows[i] for i in piece), number)))
            piece = []
    return found


def _pitch(a: Line, b: Line) -> float:
    """Vertical distance from line a to the next line b (infinite across a page break)."""
    return b.top - a.top if a.page == b.page else float("inf")


def _close(a: Line, b: Line) -> bool:
    """b may follow a in one table: same font size, near below it or first on the next page."""
    return abs(a.size - b.size) <= 0.6 and (b.page != a.page or _pitch(a, b) <= 2.6 * a.size)


def _cell_line(line: Line, width: tuple[float, float]) -> bool:
    """Could `line` be a table's caption or wrapped cell text: within the table's width, not a
    heading, not ending a sentence."""
    return (line.x0 >= width[0] - line.size and line.x1 <= width[1] + line.size
            and not is_heading(line.text) and line.text[-1] not in "。：:；;")


def _regions(lines: Sequence[Line]) -> list[tuple[int, int]]:
    """Index ranges [i, j] of lines that look like one borderless table: runs between lines with
    two or more segments, of one font size and close together (a page break allowed), plus a
    caption line just above and wrapped label lines just below."""
    runs: list[tuple[int, int]] = []
    for i, line in enumerate(lines):
        if len(line.segments) < 2:
            continue
        if runs and all(_close(lines[k], lines[k + 1]) for k in range(runs[-1][1], i)) \
                and not any(_PART.match(lines[k].text) for k in range(runs[-1][1] + 1, i)):
            runs[-1] = (runs[-1][0], i)
        else:
            runs.append((i, i))
    regions: list[tuple[int, int]] = []
    for i, j in runs:
        body = [lines[k] for k in range(i, j + 1) if len(lines[k].segments) >= 2]
        if len(body) < 2 or not any(s.numeric for line in body for s in line.segments):
            continue
        width = (min(line.x0 for line in body), max(line.x1 for line in body))
        above = lines[i - 1] if i else None
        if above and (not regions or regions[-1][1] < i - 1) and _cell_line(above, width) \
                and _close(above, lines[i]):
            i -= 1
        while j + 1 < len(lines) and _close(lines[j], lines[j + 1]) and _cell_line(lines[j + 1], width) \
                and _pitch(lines[j], lines[j + 1]) <= 1.6 * lines[j].size:
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
    numbered = {id(line) for line in body}
    for line in lines:
        if id(line) not in numbered:
            kept += [s for s in line.segments if sum(1 for a, b in core if s.x0 < b and s.x1 > a) <= 1]
    spans = _merge(kept, gap)
    return tuple((a[1] + b[0]) / 2 for a, b in zip(spans, spans[1:]))


def _column_of(seg: Segment, bounds: tuple[float, ...], size: float) -> int:
    return bisect.bisect(bounds, seg.x0 + min((seg.x1 - seg.x0) / 2, size))


def _grid(lines: Sequence[Line], bounds: tuple[float, ...]) -> tuple[tuple[str, ...], ...]:
    """Lines → rows: a line closer to the one above than the usual row pitch continues its row
    (a wrapped cell), its segments joined to the cells of their columns."""
    pitches = [_pitch(a, b) for a, b in zip(lines, lines[1:])]
    finite = [p for p in pitches if p < float("inf")]
    joined = 1.15 * min(finite) if finite and max(finite) > 1.3 * min(finite) else -1.0
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


def text_tables(lines: list[Line]) -> list[Line | TablePiece]:
    """Split consecutive lines (nothing else between them, maybe over page breaks) into prose
    lines and borderless tables, in reading order."""
    out: list[Line | TablePiece] = []
    done = 0
    for i, j in _regions(lines):
        out.extend(lines[done:i])
        part = lines[i:j + 1]
        out.append(TablePiece(part[0].top, part[-1].bottom, _grid(part, _columns(part)), part[0].page))
        done = j + 1
    out.extend(lines[done:])
    return out
