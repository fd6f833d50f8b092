"""PDF 版面：字 → 行（带列段）、去页眉页脚页码、把正文行拼成段落块。

Used by loaders.pdf. A `Line` is one printed line of text outside ruled tables, split into
`Segment`s where the words are far apart (aligned columns of a borderless table).
"""
from __future__ import annotations

import re
import statistics
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

SEGMENT_GAP = 0.8
"""Words further apart than this many font sizes are separate segments (columns)."""

_PAGE_NUMBER = re.compile(
    r"[-—–－_~·\s]*(?:第\s*\d{1,4}\s*页(?:\s*[,，/／]?\s*共\s*\d{1,4}\s*页)?|\d{1,4}\s*[/／]\s*\d{1,4}"
    r"|\d{1,3}|[Pp]age\s*\d{1,4}(?:\s*of\s*\d{1,4})?)[-—–－_~·\s]*"
)
_HEADING = re.compile(
    r"\s*(?:[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十]{1,3}[）)]|\d{1,2}[.．、](?!\d)"
    r"|[（(]\d{1,2}[）)])"
)
_NUMERIC = re.compile(r"[-+]?\d[\d,，.]*\s*%?")


@dataclass(frozen=True)
class Segment:
    """Words of one line close enough to be one piece of text (one table cell)."""

    x0: float
    x1: float
    text: str

    @property
    def numeric(self) -> bool:
        return bool(_NUMERIC.fullmatch(self.text))


@dataclass(frozen=True)
class Line:
    """One printed line on a page (page coordinates, top-down)."""

    top: float
    bottom: float
    x0: float
    x1: float
    size: float
    segments: tuple[Segment, ...]
    centre_offset: float = 0.0
    """Distance of the line's middle from the page's middle (centred titles are ~0)."""
    page: int = 0

    @property
    def text(self) -> str:
        return " ".join(s.text for s in self.segments)


def _segments(chars: list[dict[str, Any]], size: float) -> tuple[Segment, ...]:
    """One line's characters (left to right) → segments; a space is kept where the PDF has a
    space character or a visible gap, not between letter-spaced Chinese characters."""
    segs: list[list[Any]] = []  # [x0, x1, text]
    spaced = False
    for ch in chars:
        if ch["text"].isspace():
            spaced = True
            continue
        if not segs or ch["x0"] - segs[-1][1] >= SEGMENT_GAP * size:
            segs.append([ch["x0"], ch["x1"], ch["text"]])
        else:
            gap, seg = ch["x0"] - segs[-1][1], segs[-1]
            ascii_pair = seg[2][-1].isascii() and seg[2][-1].isalnum() and ch["text"].isascii()
            if spaced or gap > 0.3 * size or (ascii_pair and gap > 0.2 * size):
                seg[2] += " "
            seg[1], seg[2] = max(seg[1], ch["x1"]), seg[2] + ch["text"]
        spaced = False
    return tuple(Segment(x0, x1, text) for x0, x1, text in segs)


def page_lines(chars: Iterable[dict[str, Any]], page_width: float, page: int = 0) -> list[Line]:
    """pdfplumber chars → lines top to bottom, each split into segments."""
    rows: list[list[dict[str, Any]]] = []
    for ch in sorted(chars, key=lambda c: (round(c["top"], 1), c["x0"])):
        if rows and abs(ch["top"] - rows[-1][0]["top"]) <= 0.5 * min(ch["size"], rows[-1][0]["size"]):
            rows[-1].append(ch)
        else:
            rows.append([ch])
    lines = []
    for row in rows:
        row.sort(key=lambda c: c["x0"])
        visible = [c for c in row if not c["text"].isspace()]
        if not visible:
            continue
        size = statistics.median(c["size"] for c in visible)
        segs = _segments(row, size)
        x0, x1 = segs[0].x0, segs[-1].x1
        lines.append(Line(min(c["top"] for c in visible), max(c["bottom"] for c in visible), x0, x1,
                          size, segs, abs((x0 + x1) / 2 - page_width / 2), page))
    return lines


def is_heading(text: str) -> bool:
    """Starts with outline numbering: 一、 （一） 1. （1）."""
    return bool(_HEADING.match(text))


def is_page_number(text: str) -> bool:
    """「- 4 -」, 「第 4 页」, 「第4页 共12页」, 「4 / 12」, 「4」, 「Page 4」."""
    return bool(_PAGE_NUMBER.fullmatch(text))


def _running_key(line: Line) -> str:
    return re.sub(r"\d+", "#", re.sub(r"\s+", "", line.text))


def _same_place(a: Line, b: Line) -> bool:
    return abs(a.top - b.top) <= 3 and abs(a.size - b.size) <= 0.5 and _running_key(a) == _running_key(b)


def _wordy(line: Line) -> bool:
    """Has letters or Chinese (a row of table numbers is never a running header)."""
    return any(ch.isalpha() for ch in line.text)


def drop_running_lines(pages: list[list[Line]], edge: int = 2) -> None:
    """Remove page numbers, and header/footer lines: among the first and last `edge` lines of
    a page, one printed with the same text (digits aside), size and height on half the pages."""
    for lines in pages:
        while lines and is_page_number(lines[0].text):
            lines.pop(0)
        while lines and is_page_number(lines[-1].text):
            lines.pop()
    if len(pages) < 2:
        return
    need = max(2, (len(pages) + 1) // 2)
    edges = [lines[:edge] + lines[-edge:] for lines in pages]

    def running(line: Line) -> bool:
        return sum(any(_same_place(line, other) for other in near) for near in edges) >= need

    for lines in pages:
        drop = {id(line) for line in lines[:edge] + lines[-edge:] if _wordy(line) and running(line)}
        lines[:] = [line for line in lines if id(line) not in drop]


@dataclass(frozen=True)
class Metrics:
    """Document-wide measures of the body text, for paragraph breaks."""

    left: float
    right: float
    size: float
    gap: float

    @classmethod
    def of(cls, lines: Sequence[Line]) -> Metrics:
        if not lines:
            return cls(0.0, 0.0, 10.0, 5.0)
        size = Counter(round(line.size) for line in lines).most_common(1)[0][0]
        body = [line for line in lines if abs(line.size - size) < 1] or list(lines)
        lefts = sorted(line.x0 for line in body)
        rights = sorted(line.x1 for line in body)
        gaps = [b.top - a.bottom for a, b in zip(body, body[1:]) if 0 <= b.top - a.bottom < 3 * size]
        return cls(lefts[len(lefts) // 20], rights[-1 - len(rights) // 20], float(size),
                   statistics.median(gaps) if gaps else size * 0.6)


def starts_paragraph(prev: Line | None, line: Line, m: Metrics) -> bool:
    """Whether `line` begins a new block rather than continuing `prev`'s paragraph."""
    if prev is None:
        return True
    centred = (prev.centre_offset < prev.size and line.centre_offset < line.size
               and line.size > m.size + 1 and abs(line.size - prev.size) < 0.5)
    if centred:  # a title wrapped over several centred lines
        return False
    if abs(line.size - prev.size) > 1:
        return True
    if line.x0 > m.left + 0.8 * line.size:  # indented first line (or centred / right-aligned)
        return True
    if prev.x1 < m.right - 2.5 * prev.size:  # the previous line stopped short
        return True
    if line.page == prev.page and line.top - prev.bottom > max(1.8 * m.gap + 2, 1.2 * line.size):
        return True
    return is_heading(line.text)


def paragraph_text(lines: Sequence[Line]) -> str:
    """A paragraph's printed lines joined by "\n" (the text reader joins wrapped lines)."""
    return "\n".join(line.text for line in lines)
