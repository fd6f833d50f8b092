"""富格式桥：HTML / PDF / DOCX 读出的块 → 与文本读取器相同的 Document。

A rich-format reader only has to turn its file into reading-order blocks: a paragraph or
heading line (`str`) or a table grid (`TableBlock`, merged cells already resolved). This
module writes them as the plain-text form the text reader understands (a line per paragraph,
a pipe row per table row) and parses that, so headings, the cover letter, table continuation
across pages, prose facts and every 勾稽 rule work the same whatever the file type. The
tables come back with the reader's `layout` ('html', 'pdf', 'docx').
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace

from .decode import normalise_text
from .model import Document
from .report import parse_report

_BREAKS = re.compile(r"\s*\n\s*")


@dataclass(frozen=True)
class TableBlock:
    """A table grid as read from a rich file; merged cells resolved once (label in the first
    cell of the span, '' in the others, so no value is doubled)."""

    rows: tuple[tuple[str, ...], ...]


Block = str | TableBlock
"""A paragraph or heading, or a table. A paragraph may hold several printed lines ("\n"
between them, as a PDF wraps them): the text reader joins wrapped lines as it does for text
files, so a sentence broken over lines stays one paragraph."""


def cell_text(text: str) -> str:
    """One cell as a single line: line breaks inside a cell (<br>, wrapped PDF text, Word
    paragraphs) are dropped without a space, other spaces squeezed, '|' kept printable."""
    joined = _BREAKS.sub("", text.strip())
    return re.sub(r"[ \t]+", " ", joined).replace("|", "｜")


def blocks_to_text(blocks: Iterable[Block]) -> str:
    """The plain-text form of `blocks`: paragraphs separated by blank lines, tables as pipe rows
    (adjacent tables separated only by blank lines join, as a page-split table should)."""
    out: list[str] = []
    for block in blocks:
        if isinstance(block, TableBlock):
            rows = [[cell_text(c) for c in row] for row in block.rows]
            rows = [r for r in rows if any(r)]
            if not rows:
                continue
            out.extend("| " + " | ".join(r) + " |" for r in rows)
            out.append("")
        else:
            lines = [re.sub(r"[ \t]+", " ", line).strip() for line in block.split("\n")]
            lines = [line for line in lines if line]
            if lines:
                out.extend((*lines, ""))
    return "\n".join(out)


def document_from_blocks(blocks: Iterable[Block], source: str, layout: str) -> Document:
    """Reading-order blocks → Document, tables marked with `layout`.

    异常: MalformedReportError when no report title is found (as for text files).
    """
    doc = parse_report(normalise_text(blocks_to_text(blocks)), source, markdown=False)
    tables = tuple(replace(t, layout=layout) for t in doc.tables)
    return replace(doc, tables=tables)
