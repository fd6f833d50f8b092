"""一行正文：爬虫把整篇报告压成一行时，找回行内的 一、 和 （一） 标题。

Best effort, for crawler output such as "…联系。 一、总体情况 2023年，平潭…（一）主动公开方面平潭…".
A line is treated as flattened only when it holds at least two top-level (一、) headings.
A heading starts after whitespace or 。！？；： (or at the start of a piece); a top-level heading
whose words are a standard outline name (总体情况, 主动公开政府信息…, 存在的主要问题…) may also
follow a digit, because flattened tables run straight into the next part. The heading ends at
the first outline keyword (情况/方面/事项/概述/措施), else before a year ("2016年") or a "1."
item, else at 。 or ： within 40 characters, else at whitespace; a candidate without such an end is not split. "一是", "第一", dates and flattened
table rows ("三、本年度办理结果（一）予以公开…") are therefore left alone.
"""
from __future__ import annotations

import re

from .outline import CN_NUM

_STANDARD = (
    "总体情况|概述|(?:行政机关)?主动公开政府信息|(?:行政机关)?收到和处理政府信息公开申请|"
    "政府信息公开行政复议|因政府信息公开|存在的主要问题|政府信息公开工作存在|其他需要报告|"
    "政府信息依申请公开|主要问题和改进"
)
_RANK1 = re.compile(
    rf"(?:(?<=[\s。！？；：])|^)[{CN_NUM}]{{1,2}}、"
    rf"|(?<![{CN_NUM}])[{CN_NUM}]{{1,2}}、\s*(?=(?:{_STANDARD}))"
)
_RANK2 = re.compile(rf"(?:(?<=[\s。！？；：])|^)[（(][{CN_NUM}]{{1,2}}[）)]")
_TABLE_ROW = re.compile(
    r"[一二三四]、\s*(?:本年新收|上年结转|本年度办理结果|结转下年度)"
    r"|[（(][一二三四五六七][）)]\s*(?:予以公开|部分公开|不予公开|无法提供|不予处理|其他处理|总计)"
)
"""表三 row labels of a flattened table: never headings, even after a space."""
_KEYWORD = re.compile(r"情况(?:统计表)?|方面|事项|概述|措施")
_WINDOW = 30
_STOP = re.compile(r"[。：:]")
_FOLLOW = re.compile(r"\d{4}\s*年|\d{1,2}[.、．](?!\d)")
"""Body text that may follow heading words directly: a year ("2016年") or a 1. item."""


def _title_end(text: str, start: int) -> int | None:
    """Index just after the heading words that begin at `start` (after the numbering)."""
    while start < len(text) and text[start] == " ":
        start += 1
    window = text[start:start + _WINDOW]
    stop = window.find("。")
    key = _KEYWORD.search(window)
    if key and (stop < 0 or key.end() <= stop):
        return start + key.end()
    stop_at = _STOP.search(text, start, start + 40)
    limit = stop_at.start() if stop_at and stop_at.start() > start else start + _WINDOW
    follow = _FOLLOW.search(text, start + 4, limit)
    if follow:
        return follow.start()
    if stop_at and stop_at.start() > start:
        return stop_at.start()
    space = window.find(" ")
    return start + space if space > 0 else None


def _split(text: str, pattern: re.Pattern[str]) -> list[tuple[str, str]]:
    """Split `text` at the headings `pattern` finds: [("text"|"heading", piece), …]."""
    out: list[tuple[str, str]] = []
    pos = 0
    for m in pattern.finditer(text):
        if m.start() < pos:
            continue
        end = _title_end(text, m.end())
        if end is None or _TABLE_ROW.match(text, m.start()):
            continue
        out.append(("text", text[pos:m.start()]))
        out.append(("heading", text[m.start():end]))
        pos = end
        while pos < len(text) and text[pos] in " 。":
            pos += 1
    out.append(("text", text[pos:]))
    return [(kind, piece.strip()) for kind, piece in out if piece.strip()]


def is_flattened(line: str) -> bool:
    """True when one line holds at least two top-level headings (a crawler one-line body)."""
    return len(line) > 200 and len(_RANK1.findall(line)) >= 2


def split_flat(line: str) -> list[tuple[str, str]]:
    """Pieces of a flattened line: top-level headings first, then （一） headings inside the text."""
    out: list[tuple[str, str]] = []
    for kind, piece in _split(line, _RANK1):
        if kind == "heading":
            out.append((kind, piece))
        else:
            out.extend(_split(piece, _RANK2))
    return out
