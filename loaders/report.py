"""报告组装：文本 → Document（标题、封面、正文结构、元数据）。

Text before the report's own title is a cover letter (letterhead, 文号, a 转发/印发 notice).
When it holds real prose (a sentence of at least COVER_PROSE characters ending in 。) its
paragraphs are kept under one level-1 Section titled COVER_SECTION ("封面"); letterhead lines
alone are dropped (with a warning).
"""
from __future__ import annotations

import re

from .errors import MalformedReportError
from .flat_tables import split_flat_tables
from .meta import (
    agency_and_year,
    find_title,
    looks_like_report,
    name_agency_and_year,
    opening_agency,
    period_year,
    split_crawler_header,
    title_of,
)
from .model import Document, Paragraph, Section
from .structure import assemble, classify

COVER_SECTION = "封面"
"""Title (and one-element path) of the section holding a cover letter's paragraphs."""
COVER_PROSE = 15
_AGENCY_LINE = re.compile(r"^[\u4e00-\u9fff（）()]{2,30}$")


def _agency_line_before(lines: list[str], index: int) -> tuple[str, int]:
    """(name, line index) of a short name line just above a title that starts with the year
    (two-line titles); ("", index) when there is none."""
    for back in range(index - 1, max(index - 4, -1), -1):
        text = re.sub(r"[#*\s]", "", lines[back])
        if text:
            if _AGENCY_LINE.match(text) and not text.endswith("文件"):
                return text, back
            break
    return "", index


def _cover(lines: list[str], markdown: bool) -> tuple[list[Section], list[Paragraph], str]:
    """Cover-letter section and paragraphs, or nothing (and a warning) for letterhead only."""
    paragraphs = assemble(classify(lines, markdown, headings=False)).paragraphs
    if not paragraphs:
        return [], [], ""
    if not any(len(p.text) >= COVER_PROSE and p.text.endswith("。") for p in paragraphs):
        return [], [], "标题前的版头文字（发文机关、文号等）未读入"
    path = (COVER_SECTION,)
    return (
        [Section(COVER_SECTION, path, 1)],
        [Paragraph(p.text, path) for p in paragraphs],
        "",
    )


def _untitled_meta(lines: list[str], source: str) -> tuple[str, str, int | None, list[str]]:
    """Title, agency, year and notes for a report whose title did not survive: the agency from
    the opening paragraphs (「本报告由…编制」) else the file name; the year from the statistics
    period else the file name."""
    text = "\n".join(lines)
    notes = ["正文中没有标题行，按年报的标准部分读取"]
    agency, year = opening_agency(text), period_year(text)
    name_agency, name_year = name_agency_and_year(source)
    if agency:
        notes.append(f"发布机关「{agency}」取自开头段落（本报告由…编制）")
    elif name_agency:
        agency = name_agency
        notes.append(f"发布机关「{agency}」取自文件名")
    else:
        notes.append("找不到发布机关")
    if year is not None:
        notes.append(f"年度 {year} 取自统计期限")
    elif name_year is not None:
        year = name_year
        notes.append(f"年度 {year} 取自文件名")
    title = f"{agency}{f'{year}年' if year else ''}政府信息公开工作年度报告"
    return title, agency, year, notes


def parse_report(text: str, source: str, markdown: bool) -> Document:
    """Normalised report text → Document.

    异常: MalformedReportError when no report title can be found (body or crawler header).
    """
    warnings: list[str] = []
    header, lines = split_crawler_header(text.split("\n"))
    found = find_title(lines)
    untitled = False
    if found:
        title, cover_lines = found.title, lines[: found.index]
        body_lines = ([found.rest] if found.rest else []) + lines[found.last + 1:]
        if found.last != found.index:
            warnings.append("标题分在几行印刷，已合并读取")
    else:
        title = title_of(header.get("标题", "")) or ""
        cover_lines, body_lines = [], lines
        if title:
            warnings.append("标题取自爬虫文件头（正文中没有标题行）")
        elif looks_like_report(lines):
            untitled = True
    if not title and not untitled:
        where = f"（{source}）" if source else ""
        raise MalformedReportError(
            f"不是政府信息公开工作年度报告{where}：找不到「…年政府信息公开工作年度报告」这样的标题行，"
            "正文也没有年报的标准部分"
        )
    if untitled:
        title, agency, year, notes = _untitled_meta(lines, source)
        warnings.extend(notes)
    else:
        agency, year = agency_and_year(title)
    if found and not agency:
        agency, start = _agency_line_before(lines, found.index)
        title, cover_lines = agency + title, lines[:start]
    body = assemble(classify(body_lines, markdown))
    if year is None:
        year = period_year("\n".join(body_lines))
        if year is None:
            warnings.append("标题和统计期限中都没有报告年度")
    sections, paragraphs, note = _cover(cover_lines, markdown)
    if note:
        warnings.append(note)
    prose, flat = split_flat_tables(body.paragraphs)
    if flat:
        warnings.append(f"{len(flat)} 张表格在原文中被压成一行（数字连在一起），已按文字拆读")
    known = {s.path for s in body.sections}
    extra = [Section(t.section[0], t.section, 1) for t in flat if t.section and t.section not in known]
    if not body.sections and not body.tables:
        warnings.append("没有找到编号标题，也没有找到表格")
    return Document(
        title=title,
        agency=agency,
        year=year,
        sections=tuple(sections + body.sections + extra),
        paragraphs=tuple(paragraphs + prose),
        tables=tuple(body.tables) + tuple(flat),
        source=source,
        warnings=tuple(warnings),
    )
