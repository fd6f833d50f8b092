"""PDF 读取器：pdfplumber 读出正文行与表格，按阅读顺序成块，交给 loaders.blocks。

- Ruled tables come from the ruling lines (find_tables, lines strategy); text outside them is
  read as lines; borderless tables are found among those lines by their aligned columns.
- Page numbers (「- 4 -」, 「第 4 页」, 「4 / 12」) and header/footer lines repeated on the pages
  are dropped, so a table split by a page break comes back as one grid.
- A paragraph's printed lines stay one block ("\n" between them); a block starts at an
  indented line, after a short line, after a large gap, at a numbered heading.
Errors: EmptyReportError (no bytes), MalformedReportError (not a PDF, truncated, corrupt),
UnsupportedFormatError (encrypted, scanned pages without a text layer, undecodable fonts,
more than MAX_PDF_PAGES pages — counted before any page is read).
"""
from __future__ import annotations

import io
from itertools import islice
from dataclasses import replace
from typing import Any

import pdfplumber
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdfpage import PDFPage
from pdfminer.pdftypes import resolve1
from pdfplumber.utils.exceptions import PdfminerException

from .blocks import Block, TableBlock, document_from_blocks
from .errors import EmptyReportError, MalformedReportError, UnsupportedFormatError
from .model import Document
from .pdf_layout import Line, Metrics, drop_running_lines, page_lines, paragraph_text, starts_paragraph
from .pdf_tables import TablePiece, ruled_tables, text_tables

Item = Line | TablePiece
MAX_PDF_PAGES = 300
"""Most pages read: an annual report has at most about 100; a longer PDF is refused up front."""


def _check_bytes(data: bytes, source: str) -> None:
    if not data or not data.strip():
        raise EmptyReportError(f"文件为空（{source}）：没有任何内容")
    if b"%PDF-" not in data[:1024]:
        raise MalformedReportError(f"不是 PDF 文件（{source}）：文件开头没有 %PDF 标记，文件已损坏或并非 PDF")
    if b"%%EOF" not in data[-2048:]:
        raise MalformedReportError(f"PDF 文件不完整（{source}）：文件被截断，末尾没有 %%EOF 结束标记")


def _read_page(page: Any, number: int) -> tuple[list[Line], list[TablePiece], int, int]:
    """A page's text lines outside ruled tables, its ruled tables, its character count and how
    many of those are undecodable (cid:N) codes."""
    page = page.dedupe_chars()  # bold faked by printing a character twice
    tables = ruled_tables(page, number)
    boxes = [bbox for bbox, _ in tables]

    def outside(ch: dict[str, Any]) -> bool:
        x, y = (ch["x0"] + ch["x1"]) / 2, (ch["top"] + ch["bottom"]) / 2
        return not any(x0 <= x <= x1 and top <= y <= bottom for x0, top, x1, bottom in boxes)

    chars = [c for c in page.chars if c.get("upright", True)]
    text = [c["text"] for c in chars if not c["text"].isspace()]
    cids = sum(1 for t in text if t.startswith("(cid:"))
    lines = page_lines([c for c in chars if outside(c)], float(page.width), number)
    return lines, [t for _, t in tables], len(text), cids


def _check_pages(pdf: Any, source: str) -> None:
    """UnsupportedFormatError when the page tree holds more than MAX_PDF_PAGES pages (walked
    lazily, no further than the limit; the message gives the catalogue's count when it has one)."""
    if sum(1 for _ in islice(PDFPage.create_pages(pdf.doc), MAX_PDF_PAGES + 1)) <= MAX_PDF_PAGES:
        return
    try:
        count = f"共 {int(resolve1(resolve1(pdf.doc.catalog['Pages'])['Count']))} 页"
    except Exception:  # noqa: BLE001 - a broken count only changes the message
        count = f"超过 {MAX_PDF_PAGES} 页"
    raise UnsupportedFormatError(
        f"PDF 页数过多（{source}）：{count}（上限 {MAX_PDF_PAGES} 页），不像一份年度报告")


