"""纯文本读取器（.txt / .text / 未知扩展名的文本）。

Plain text from Word/PDF exports: tab-separated tables, numbered headings, wrapped lines.
Many ".txt" reports are really Markdown converter output; `read_text` detects that by content
and hands them to the Markdown parser (a warning in Document.warnings says so).
"""
from __future__ import annotations

from dataclasses import replace

from .decode import bytes_to_text
from .markdown import looks_like_markdown, parse_markdown
from .model import Document
from .report import parse_report


def parse_text(text: str, source: str = "") -> Document:
    """Normalised plain text → Document (no Markdown marks are interpreted)."""
    return parse_report(text, source, markdown=False)


def read_text(data: bytes, source: str = "") -> Document:
    """Text file bytes → Document; Markdown-looking content is parsed as Markdown.

    异常: EmptyReportError, UnsupportedFormatError, MalformedReportError.
    """
    text = bytes_to_text(data, source)
    if looks_like_markdown(text):
        doc = parse_markdown(text, source)
        return replace(doc, warnings=(*doc.warnings, "文本文件内容是 Markdown 格式，已按 Markdown 读取"))
    return parse_text(text, source)
