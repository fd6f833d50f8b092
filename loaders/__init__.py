"""loaders: 报告文件 → Document（节、段落、表格），不依赖项目的其他部分。

Public API:
- read_document(data, name) → Document: picks a reader by content first (a PDF, a Word file
  or an HTML page is read as such whatever its name), else by extension.
- load_document(path) → Document: reads the file, then read_document (source = file name).
- SUPPORTED_SUFFIXES: the extensions with a reader.
- READERS: the registry {suffix: reader(data: bytes, source: str) -> Document}; a new format
  is one more entry (and its removal from NOT_YET_SUPPORTED).

Exceptions (loaders.errors): EmptyReportError, UnsupportedFormatError, MalformedReportError,
all LoaderError, messages in one line. OSError from load_document (missing file…) is not
wrapped; messages are Chinese. The title may be wrapped over lines (「2025 年上海市某某局政府信息公开」
/ 「工作年度报告」); a body without any title (…政府信息公开工作年度报告, or a crawler "标题:"
header) still loads when it has the standard parts of a report, agency and year then from the
opening paragraph (本报告由…), the statistics period or the file name, with notes saying so;
anything else is MalformedReportError. A missing year is allowed (Document.year None plus a
warning).

What the next layer can rely on:
- Sections come from the numbering (一、 > （一） > 1. > （1）), never from '#' levels; titles
  keep their numbering as printed ("（二）依申请公开情况", "1. 日常工作稳步开展").
- A cover letter with prose before the report title is one level-1 section COVER_SECTION
  ("封面"); letterhead lines alone are dropped.
- Tables: pieces separated only by blank lines are one Table; all-empty rows and |---| rows are
  dropped; nothing else is merged, so the 2020 晋江 表二 has the row ("", "量", "") right under
  ("信息内容", "采购项目数", "采购总金额", "") — combine 采购项目数 + 量 there. Tab rows keep
  empty cells except trailing ones; pipe rows keep every cell. Loose "label / number" lines
  after a table become one row (("行政事业性收费", "149.876378")).
- Crawler one-line bodies: 一、/（一） headings are split out best effort; their flattened
  tables stay paragraph text (Document.tables is empty for them).
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from os import PathLike
from pathlib import Path as FilePath

from .decode import sniff_binary
from .errors import (
    EmptyReportError,
    LoaderError,
    MalformedReportError,
    UnsupportedFormatError,
)
from .markdown import read_markdown
from .model import Document, Paragraph, Section, Table
from .report import COVER_SECTION
from .text import read_text

Reader = Callable[[bytes, str], Document]


def read_html(data: bytes, source: str) -> Document:
    """loaders.html.read_html, imported on first use (bs4 and lxml stay out of processes that
    only answer questions)."""
    from .html import read_html as read

    return read(data, source)


def read_pdf(data: bytes, source: str) -> Document:
    """loaders.pdf.read_pdf, imported on first use (pdfplumber)."""
    from .pdf import read_pdf as read

    return read(data, source)


def read_docx(data: bytes, source: str) -> Document:
    """loaders.docx.read_docx, imported on first use (python-docx, lxml)."""
    from .docx import read_docx as read

    return read(data, source)

READERS: dict[str, Reader] = {
    ".txt": read_text,
    ".text": read_text,
    ".md": read_markdown,
    ".markdown": read_markdown,
    ".html": read_html,
    ".htm": read_html,
    ".shtml": read_html,
    ".pdf": read_pdf,
    ".docx": read_docx,
}
"""Reader per lower-case file suffix."""

NOT_YET_SUPPORTED = frozenset({
    ".doc", ".wps", ".xls", ".xlsx", ".et", ".ofd",
    ".zip", ".rar", ".7z", ".gz", ".tar", ".exe", ".dll", ".bin",
    ".png", ".jpg", ".jpeg", ".gif", ".bmp", ".tif", ".tiff",
})
"""Suffixes refused unless the content is a supported format (no reader yet, or never a report)."""

SUPPORTED_SUFFIXES: tuple[str, ...] = tuple(READERS)


def read_document(data: bytes, name: str) -> Document:
    """把报告文件的字节读成 Document。

    参数: data — file content; name — file name (its suffix picks the reader; an unknown
    suffix with text content is read as plain text).
    异常: EmptyReportError, UnsupportedFormatError, MalformedReportError.
    """
    suffix = FilePath(name).suffix.lower()
    if not data or not data.strip():
        raise EmptyReportError(f"文件为空（{name}）：没有任何文字")
    sniffed = reader_by_content(data)
    if sniffed is not None:
        return sniffed(data, name)
    if suffix in NOT_YET_SUPPORTED:
        raise UnsupportedFormatError(f"暂不支持的文件类型 {suffix}（{name}）")
    reader = READERS.get(suffix)
    if reader in (read_pdf, read_docx) and sniff_binary(data) is None:
        try:
            doc = read_text(data, name)
        except LoaderError as exc:  # a text file named .pdf, not a broken PDF: say so
            raise type(exc)(f"文件名是 {suffix}，但内容是文本文件（不是损坏的 {suffix[1:].upper()}）：{exc}") from exc
        return replace(doc, warnings=(*doc.warnings, f"文件名是 {suffix}，但内容是文本，已按文本读取"))
    if reader is None:
        label = sniff_binary(data)
        if label:
            raise UnsupportedFormatError(
                f"不支持的文件类型 {suffix or '（无扩展名）'}（{name}）：内容看起来是 {label}"
            )
        reader = read_text
    return reader(data, name)


_HTML_START = re.compile(rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b",
                         re.IGNORECASE | re.DOTALL)


def reader_by_content(data: bytes) -> Reader | None:
    """The reader the bytes themselves call for: PDF (%PDF), a Word file (a zip holding
    word/document.xml, or an OLE container, which the DOCX reader refuses clearly), an HTML
    page; None for anything else (text, Markdown, unknown)."""
    head = data[:1024].lstrip(b"\xef\xbb\xbf")
    if head.startswith(b"%PDF"):
        return read_pdf
    if head.startswith(b"PK\x03\x04") and b"word/" in data[:65536]:
        return read_docx
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return read_docx
    if _HTML_START.match(head):
        return read_html
    return None


def load_document(path: str | PathLike[str]) -> Document:
    """Read the report file at `path` (source = its file name)."""
    file = FilePath(path)
    return read_document(file.read_bytes(), file.name)


__all__ = [
    "COVER_SECTION",
    "READERS",
    "SUPPORTED_SUFFIXES",
    "Document",
    "EmptyReportError",
    "LoaderError",
    "MalformedReportError",
    "Paragraph",
    "Section",
    "Table",
    "UnsupportedFormatError",
    "load_document",
    "read_document",
]
