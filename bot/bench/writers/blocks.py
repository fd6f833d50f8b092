"""Report content as reading-order blocks, and the vertical merges a real file would print."""
from __future__ import annotations

from loaders import Document
from loaders.blocks import Block, TableBlock


def document_blocks(doc: Document) -> list[Block]:
    """Title, then per section in order: its heading, its paragraphs, its tables."""
    blocks: list[Block] = [doc.title]
    for section in doc.sections:
        blocks.append(section.title)
        blocks.extend(p.text for p in doc.paragraphs if p.section == section.path)
        blocks.extend(TableBlock(t.rows) for t in doc.tables if t.section == section.path)
    return blocks


def merged_spans(rows: tuple[tuple[str, ...], ...]) -> dict[tuple[int, int], int]:
    """Vertical merges a real file would print: {(row, col): rowspan} for a label cell in one of
    the first two columns whose cells below are '' while the row goes on with other cells.
    Writers use it for rowspan (HTML) and vertically merged cells (DOCX)."""
    spans: dict[tuple[int, int], int] = {}
    for col in (0, 1):
        for r, row in enumerate(rows):
            if col >= len(row) or not row[col] or row[col][0].isdigit():
                continue
            span = 1
            while (r + span < len(rows) and col < len(rows[r + span])
                   and not rows[r + span][col] and any(rows[r + span][col + 1:])):
                span += 1
            if span > 1:
                spans[(r, col)] = span
    return spans