Pages = tuple[list[list[Line]], list[list[TablePiece]], list[int], int]


def _open_pages(data: bytes, source: str) -> Pages:
    """Every page's lines, ruled tables and character count, and the count of (cid:N) codes;
    pdfminer errors wrapped."""
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            _check_pages(pdf, source)
            read = [_read_page(page, n) for n, page in enumerate(pdf.pages)]
    except UnsupportedFormatError:
        raise
    except PdfminerException as exc:
        cause = exc.args[0] if exc.args else exc
        if isinstance(cause, (PDFPasswordIncorrect, PDFEncryptionError)):
            raise UnsupportedFormatError(
                f"PDF 已加密，无法打开（{source}）：需要密码（{type(cause).__name__}）") from exc
        message = str(cause).replace("\n", " ")
        raise MalformedReportError(f"PDF 文件损坏（{source}）：{type(cause).__name__}: {message}") from exc
    except (PDFPasswordIncorrect, PDFEncryptionError) as exc:
        raise UnsupportedFormatError(f"PDF 已加密，无法打开（{source}）：需要密码") from exc
    except Exception as exc:  # pdfminer raises many kinds on broken files
        message = str(exc).replace("\n", " ")
        raise MalformedReportError(f"PDF 文件损坏（{source}）：{type(exc).__name__}: {message}") from exc
    if not read:
        raise MalformedReportError(f"PDF 文件损坏（{source}）：没有页面")
    lines, tables, chars, cids = zip(*read)
    return list(map(list, lines)), list(tables), list(chars), sum(cids)


def _stream(lines: list[list[Line]], tables: list[list[TablePiece]]) -> list[Item]:
    """All pages' lines and ruled tables in reading order, borderless tables found among runs of
    lines (a run may go over a page break when nothing else lies between)."""
    items: list[Item] = []
    for page_lines_, ruled in zip(lines, tables):
        items += sorted([*page_lines_, *ruled], key=lambda item: item.top)
    out: list[Item] = []
    run: list[Line] = []
    for item in [*items, None]:
        if isinstance(item, Line):
            run.append(item)
            continue
        out += text_tables(run)
        run = []
        if item is not None:
            out.append(item)
    return out


def _blocks(items: list[Item]) -> list[Block]:
    """Reading-order items → blocks: tables, and paragraphs made of their printed lines."""
    metrics = Metrics.of([item for item in items if isinstance(item, Line)])
    blocks: list[Block] = []
    para: list[Line] = []
    for item in items:
        if isinstance(item, TablePiece):
            if para:
                blocks.append(paragraph_text(para))
            para = []
            blocks.append(TableBlock(item.rows))
        else:
            if para and starts_paragraph(para[-1], item, metrics):
                blocks.append(paragraph_text(para))
                para = []
            para.append(item)
    if para:
        blocks.append(paragraph_text(para))
    return blocks


def read_pdf(data: bytes, source: str = "") -> Document:
    """把 PDF 年报读成 Document（tables with layout 'pdf').

    异常: EmptyReportError, MalformedReportError (not a PDF, truncated, corrupt, no title),
    UnsupportedFormatError (encrypted, or a scanned PDF without a text layer).
    """
    _check_bytes(data, source)
    lines, tables, chars, cids = _open_pages(data, source)
    if not any(chars):
        raise UnsupportedFormatError(
            f"扫描版 PDF，没有文字层（{source}）：请先做文字识别（OCR）再上传")
    if cids * 2 > sum(chars):
        raise UnsupportedFormatError(
            f"PDF 文字无法解码（{source}）：字体没有 Unicode 映射，只能读出 (cid:N) 编码，请先做文字识别（OCR）")
    drop_running_lines(lines)
    doc = document_from_blocks(_blocks(_stream(lines, tables)), source, "pdf")
    blank = [str(n) for n, count in enumerate(chars, 1) if not count]
    if blank:
        note = f"第 {'、'.join(blank)} 页没有文字层（扫描页？），未读取"
        doc = replace(doc, warnings=(*doc.warnings, note))
    return doc
