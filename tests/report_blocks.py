"""Test helper: a bundled sample report as reading-order blocks, the common content from which
the format tests write real HTML, PDF and DOCX files (so all formats carry the same report)."""
from __future__ import annotations

from pathlib import Path

from knowledge import bundled_corpus
from loaders import Document, load_document
from loaders.blocks import Block, TableBlock

JINJIANG_2024 = "000_ec6fb3118189600a.txt"
"""晋江市人民政府办公室2024年 (2021 template, tab tables)."""
JINJIANG_2020 = "001_0ec7f487509b9c4f.txt"
"""晋江市人民政府2020年 (2019 template, Markdown tables)."""
LICHENG_2024 = "003_5740ebcb6cddfa85.txt"
"""鲤城区2024年 (cover letter, 表三 with merged labels)."""


def seed_document(name: str) -> Document:
    """The text loader's Document of one bundled sample report."""
    return load_document(Path(bundled_corpus()) / name)


def document_blocks(doc: Document) -> list[Block]:
    """Title, then per section in order: its heading, its paragraphs, its tables."""
    blocks: list[Block] = [doc.title]
    for section in doc.sections:
        blocks.append(section.title)
        blocks.extend(p.text for p in doc.paragraphs if p.section == section.path)
        blocks.extend(TableBlock(t.rows) for t in doc.tables if t.section == section.path)
    return blocks


def seed_blocks(name: str) -> list[Block]:
    """`document_blocks` of a bundled sample report."""
    return document_blocks(seed_document(name))


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
