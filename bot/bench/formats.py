"""The benchmark's file-format variants: the same synthetic reports written as HTML or PDF.

Each generated text report is read by the text loader, turned into reading-order blocks and
written by `bot.bench.writers` (a saved government web page; a ruled PDF with a CID font), so the
variant measures the HTML or PDF reader on top of the same parsing, facts and store.
"""
from __future__ import annotations

from pathlib import PurePath

from bot.bench.writers.blocks import document_blocks
from loaders import read_document

FORMATS = ("txt", "html", "pdf")
"""What `reportbot bench --format` accepts ('txt' keeps the generator's .txt / .md files)."""


class FormatUnavailable(RuntimeError):
    """A writer's library is not installed (reportlab for PDF)."""


def render_file(file_name: str, text: str, fmt: str) -> tuple[str, bytes]:
    """(file name, bytes) of one synthetic report in `fmt`."""
    if fmt == "txt":
        return file_name, text.encode("utf-8")
    blocks = document_blocks(read_document(text.encode("utf-8"), file_name))
    stem = PurePath(file_name).stem
    if fmt == "html":
        from bot.bench.writers.html import write_html

        return f"{stem}.html", write_html(blocks)
    if fmt == "pdf":
        try:
            from bot.bench.writers.pdf import write_pdf
        except ImportError as exc:
            raise FormatUnavailable("the PDF variant needs reportlab: pip install 'reportbot[bench]'") from exc
        return f"{stem}.pdf", write_pdf(blocks)
    raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
