"""Markdown 读取器（.md / .markdown，以及内容像 Markdown 的 .txt）。

Markdown here is converter output: '#' levels are unreliable (the numbering decides the
outline level), bold runs mark item headings, pipe tables are split into pieces. Marks are
removed from the text: **bold**, [t](u) → t, <url> → url, '<br>' → '', '---' rules dropped.
"""
from __future__ import annotations

import re

from .decode import bytes_to_text
from .model import Document
from .report import parse_report

_SIGNALS = (
    re.compile(r"^#{1,6}\s+\S", re.MULTILINE),
    re.compile(r"^\s*\|.*\|\s*$", re.MULTILINE),
    re.compile(r"^\s*\|?\s*:?-{3,}:?\s*\|", re.MULTILINE),
    re.compile(r"\*\*[^*\n]+\*\*"),
    re.compile(r"\[[^\]\n]+\]\([^)\n]+\)"),
)


def looks_like_markdown(text: str) -> bool:
    """True when at least two Markdown signals (headings, pipe tables, bold, links) occur."""
    hits = sum(len(p.findall(text)) for p in _SIGNALS)
    return hits >= 2


def parse_markdown(text: str, source: str = "") -> Document:
    """Normalised Markdown text → Document."""
    return parse_report(text, source, markdown=True)


def read_markdown(data: bytes, source: str = "") -> Document:
    """Markdown file bytes → Document.

    异常: EmptyReportError, UnsupportedFormatError, MalformedReportError.
    """
    return parse_markdown(bytes_to_text(data, source), source)
