"""元数据：报告标题、发布机关、年度；爬虫文件头。

Title: the last line before the first 一、 heading that reads like "…政府信息公开工作年度报告"
(Markdown marks removed, spaces removed) and is not a "关于…的通知" line, or else such a
title wrapped over up to WRAP_LINES short lines; else the crawler header "标题: …". Agency: the title text before the year. Year: from the title ("2024年",
"2023年度", "二〇二四年"), else from the 统计期限 sentence ("自2024年1月1日"), else None.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .lines import heading_marks, strip_marks
from .outline import numbering_rank
from .tables import is_table_line



def _spaced(*words: str) -> str:
    """Alternatives that tolerate spaces between characters ("政府信息 公开")."""
    return "(?:" + "|".join(r"\s*".join(word) for word in words) + ")"


REPORT_PHRASE = (
    _spaced("政府信息公开", "政务公开", "信息公开") + r"\s*" + _spaced("工作") + "?" + r"\s*"
    + _spaced("年度报告", "年报", "工作报告")
)
_TITLE_LINE = re.compile(rf"^(.{{0,60}}?{REPORT_PHRASE})(?:\s+(.*))?$")
_NOT_TITLE = re.compile(r"[。，；：《》“”]|关于")
_YEAR = re.compile(r"(\d{4}|[〇零一二三四五六七八九]{4})\s*年度?")
_PERIOD = re.compile(
    r"统计(?:期限|期间|时限|区间)[^。]{0,30}?(\d{4})\s*年|自\s*(\d{4})\s*年\s*1\s*月\s*1\s*日"
)
_HEADER_KEY = re.compile(r"^([\u4e00-\u9fffA-Za-z ]{1,12})[:：]\s*(.*)$")
_BODY_MARK = re.compile(r"^=+\s*正文\s*=+$")
_CN_DIGITS = str.maketrans("〇零一二三四五六七八九", "00123456789")


@dataclass(frozen=True)
class TitleLine:
    """Where the report title was found in the lines."""

    index: int
    """Line index of the title."""
    title: str
    """The title without spaces or marks."""
    rest: str = ""
    """Text after the title on the same line (crawler one-line bodies)."""
    end: int = -1
    """Last line index of the title block (a title wrapped over lines); -1: `index` alone."""

    @property
    def last(self) -> int:
        return self.index if self.end < 0 else self.end


def split_crawler_header(lines: list[str]) -> tuple[dict[str, str], list[str]]:
    """Crawler files start with "标题: …" lines and a "==== 正文 ====" line: (header, body lines).

    Without the 正文 marker only a leading "标题:" line is taken as header.
    """
    for index, line in enumerate(lines[:40]):
        if _BODY_MARK.match(line.strip()):
            header = {}
            for head in lines[:index]:
                m = _HEADER_KEY.match(head.strip())
                if m:
                    header[m.group(1).strip()] = m.group(2).strip()
            return header, lines[index + 1:]
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is not None:
        m = _HEADER_KEY.match(lines[first].strip())
        if m and m.group(1).strip() == "标题":
            return {"标题": m.group(2).strip()}, lines[first + 1:]
    return {}, lines


def _plain(line: str) -> str:
    return strip_marks(heading_marks(line)[1]).strip()


def first_part_heading(lines: list[str]) -> int:
    """Index of the first 一、 heading line (not a table line), or len(lines)."""
    for index, line in enumerate(lines):
        if not is_table_line(line) and numbering_rank(_plain(line)) == 1:
            return index
    return len(lines)


def title_of(text: str) -> str | None:
    """The report title if `text` (one line, marks removed) is a title line, else None."""
    m = _TITLE_LINE.match(text.strip())
    if not m or _NOT_TITLE.search(m.group(1)):
        return None
    return re.sub(r"\s+", "", m.group(1))


WRAP_LINES = 3
"""Most printed lines a wrapped title block is joined from."""
_WRAP_PIECE = re.compile(r"^[\u4e00-\u9fff\d〇\s（）()]{1,40}$")


def _wrapped_title(lines: list[str], index: int, stop: int) -> TitleLine | None:
    """A title wrapped over the lines from `index` (「2025 年上海市某某局政府信息公开」 /
    「工作年度报告」): the shortest run of up to WRAP_LINES short lines, blank lines between
    allowed, that reads as a title once joined."""
    joined, k = "", index
    for _ in range(WRAP_LINES):
        while k < stop and not lines[k].strip():
            k += 1
        if k >= stop or is_table_line(lines[k]):
            return None
        piece = _plain(lines[k])
        if not _WRAP_PIECE.match(piece):
            return None
        joined += piece
        title = title_of(joined)
        if title and k > index:
            return TitleLine(index, title, "", k)
        k += 1
    return None


def _as_full(title: str, than: str) -> bool:
    """`title` names an agency and a year wherever `than` does."""
    (agency, year), (agency0, year0) = agency_and_year(title), agency_and_year(than)
    return (bool(agency) or not agency0) and (year is not None or year0 is None)


def find_title(lines: list[str]) -> TitleLine | None:
    """The report's own title: the last title-like line before the first 一、 heading, or else
    the last title block wrapped over several lines."""
    found: TitleLine | None = None
    stop = first_part_heading(lines)
    for index in range(stop):
        if is_table_line(lines[index]):
            continue
        text = _plain(lines[index])
        title = title_of(text)
        if title:
            m = _TITLE_LINE.match(text)
            found = TitleLine(index, title, (m.group(2) or "").strip() if m else "")
    if found and not agency_and_year(found.title)[0]:  # 「…2024年政府」 / 「信息公开工作年度报告」
        for start in range(found.index - 1, max(found.index - WRAP_LINES, -1), -1):
            wrapped = _wrapped_title(lines, start, found.index + 1) if lines[start].strip() else None
            if wrapped and wrapped.last == found.index and agency_and_year(wrapped.title)[0]:
                return wrapped
    if found:
        return found
    index = 0
    while index < stop:
        wrapped = _wrapped_title(lines, index, stop) if lines[index].strip() else None
        if wrapped:
            for later in range(index + 1, wrapped.last):  # a stray line above (「正文」) is no part of it
                tighter = _wrapped_title(lines, later, wrapped.last + 1) if lines[later].strip() else None
                if tighter and tighter.last == wrapped.last and _as_full(tighter.title, wrapped.title):
                    wrapped = tighter
            found, index = wrapped, wrapped.last + 1
        else:
            index += 1
    return found


_STANDARD_PARTS = (
    "主动公开政府信息情况", "收到和处理政府信息公开申请情况", "政府信息公开行政复议、行政诉讼情况",
    "存在的主要问题及改进情况", "其他需要报告的事项",
)
_COMPILED_BY = re.compile(r"本(?:年度)?报告(?:是)?由\s*([\u4e00-\u9fff（）()]{2,40}?)\s*(?:根据|依据|按照|编制)")
_NAME_AGENCY = re.compile(r"([\u4e00-\u9fff（）()]{2,40}?)(?:\d{4}|[〇零一二三四五六七八九]{4})\s*年")


def looks_like_report(lines: list[str]) -> bool:
    """The body is plainly an annual report without its title: at least three of the standard
    parts are there as lines (二、主动公开政府信息情况, 三、收到和处理政府信息公开申请情况 …)."""
    squeezed = [re.sub(r"\s+", "", _plain(line)) for line in lines if len(line) < 80]
    return sum(any(part in line for line in squeezed) for part in _STANDARD_PARTS) >= 3


def opening_agency(text: str) -> str:
    """The compiling body named in the opening paragraph (「本报告由淮安市洪泽区人民政府办公室
    根据…编制」), or ""."""
    m = _COMPILED_BY.search(text[:3000])
    return m.group(1) if m else ""


def name_agency_and_year(name: str) -> tuple[str, int | None]:
    """Agency and year from a file name (「2025年上海市某某局政府信息公开工作年度报告.txt」,
    「上海市某某局2025年….pdf」); ("", None) when it names neither."""
    stem = re.sub(r"\.[A-Za-z0-9]{1,5}$", "", name.rsplit("/", 1)[-1])
    title = title_of(stem)
    if title:
        agency, year = agency_and_year(title)
        if agency and not re.fullmatch(r"[\d\s_-]*", agency):
            return agency, year
        return "", year
    m = _YEAR.search(stem)
    year = _year_value(m.group(1)) if m else None
    agency = _NAME_AGENCY.match(stem)
    return (agency.group(1) if agency else ""), year


def _year_value(token: str) -> int | None:
    value = int(token.translate(_CN_DIGITS)) if token else 0
    return value if 1990 <= value <= 2100 else None


def agency_and_year(title: str) -> tuple[str, int | None]:
    """("晋江市人民政府办公室", 2024) from "晋江市人民政府办公室2024年政府信息公开工作年度报告"."""
    m = _YEAR.search(title)
    phrase = re.search(REPORT_PHRASE, title)
    end = phrase.start() if phrase else len(title)
    if not m or m.start() > end:
        return title[:end].rstrip("年度").strip(), None
    agency = title[: m.start()].removesuffix("关于") or title[m.end():end]
    return agency.strip(), _year_value(m.group(1))


def period_year(text: str) -> int | None:
    """Year of the statistics period ("统计期限自2024年1月1日…"), or None."""
    m = _PERIOD.search(text)
    if not m:
        return None
    return _year_value(m.group(1) or m.group(2))
