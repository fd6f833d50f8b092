"""Test helper: reading-order blocks → a real .docx file (python-docx), with merged cells.

The first block is the title (Title style); numbered lines (一、 / （一） / 1. / （1）) get Heading
1-4 styles; other strings are body paragraphs. Tables keep their ragged rows (cells past a row's
end are removed and w:gridAfter says how many grid columns it skips), label cells given by
`merged_spans` are vertically merged (cell.merge) and header cells followed by '' cells are
merged horizontally (gridSpan), so a reader must resolve merges to get the grid back.
"""
from __future__ import annotations

import io
import re

import docx
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.table import Table as DocxTable

from bot.bench.writers.blocks import merged_spans
from loaders.blocks import Block, TableBlock

_LEVELS = (
    (re.compile(r"^[一二三四五六七八九十]+、"), 1),
    (re.compile(r"^[（(][一二三四五六七八九十]+[）)]"), 2),
    (re.compile(r"^\d+[.．]"), 3),
    (re.compile(r"^[（(]\d+[）)]"), 4),
)


def heading_level(text: str) -> int | None:
    """Heading style level for a numbered heading line, None for body text."""
    if len(text) > 60 or text.endswith("。"):
        return None
    return next((level for pattern, level in _LEVELS if pattern.match(text)), None)


def _header_spans(rows: tuple[tuple[str, ...], ...]) -> dict[tuple[int, int], int]:
    """{(row, col): colspan} for cells of rows without numbers that are followed by '' cells."""
    spans: dict[tuple[int, int], int] = {}
    for r, row in enumerate(rows):
        if any(cell[:1].isdigit() for cell in row):
            continue
        for c, cell in enumerate(row):
            width = 1
            while cell and c + width < len(row) and not row[c + width]:
                width += 1
            if width > 1:
                spans[(r, c)] = width
    return spans


def _rectangles(rows: tuple[tuple[str, ...], ...]) -> list[tuple[int, int, int, int]]:
    """Non-overlapping merges (row, col, height, width): a label spans its vertical run
    (`merged_spans`) and its header run of '' cells; a rectangle whose other cells are not all
    '' keeps only the vertical span."""
    vertical, horizontal = merged_spans(rows), _header_spans(rows)
    taken: set[tuple[int, int]] = set()
    out: list[tuple[int, int, int, int]] = []
    for r, c in sorted(set(vertical) | set(horizontal)):
        height, width = vertical.get((r, c), 1), horizontal.get((r, c), 1)
        cells = {(r + h, c + w) for h in range(height) for w in range(width)}
        if any(col >= len(rows[row]) or rows[row][col] for row, col in cells - {(r, c)}):
            width = 1
            cells = {(r + h, c) for h in range(height)}
        if cells & taken:
            continue
        taken |= cells
        out.append((r, c, height, width))
    return out


def _set_grid_after(row_el, count: int) -> None:
    tr_pr = row_el.get_or_add_trPr()
    after = OxmlElement("w:gridAfter")
    after.set(qn("w:val"), str(count))
    tr_pr.append(after)


def _write_table(document: docx.document.Document, rows: tuple[tuple[str, ...], ...]) -> DocxTable:
    width = max(len(row) for row in rows)
    table = document.add_table(rows=len(rows), cols=width)
    table.style = "Table Grid"
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            if text:
                table.cell(r, c).text = text
    for r, c, height, span in _rectangles(rows):
        table.cell(r, c).merge(table.cell(r + height - 1, c + span - 1))
    for r, row in enumerate(rows):
        missing = width - len(row)
        if missing:
            tr = table.rows[r]._tr
            for tc in tr.tc_lst[len(tr.tc_lst) - missing:]:
                tr.remove(tc)
            _set_grid_after(tr, missing)
    return table


def write_docx(blocks: list[Block]) -> bytes:
    """The blocks as .docx bytes (first string block is the title)."""
    document = docx.Document()
    titled = False
    for block in blocks:
        if isinstance(block, TableBlock):
            if block.rows:
                _write_table(document, block.rows)
                document.add_paragraph("")
            continue
        level = heading_level(block)
        if not titled:
            document.add_paragraph(block, style="Title")
            titled = True
        elif level is not None:
            document.add_heading(block, level=level)
        else:
            document.add_paragraph(block)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
