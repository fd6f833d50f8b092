"""DOCX list numbering: numbering.xml and styles → the numbers Word shows ("一、", "（二）", "3.").

MAX_LIST_NUMBER bounds every counter (w:start, w:startOverride, counting up): a hostile start
near 10^15 in letter format would otherwise need 10^13 characters.
"""
from __future__ import annotations

import re

from docx.oxml.ns import qn
from lxml import etree

from .errors import MalformedReportError

MAX_LIST_NUMBER = 100_000
"""Largest list counter rendered ("一、", "A."); a start near 10^15 in letters would need 10^13 characters."""
_CN = "零一二三四五六七八九"
_TIANGAN = "甲乙丙丁戊己庚辛壬癸"


def val(el: etree._Element | None, tag: str, default: str | None = None) -> str | None:
    """w:val of the child `tag` of `el` ('' when the child has no w:val), else `default`."""
    child = el.find(qn(tag)) if el is not None else None
    return default if child is None else child.get(qn("w:val"), "")


def _chinese(n: int) -> str:
    """1 → 一, 10 → 十, 21 → 二十一 (chineseCounting; 100 and more as digits)."""
    if n < 10 or n >= 100:
        return _CN[n] if 0 <= n < 10 else str(n)
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else _CN[tens]) + "十" + (_CN[ones] if ones else "")


def _format_number(n: int, fmt: str) -> str:
    """A list counter in Word's number format `fmt` (unknown formats fall back to decimal)."""
    if fmt in ("chineseCounting", "chineseCountingThousand", "japaneseCounting",
               "chineseLegalSimplified", "ideographLegalTraditional", "taiwaneseCounting"):
        return _chinese(n)
    if fmt == "ideographTraditional":
        return _TIANGAN[(n - 1) % 10]
    if fmt in ("upperLetter", "lowerLetter"):
        text = chr(ord("A") + (n - 1) % 26) * ((n - 1) // 26 + 1)
        return text if fmt == "upperLetter" else text.lower()
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese"):
        return chr(0x2460 + n - 1) if 1 <= n <= 20 else str(n)
    return str(n)


class Numbering:
    """Renders automatic list numbers ("一、", "（二）", "3.") in reading order."""

    def __init__(self, numbering: etree._Element | None, styles: etree._Element | None,
                 where: str = ""):
        self.where = where
        self.levels: dict[str, dict[int, etree._Element]] = {}
        self.starts: dict[tuple[str, int], int] = {}
        self.counters: dict[str, dict[int, int]] = {}
        self.style_num: dict[str, tuple[str | None, int | None, str | None]] = {}
        if numbering is not None:
            abstract = {a.get(qn("w:abstractNumId")): {int(lv.get(qn("w:ilvl"), "0")): lv
                        for lv in a.iter(qn("w:lvl"))}
                        for a in numbering.iter(qn("w:abstractNum"))}
            for num in numbering.iter(qn("w:num")):
                num_id = num.get(qn("w:numId"))
                self.levels[num_id] = abstract.get(val(num, "w:abstractNumId") or "", {})
                for over in num.iter(qn("w:lvlOverride")):
                    start = val(over, "w:startOverride")
                    if start and start.isdigit():
                        self.starts[(num_id, int(over.get(qn("w:ilvl"), "0")))] = int(start)
        for style in styles.iter(qn("w:style")) if styles is not None else ():
            ppr = style.find(qn("w:pPr"))
            num_pr = ppr.find(qn("w:numPr")) if ppr is not None else None
            ilvl = val(num_pr, "w:ilvl")
            self.style_num[style.get(qn("w:styleId"), "")] = (
                val(num_pr, "w:numId"), int(ilvl) if ilvl and ilvl.isdigit() else None,
                val(style, "w:basedOn"))

    def _style_numpr(self, style_id: str) -> tuple[str | None, int]:
        for _ in range(10):
            num_id, ilvl, based = self.style_num.get(style_id, (None, None, None))
            if num_id is not None:
                return num_id, ilvl or 0
            if not based:
                break
            style_id = based
        return None, 0

    def label(self, ppr: etree._Element | None) -> str:
        """The list number the paragraph with properties `ppr` shows ('' when none/bullet)."""
        num_pr = ppr.find(qn("w:numPr")) if ppr is not None else None
        num_id, ilvl = val(num_pr, "w:numId"), val(num_pr, "w:ilvl")
        level = int(ilvl) if ilvl and ilvl.isdigit() else 0
        if num_id is None:
            num_id, style_level = self._style_numpr(val(ppr, "w:pStyle") or "")
            level = style_level if ilvl is None else level
        levels = self.levels.get(num_id or "0")
        if not levels or level not in levels:
            return ""
        counters = self.counters.setdefault(num_id, {})
        for deeper in [k for k in counters if k > level]:
            del counters[deeper]
        counters[level] = self._bounded(counters[level] + 1) if level in counters else self._start(
            num_id, level)
        lvl = levels[level]
        fmt = val(lvl, "w:numFmt", "decimal")
        if fmt in ("bullet", "none"):
            return ""

        def number(m: re.Match[str]) -> str:
            k = int(m.group(1)) - 1
            n = counters.get(k, self._start(num_id, k))
            return _format_number(n, "decimal" if lvl.find(qn("w:isLgl")) is not None
                                  and k != level else val(levels.get(k), "w:numFmt", "decimal"))
        text = re.sub(r"%(\d)", number, val(lvl, "w:lvlText", "") or "")
        if not text or val(lvl, "w:suff") == "nothing" or text[-1] in "、）)．":
            return text
        return text + " "

    def _start(self, num_id: str, level: int) -> int:
        start = self.starts.get((num_id, level)) or val(self.levels[num_id].get(level), "w:start")
        return self._bounded(int(start)) if str(start).isdigit() and len(str(start)) < 20 else 1

    def _bounded(self, n: int) -> int:
        """A list counter, or MalformedReportError when it exceeds MAX_LIST_NUMBER."""
        if n > MAX_LIST_NUMBER:
            raise MalformedReportError(
                f"DOCX 列表编号过大{self.where}：列表编号达到 {n}（上限 {MAX_LIST_NUMBER}）")
        return n
