"""Test helper: write report blocks (bot.bench.writers.blocks) as a real PDF with reportlab.

The PDF looks like a printed report: the first block is a centred title, other text blocks
are paragraphs wrapped to the page width with a two-character first-line indent, tables
are drawn with grid lines (merged label cells drawn once, no inner line) or, unruled, as
aligned columns. Every page has a header line (the title over a rule) and a 「- N -」 footer;
long tables continue on the next page without repeating their header.
"""
from __future__ import annotations

import io
import re
from dataclasses import dataclass

from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen.canvas import Canvas

from bot.bench.writers.blocks import merged_spans
from loaders.blocks import Block, TableBlock

FONT = "STSong-Light"
pdfmetrics.registerFont(UnicodeCIDFont(FONT))

PAGE_W = A4[0]
MARGIN_X, MARGIN_TOP, MARGIN_BOTTOM = 60.0, 72.0, 72.0
BODY_W = PAGE_W - 2 * MARGIN_X
BODY, LEADING, TITLE = 12.0, 20.0, 18.0
CELL, CELL_LEADING, PAD_Y = 8.0, 10.0, 3.0
TABLE_GAP = 10.0
_UNIT = re.compile(r"[A-Za-z0-9.,%/:+\-]+|.", re.S)
_NUMBER = re.compile(r"[-+]?\d[\d,.]*%?")


def width(text: str, size: float) -> float:
    """Printed width of `text` in points."""
    return pdfmetrics.stringWidth(text, FONT, size)


def wrap(text: str, limit: float, size: float, indent: float = 0.0) -> list[str]:
    """Break `text` into lines no wider than `limit` (the first `indent` narrower); Chinese
    breaks anywhere, ASCII runs (numbers, words) stay whole unless wider than a line."""
    lines: list[str] = []
    line, room = "", limit - indent
    for unit in _UNIT.findall(text.replace("\n", "")):
        if line and width(line + unit, size) > room:
            if unit.isspace():
                continue
            lines.append(line.rstrip())
            line, room = "", limit
            if width(unit, size) > room:  # a long ASCII run: break it by character
                for ch in unit:
                    if line and width(line + ch, size) > room:
                        lines.append(line)
                        line = ""
                    line += ch
                continue
        if line or not unit.isspace():
            line += unit
    if line.strip() or not lines:
        lines.append(line.rstrip())
    return lines


def column_widths(rows: list[tuple[str, ...]], pad: float, total: float = BODY_W) -> list[float]:
    """Widths filling `total`: each column at least its longest unbreakable run, the rest shared
    in proportion to how much wider each column would like to be."""
    ncols = max(len(r) for r in rows)
    low = [2 * width("中", CELL) + 2 * pad] * ncols
    want = list(low)
    for row in rows:
        for c, cell in enumerate(row):
            runs = [u for u in _UNIT.findall(cell) if not u.isspace()] or [""]
            low[c] = max(low[c], max(width(u, CELL) for u in runs) + 2 * pad)
            want[c] = max(want[c], width(cell, CELL) + 2 * pad, low[c])
    if sum(want) <= total:
        return [w * total / sum(want) for w in want]
    extra = total - sum(low)
    spread = sum(w - lo for w, lo in zip(want, low)) or 1.0
    return [lo + extra * (w - lo) / spread for w, lo in zip(want, low)]


@dataclass
class _Grid:
    """A table laid out: padded rows, column x positions, wrapped cells, row heights."""

    rows: list[tuple[str, ...]]
    xs: list[float]
    cells: dict[tuple[int, int], list[str]]
    heights: list[float]
    spans: dict[tuple[int, int], int]
    covered: set[tuple[int, int]]


