"""压平的表格：网页爬虫把表格压成一段文字、各格数字粘连（「行政规范性文件77132470」）。

This module only does the lexical part, no arithmetic: a paragraph that is really a flattened
table becomes a `Table` with layout 'flat' whose rows are (text, digits) pairs — the words
between two digit runs, then the digit run exactly as printed (spaces kept, e.g. "200 000121").
Splitting a digit run into cells needs the table's template and its 勾稽 rules, which the
knowledge layer has.

Item numbers glued to the previous row ("…3100000312.没有现成信息", "…3460853762、政府公报") are
given back to the next row's words: a run followed by "." or "、" ends with the next item's number
(the one after the last item seen, else one digit). Digits followed by 年/月/日 (a year in a
header, "2016年度") stay words.
"""
from __future__ import annotations

import re

from .model import Paragraph, Table

_RUN = re.compile(r"(?<![\d.])-?\d(?:[\d.\-]|\s(?=[\d\s]*\d))*")
_DATE_WORD = re.compile(r"\s*[年月日号]")
_UNIT_CHARS = set("件条个项人次篇期份批例起类家场名户万亿元%％余多年月日号天页张册")
_ITEM = re.compile(r"(\d{1,2})[.．、](?!\d)")
LONG_RUN = 9
"""Digits in one run that only a row of glued cells has (an amount has a decimal point)."""
MIN_GLUED = 3
"""A paragraph is a flattened table when at least this many digit runs run straight into words."""

Row = tuple[str, ...]


def _runs(text: str) -> list[tuple[int, int]]:
    """Spans of digit runs that are cell values (not dates, not part of 〔2021〕 numbers)."""
    spans = []
    for m in _RUN.finditer(text):
        start, end = m.start(), m.end()
        if _DATE_WORD.match(text, end):
            continue
        spans.append((start, end))
    return spans


def _glued_spans(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Digit runs followed directly by a word that is not a unit (or ending the text); a run after
    a colon is a value on its own (「邮编：350400」「电话：0591-…」), not a table cell."""
    out = []
    for start, end in spans:
        if text[:start].rstrip().endswith(("：", ":")):
            continue
        nxt = text[end:].lstrip()[:1]
        if not nxt or ("\u4e00" <= nxt <= "\u9fff" and nxt not in _UNIT_CHARS):
            out.append((start, end))
    return out


def looks_flattened(text: str) -> bool:
    """A table flattened into text: no sentence end, and several digit runs glued to the next
    words — or one long glued run of cells (表四's single data row, "000000000000000")."""
    if "。" in text:
        return False
    glued = _glued_spans(text, _runs(text))
    longest = max((len(re.sub(r"\D", "", text[s:e])) for s, e in glued), default=0)
    return len(glued) >= MIN_GLUED or longest >= LONG_RUN


def _item_split(digits: str, following: str, expected: int | None) -> tuple[str, str]:
    """(value digits, item number) when the run is followed by "." or "、" and a word."""
    if not following or following[0] not in ".．、" or following[1:2].isdigit():
        return digits, ""
    bare = digits.rstrip()
    if expected is not None and bare.endswith(str(expected)):
        cut = len(str(expected))
    else:
        cut = 1
    return bare[:-cut].rstrip(), bare[-cut:] + following[0]


def flat_rows(text: str) -> list[Row]:
    """Rows (words, digits) of a flattened table; a trailing row may hold words only."""
    rows: list[Row] = []
    pos, carry, last_item = 0, "", 0
    spans = _runs(text)
    for start, end in spans:
        words = (carry + text[pos:start]).strip()
        run = text[start:end].strip()
        following = text[end:end + 2]
        if run.endswith((".", "．")) and not following[:1].isdigit():
            run, following = run[:-1], "." + following
        item = _ITEM.match(words)
        if item:
            last_item = int(item.group(1))
        value, carry = _item_split(run, following, last_item + 1 if last_item else None)
        if carry:
            last_item = int(carry[:-1])
        if words and value:
            rows.append((words, value))
        elif words:
            rows.append((words,))
        elif value and rows and len(rows[-1]) == 1:
            rows[-1] = (rows[-1][0], value)
        pos = end + 1 if carry and text[end:end + 1] == carry[-1] else end
    rest = (carry + text[pos:]).strip()
    if rest:
        rows.append((rest,))
    return rows


def _table_start(text: str, spans: list[tuple[int, int]]) -> int:
    """Where the table begins: after the last sentence end before the first glued run."""
    glued = _glued_spans(text, spans)
    first = glued[0][1] if glued else 0
    cut = max(text.rfind(mark, 0, first) for mark in "。；")
    return cut + 1 if cut >= 0 else 0


_CAPTION = re.compile(r"(?:附件\s*\d*\s*[:：]?\s*)?([\u4e00-\u9fff（）()\d]{2,40}?统计表)")
_DATE = re.compile(r"^[〇○零一二三四五六七八九十\d]{2,4}年[^年]{1,3}?月[^月]{1,4}?日")


def _caption(body: str, section: tuple[str, ...]) -> str:
    """A statistics table's own caption (「平潭综合实验区政府信息公开情况统计表」) when the table
    sits under a heading that does not name it (an appendix after the last section)."""
    head = body[: body.find("指标名称")] if "指标名称" in body else body[:80]
    m = _CAPTION.search(head)
    if not m or any("统计表" in title for title in section):
        return ""
    return _DATE.sub("", m.group(1))


def split_flat_tables(paragraphs: list[Paragraph]) -> tuple[list[Paragraph], list[Table]]:
    """Take flattened tables out of the paragraphs: (the prose left, the tables found). A
    statistics table with its own caption under an unrelated heading gets the caption as its
    section path (the caller adds that section)."""
    prose: list[Paragraph] = []
    tables: list[Table] = []
    for para in paragraphs:
        spans = _runs(para.text)
        start = _table_start(para.text, spans)
        body = para.text[start:]
        if not looks_flattened(body):
            prose.append(para)
            continue
        if start:
            prose.append(Paragraph(para.text[:start].strip(), para.section))
        caption = _caption(body, para.section)
        tables.append(Table(tuple(flat_rows(body)), (caption,) if caption else para.section, "flat"))
    return prose, tables
