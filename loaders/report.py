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
from .meta import agency_and_year, find_title, period_year, split_crawler_header, title_of
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
        return [], [], "dropped letterhead lines before the title"
    path = (COVER_SECTION,)
    return (
        [Section(COVER_SECTION, path, 1)],
        [Paragraph(p.text, path) for p in paragraphs],
        "",
    )


def parse_report(text: str, source: str, markdown: bool) -> Document:
    """Normalised report text → Document.

    异常: MalformedReportError when no report title can be found (body or crawler header).
    """
    warnings: list[str] = []
    header, lines = split_crawler_header(text.split("\n"))
    found = find_title(lines)
    if found:
        title, cover_lines = found.title, lines[: found.index]
        body_lines = ([found.rest] if found.rest else []) + lines[found.index + 1:]
    else:
        title = title_of(header.get("标题", "")) or ""
        cover_lines, body_lines = [], lines
        if title:
            warnings.append("title taken from the crawler header")
    if not title:
        where = f" ({source})" if source else ""
        raise MalformedReportError(
            f"不是政府信息公开工作年度报告{where}: no title line like '…年政府信息公开工作年度报告'"
        )
    agency, year = agency_and_year(title)
    if found and not agency:
        agency, start = _agency_line_before(lines, found.index)
        title, cover_lines = agency + title, lines[:start]
    body = assemble(classify(body_lines, markdown))
    if year is None:
        year = period_year("\n".join(body_lines))
        if year is None:
            warnings.append("no reporting year in the title or the statistics period")
    sections, paragraphs, note = _cover(cover_lines, markdown)
    if note:
        warnings.append(note)
    prose, flat = split_flat_tables(body.paragraphs)
    if flat:
        warnings.append(f"{len(flat)} flattened table(s) read from text (digits glued together)")
    known = {s.path for s in body.sections}
    extra = [Section(t.section[0], t.section, 1) for t in flat if t.section and t.section not in known]
    if not body.sections and not body.tables:
        warnings.append("no numbered headings and no tables found")
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
