"""行处理：清理行内标记、判断句末、拼接折行。

Pure string helpers shared by the outline, table and paragraph code.
"""
from __future__ import annotations

import re

SENTENCE_END = "。！？；：…）)!?;:"
"""A line ending in one of these closes its paragraph (Chinese and ASCII forms)."""

_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_AUTOLINK = re.compile(r"<((?:https?|ftp)://[^>\s]+|www\.[^>\s]+|[\w.+-]+@[\w.-]+)>")
_BR = re.compile(r"<br\s*/?>", re.IGNORECASE)
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|<>~])")
_HEADING_MARK = re.compile(r"^\s{0,3}(#{1,6})(?:\s+|$)")
_RULE = re.compile(r"^\s*([-*_])(?:\s*\1){2,}\s*$")
_BULLET = re.compile(r"^\s*(?:[-*+•·▪●]\s+|[•·▪●])(?=\S)")
_SPACE_RUN = re.compile(r"[ \t]+")
_WORD = re.compile(r"[A-Za-z0-9]")


_MARK_CHARS = frozenset("<[\\*_")
"""Characters every mark strip_marks removes starts with."""


def strip_marks(text: str) -> str:
    """Remove Markdown inline marks: **bold**, __bold__, links [t](u) → t, <url> → url, <br>."""
    if not _MARK_CHARS.intersection(text):
        return text  # most table cells: nothing to strip, skip the four substitutions
    text = _BR.sub("", text)
    text = _LINK.sub(r"\1", text)
    text = _AUTOLINK.sub(r"\1", text)
    text = text.replace("**", "").replace("__", "")
    return _ESCAPE.sub(r"\1", text)


def squeeze(text: str) -> str:
    """Collapse runs of spaces/tabs to one space and strip the ends."""
    return _SPACE_RUN.sub(" ", text).strip()


def clean_inline(text: str, markdown: bool) -> str:
    """One line of prose, ready to store: marks removed (Markdown only; "<http://…>" → the URL
    in plain text too, converters leave it there), spaces squeezed."""
    return squeeze(strip_marks(text) if markdown else _AUTOLINK.sub(r"\1", text))


def heading_marks(line: str) -> tuple[int, str]:
    """Split a Markdown ATX heading: ("## 一、总体情况") → (2, "一、总体情况"); (0, line) if none."""
    m = _HEADING_MARK.match(line)
    if not m:
        return 0, line
    return len(m.group(1)), line[m.end():].rstrip().rstrip("#").rstrip()


def is_rule(line: str) -> bool:
    """A Markdown thematic break such as '---' or '***'."""
    return bool(_RULE.match(line))


def bullet_text(line: str) -> str | None:
    """The text of a bullet item ("- 提升…" → "提升…"), or None when the line is no bullet."""
    m = _BULLET.match(line)
    return line[m.end():] if m else None


def ends_sentence(text: str) -> bool:
    """True when `text` ends with sentence-closing punctuation (see SENTENCE_END)."""
    text = text.rstrip().rstrip("*").rstrip()
    return bool(text) and text[-1] in SENTENCE_END


def join_text(left: str, right: str) -> str:
    """Join two fragments of one paragraph: no space, except between two ASCII word characters."""
    left, right = left.rstrip(), right.lstrip()
    if not left or not right:
        return left + right
    if _WORD.match(left[-1]) and _WORD.match(right[0]):
        return f"{left} {right}"
    return left + right


def clean_title(text: str) -> str:
    """A heading title as printed: marks removed, spaces squeezed, trailing 。；：removed."""
    return squeeze(strip_marks(text)).rstrip("。；：;:．. ").strip()