class _PdfWriter:
    def __init__(self, header: str, ruled: bool, page_height: float, footer: str) -> None:
        self.buf = io.BytesIO()
        self.height = page_height
        self.canvas = Canvas(self.buf, pagesize=(PAGE_W, page_height), invariant=1)
        self.header, self.ruled, self.footer = header, ruled, footer
        self.page, self.y = 0, 0.0
        self.new_page()

    def new_page(self) -> None:
        c = self.canvas
        if self.page:
            c.showPage()
        self.page += 1
        c.setFont(FONT, 9)
        c.drawCentredString(PAGE_W / 2, self.height - 45, self.header)
        c.setLineWidth(0.5)
        c.line(MARGIN_X, self.height - 50, PAGE_W - MARGIN_X, self.height - 50)
        c.setFont(FONT, 10)
        c.drawCentredString(PAGE_W / 2, 40, self.footer.format(n=self.page))
        self.y = self.height - MARGIN_TOP

    def room(self, needed: float) -> None:
        if self.y - needed < MARGIN_BOTTOM:
            self.new_page()

    def text_lines(self, lines: list[str], size: float, x: float, centred: bool = False) -> None:
        for i, line in enumerate(lines):
            self.room(LEADING)
            self.y -= LEADING
            self.canvas.setFont(FONT, size)
            if centred:
                self.canvas.drawCentredString(PAGE_W / 2, self.y, line)
            else:
                self.canvas.drawString(x + (2 * size if i == 0 else 0), self.y, line)

    def title(self, text: str) -> None:
        self.text_lines(wrap(text, BODY_W, TITLE), TITLE, MARGIN_X, centred=True)
        self.y -= LEADING / 2

    def paragraph(self, text: str) -> None:
        self.text_lines(wrap(text, BODY_W, BODY, indent=2 * BODY), BODY, MARGIN_X)

    def layout(self, block: TableBlock) -> _Grid:
        ncols = max(len(r) for r in block.rows)
        rows = [tuple(r) + ("",) * (ncols - len(r)) for r in block.rows]
        pad = 3.0 if self.ruled else 5.0
        widths = column_widths(rows, pad)
        xs = [MARGIN_X + sum(widths[:c]) for c in range(ncols + 1)]
        spans = merged_spans(tuple(rows)) if self.ruled else {}
        covered = {(r + k, c) for (r, c), n in spans.items() for k in range(1, n)}
        cells = {(r, c): wrap(text, widths[c] - 2 * pad, CELL)
                 for r, row in enumerate(rows) for c, text in enumerate(row) if text}
        heights = [2 * PAD_Y + CELL_LEADING * max(
            [1] + [len(cells.get((r, c), ())) for c in range(ncols) if (r, c) not in spans])
            for r in range(len(rows))]
        for (r, c), n in spans.items():  # a merged label needs its span tall enough
            short = 2 * PAD_Y + CELL_LEADING * len(cells[(r, c)]) - sum(heights[r:r + n])
            if short > 0:
                heights[r + n - 1] += short
        return _Grid(rows, xs, cells, heights, spans, covered)

    def table(self, block: TableBlock) -> None:
        grid = self.layout(block)
        self.y -= TABLE_GAP
        first = True
        for r, h in enumerate(grid.heights):
            if self.y - h < MARGIN_BOTTOM:
                self.new_page()
                first = True
            self.row(grid, r, first)
            first = False
            self.y -= h
            if r + 1 == len(grid.heights) or self.y - grid.heights[r + 1] < MARGIN_BOTTOM:
                self.rule(grid.xs[0], grid.xs[-1], self.y)
        self.y -= TABLE_GAP

    def rule(self, x0: float, x1: float, y: float) -> None:
        if self.ruled:
            self.canvas.line(x0, y, x1, y)

    def row(self, grid: _Grid, r: int, first: bool) -> None:
        c, top, h = self.canvas, self.y, grid.heights[r]
        c.setFont(FONT, CELL)
        c.setLineWidth(0.6)
        for col in range(len(grid.xs) - 1):
            x0, x1 = grid.xs[col], grid.xs[col + 1]
            if self.ruled:
                c.line(x0, top, x0, top - h)
                c.line(x1, top, x1, top - h)
                if first or (r, col) not in grid.covered:
                    c.line(x0, top, x1, top)
            lines = grid.cells.get((r, col))
            if not lines:
                continue
            block_h = h
            if (r, col) in grid.spans:  # centre in the part of the span on this page
                block_h, y = 0.0, top
                for k in range(r, r + grid.spans[(r, col)]):
                    if y - grid.heights[k] < MARGIN_BOTTOM:
                        break
                    block_h, y = block_h + grid.heights[k], y - grid.heights[k]
            text_h = CELL_LEADING * len(lines)
            start = top - (block_h - text_h) / 2 if self.ruled else top - PAD_Y
            for i, line in enumerate(lines):
                base = start - CELL_LEADING * (i + 1) + 2
                if _NUMBER.fullmatch(line) and len(lines) == 1:
                    c.drawCentredString((x0 + x1) / 2, base, line)
                else:
                    c.drawString(x0 + (3.0 if self.ruled else 5.0), base, line)

    def finish(self) -> bytes:
        self.canvas.showPage()
        self.canvas.save()
        return self.buf.getvalue()


def write_pdf(blocks: list[Block], *, ruled: bool = True, page_height: float | None = None,
              footer: str = "- {n} -") -> bytes:
    """A PDF of `blocks` (the first block is the title); tables ruled or as aligned columns;
    `page_height` in points (A4 when None); `footer` the page number format ({n})."""
    title = blocks[0] if blocks and isinstance(blocks[0], str) else ""
    writer = _PdfWriter(title, ruled, page_height or A4[1], footer)
    for i, block in enumerate(blocks):
        if isinstance(block, TableBlock):
            if any(any(row) for row in block.rows):
                writer.table(block)
        elif i == 0:
            writer.title(block)
        else:
            writer.paragraph(block)
    return writer.finish()
