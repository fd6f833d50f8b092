"""PDF 读取器：pdfplumber 读出正文行与表格，按阅读顺序成块，交给 loaders.blocks。

- Ruled tables come from the ruling lines (find_tables, lines strategy); text outside them is
  read as lines; borderless tables are found among those lines by their aligned columns.
- Page numbers (「- 4 -」, 「第 4 页」, 「4 / 12」) and header/footer lines repeated on the pages
  are dropped, so a table split by a page break comes back as one grid.
- A paragraph's printed lines stay one block ("\n" between them); a block starts at an
  indented line, after a short line, after a large gap, at a numbered heading.
Errors: EmptyReportError (no bytes), MalformedReportError (not a PDF, truncated, corrupt),
UnsupportedFormatError (encrypted, or scanned pages without a text layer).
"""
from __future__ import annotations

import io
from typing import Any

import pdfplumber
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfplumber.utils.exceptions import PdfminerException

from .blocks import Block, TableBlock, document_from_blocks
from .errors import EmptyReportError, MalformedReportError, UnsupportedFormatError
from .model import Document
from .pdf_layout import Line, Metrics, drop_running_lines, page_lines, paragraph_text, starts_paragraph
from .pdf_tables import TablePiece, ruled_tables, text_tables

Item = Line | TablePiece


def _check_bytes(data: bytes, source: str) -> None:
    if not data or not data.strip():
        raise EmptyReportError(f"文件为空 ({source}): no bytes")
    if b"%PDF-" not in data[:1024]:
        raise MalformedReportError(f"不是 PDF 文件 ({source}): no %PDF header")
    if b"%%EOF" not in data[-2048:]:
        raise MalformedReportError(f"PDF 文件不完整 ({source}): truncated, no %%EOF trailer at the end")


def _read_page(page: Any) -> tuple[list[Line], list[TablePiece], int]:
    """A page's text lines outside ruled tables, its ruled tables, and its character count."""
    tables = ruled_tables(page)
    boxes = [bbox for bbox, _ in tables]

    def outside(obj: dict[str, Any]) -> bool:
        if obj.get("object_type") != "char":
            return True
        x, y = (obj["x0"] + obj["x1"]) / 2, (obj["top"] + obj["bottom"]) / 2
        return not any(x0 <= x <= x1 and top <= y <= bottom for x0, top, x1, bottom in boxes)

    text = page.filter(outside) if boxes else page
    words = text.extract_words(x_tolerance=1.5, y_tolerance=3, keep_blank_chars=False,
                               use_text_flow=False, extra_attrs=["size"])
    chars = sum(1 for c in page.chars if not c["text"].isspace())
    return page_lines(words, float(page.width)), [piece for _, piece in tables], chars


def _open_pages(data: bytes, source: str) -> tuple[list[list[Line]], list[list[TablePiece]], int]:
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            read = [_read_page(page) for page in pdf.pages]
    except PdfminerException as exc:
        cause = exc.args[0] if exc.args else exc
        if isinstance(cause, (PDFPasswordIncorrect, PDFEncryptionError)):
            raise UnsupportedFormatError(
                f"PDF 已加密，无法打开 ({source}): password required ({type(cause).__name__})") from exc
        raise MalformedReportError(f"PDF 文件损坏 ({source}): {type(cause).__name__}: {cause}") from exc
    except (PDFPasswordIncorrect, PDFEncryptionError) as exc:
        raise UnsupportedFormatError(f"PDF 已加密，无法打开 ({source}): password required") from exc
    except Exception as exc:  # pdfminer raises many kinds on broken files
        raise MalformedReportError(f"PDF 文件损坏 ({source}): {type(exc).__name__}: {exc}") from exc
    if not read:
        raise MalformedReportError(f"PDF 文件损坏 ({source}): no pages")
    lines, tables, chars = zip(*read)
    return list(map(list, lines)), list(tables), sum(chars)


def _page_items(lines: list[list[Line]], tables: list[list[TablePiece]]) -> list[list[Item]]:
    """Per page: lines and tables in reading order (top to bottom), borderless tables found."""
    pages: list[list[Item]] = []
    for page_lines_, ruled in zip(lines, tables):
        before = pages[-1][-1] if pages and pages[-1] else None
        carried = before if isinstance(before, TablePiece) and before.bounds else None
        if ruled and page_lines_ and min(t.top for t in ruled) < page_lines_[0].top:
            carried = None  # the page starts with a ruled table
        items: list[Item] = [*text_tables(page_lines_, carried), *ruled]
        items.sort(key=lambda item: item.top)
        pages.append(items)
    return pages


def _blocks(pages: list[list[Item]]) -> list[Block]:
    metrics = Metrics.of([item for page in pages for item in page if isinstance(item, Line)])
    blocks: list[Block] = []
    para: list[Line] = []
    prev: Line | None = None
    for page in pages:
        same_page = False
        for item in page:
            if isinstance(item, TablePiece):
                if para:
                    blocks.append(paragraph_text(para))
                para, prev = [], None
                blocks.append(TableBlock(item.rows))
                continue
            if starts_paragraph(prev, item, metrics, same_page) and para:
                blocks.append(paragraph_text(para))
                para = []
            para.append(item)
            prev, same_page = item, True
    if para:
        blocks.append(paragraph_text(para))
    return blocks


def read_pdf(data: bytes, source: str = "") -> Document:
    """把 PDF 年报读成 Document（tables with layout 'pdf').

    异常: EmptyReportError, MalformedReportError (not a PDF, truncated, corrupt, no title),
    UnsupportedFormatError (encrypted, or a scanned PDF without a text layer).
    """
    _check_bytes(data, source)
    lines, tables, chars = _open_pages(data, source)
    if not chars:
        raise UnsupportedFormatError(
            f"扫描版 PDF，没有文字层 ({source}): no text layer, OCR it first")
    drop_running_lines(lines)
    return document_from_blocks(_blocks(_page_items(lines, tables)), source, "pdf")
