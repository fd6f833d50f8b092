"""提纲：按编号识别标题，拆分“标题+正文”行，维护标题栈。

Ranks come from the numbering, never from Markdown '#' levels (converters get those wrong):
一、 (1) > （一）/(一) (2) > 1. / 1、 / 1． (3) > （1）/(1) (4).

Heading lines that go on with body text ("1. 日常工作稳步开展。市政府办公室…") are split:
- the heading is the first sentence (up to 。！？, or a ： with text after it; the mark is
  dropped) when that sentence has at most MAX_TITLE characters; the rest of the line is body
  text of the new section. A one-sentence line with a number in it ("1. 主动公开信息 125 条。")
  is also kept as body text (without the numbering), so no figure lives only in a heading;
- a bold run right at the start ("**(1) 围绕上级要求，力求全面。**邀请编办…", or
  "(1) **本地化处理事项标准目录。**通过…") is the heading when it is short enough;
- a numbered item whose first sentence is longer (a list item rather than a heading) still
  opens a section, to keep the outline complete, but its title is cut at the first clause
  (，；：, else the last 、 within MAX_TITLE) and the WHOLE item text (without the number)
  stays as body, so nothing is lost.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .lines import clean_title, squeeze, strip_marks
from .model import Path

MAX_TITLE = 40
"""Longest heading title (characters, numbering included) taken from a heading+body line."""

CN_NUM = "一二三四五六七八九十"
NUMBERING: tuple[tuple[int, re.Pattern[str]], ...] = (
    (1, re.compile(rf"^[{CN_NUM}]{{1,3}}\s*[、．]")),
    (2, re.compile(rf"^[（(]\s*[{CN_NUM}]{{1,3}}\s*[）)]")),
    (3, re.compile(r"^\d{1,2}\s*(?:[、．]|\.(?!\d))")),
    (4, re.compile(r"^[（(]\s*\d{1,2}\s*[）)]")),
)
_SENTENCE = re.compile(r"[。！？!?]|[：:](?=.)")
_DIGIT = re.compile(r"\d")
_CLAUSE = re.compile(r"[，；：,;:]")
# "**2.深化规范政策文件发布工作。**" starting after 。/space/line start, inside a paragraph
_INLINE_BOLD = re.compile(
    rf"(?:(?<=[。！？；\s])|^)(?=\*\*\s*(?:[{CN_NUM}]{{1,3}}[、．]|[（(][{CN_NUM}\d]{{1,3}}[）)]|\d{{1,2}}[、.．]))"
)


@dataclass(frozen=True)
class Heading:
    """A detected heading: rank from its numbering (None for an unnumbered '#' heading)."""

    rank: int | None
    title: str


def numbering_rank(text: str) -> int | None:
    """Rank of the numbering that starts `text` (marks already removed), or None."""
    text = text.lstrip()
    for rank, pattern in NUMBERING:
        m = pattern.match(text)
        if m and text[m.end():].strip():
            return rank
    return None


def _strip_number(text: str) -> str:
    for _rank, pattern in NUMBERING:
        m = pattern.match(text)
        if m:
            return text[m.end():].strip()
    return text


def _split_plain(text: str) -> tuple[str, str]:
    """(title, body) of a numbered line without a usable bold run (see module docstring)."""
    m = _SENTENCE.search(text)
    head = text[: m.start()] if m else text
    if len(head) <= MAX_TITLE:
        body = text[m.end():].strip() if m else ""
        if not body and _DIGIT.search(_strip_number(head)):
            body = _strip_number(text)  # "1. 主动公开信息 125 条。": keep the number as prose too
        return clean_title(head), body
    clause = _CLAUSE.search(text)
    if clause and clause.start() <= MAX_TITLE:
        cut = clause.start()
    else:
        comma = text.rfind("、", 0, MAX_TITLE)
        cut = comma if comma > 8 else MAX_TITLE
    return clean_title(text[:cut]), _strip_number(text)


def split_heading(line: str, markdown: bool) -> tuple[Heading, str] | None:
    """Parse one logical line that may be a numbered heading: (Heading, body) or None.

    `line` still carries its bold marks (Markdown); '#' marks are already removed.
    """
    raw = line.strip()
    plain = squeeze(strip_marks(raw)) if markdown else squeeze(raw)
    rank = numbering_rank(plain)
    if rank is None:
        return None
    if markdown and "**" in raw:
        # bold run at the start, possibly after the number: "**(1) x。**y" / "(1) **x。**y"
        m = re.match(r"^(.{0,8}?)\*\*(.+?)\*\*(.*)$", raw)
        if m and numbering_rank(squeeze(strip_marks(m.group(1) + m.group(2)))) == rank:
            title = clean_title(m.group(1) + m.group(2))
            body = squeeze(strip_marks(m.group(3)))
            if len(title) <= MAX_TITLE and not _SENTENCE.search(title):
                return Heading(rank, title), body
    title, body = _split_plain(plain)
    return Heading(rank, title), body


def split_inline_bold(line: str) -> list[str]:
    """Cut a Markdown line before every bold numbered run inside it (the 鲤城 layout:
    "…监督权。**2.深化规范政策文件发布工作。**“全生命周期”…")."""
    cuts = [m.start() for m in _INLINE_BOLD.finditer(line) if m.start() > 0]
    if not cuts:
        return [line]
    pieces, start = [], 0
    for cut in cuts:
        pieces.append(line[start:cut])
        start = cut
    pieces.append(line[start:])
    return [p for p in pieces if p.strip()]


@dataclass
class OutlineStack:
    """The open headings; a heading of rank r closes every open heading of rank >= r."""

    open: list[tuple[int, str, bool]] = field(default_factory=list)
    """(rank, title, numbered) of each open heading, outermost first."""

    def path(self) -> Path:
        """Heading path of the innermost open section."""
        return tuple(title for _rank, title, _numbered in self.open)

    def push(self, heading: Heading) -> Path:
        """Open `heading` and return its full path.

        An unnumbered heading ('#' line without numbering) sits one rank below the innermost
        open numbered heading, or at rank 1 when none is open, so that consecutive unnumbered
        headings are siblings rather than a staircase.
        """
        rank = heading.rank
        if rank is None:
            numbered = [r for r, _t, n in self.open if n]
            rank = numbered[-1] + 1 if numbered else 1
        while self.open and self.open[-1][0] >= rank:
            self.open.pop()
        self.open.append((rank, heading.title, heading.rank is not None))
        return self.path()
