"""分析类问题的读法：问到的各个机关、年份和年份范围、比较方向、比率、地区层级，以及要在每份报告里找的那个数字
（问题去掉「历年」「对比」「排名」等说法之后剩下的部分）。"""
from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from knowledge.datafile import data_lines, data_rows, data_text
from knowledge.model import Plan, Query, YearSpan
from knowledge.text.lexicon import concept_ids
from knowledge.text.tokenize import canonical_tokens
from knowledge.understand.agency_index import AgencyIndex
from knowledge.understand.rates import rate_asked

_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")
_RANGE = re.compile(r"((?:19|20)\d\d)年?(?:到|至|—|-|~|～)((?:19|20)\d\d)")
_SINCE = re.compile(r"((?:19|20)\d\d)年?以来")
_RECENT = re.compile(r"近([两二三四五六七八九十\d]+)年")
_CN = {"两": 2, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
_THAN = re.compile(r"(?<!对)比(?!较|例|率)|和.{0,30}(?<!对)比(?!较)|相比|较(?!多|少)")
"""「A比B」「A和B比」: the difference is A − B; a plain 「A和B对比」 is the later minus the earlier."""
_PREVIOUS = re.compile(r"比上年|比上一年|比去年|较上年|较去年|同比|与上年")


@lru_cache(maxsize=1)
def _strip_words() -> re.Pattern[str]:
    lines = [line for _n, line in data_lines(data_text("analysis_words.txt"))]
    return re.compile("|".join(f"(?:{x})" for x in lines))


@lru_cache(maxsize=1)
def place_levels() -> tuple[tuple[str, str], ...]:
    """(「各区县」, county) pairs from data/place_levels.txt, longest wording first."""
    pairs = [tuple(parts) for _n, parts in data_rows(data_text("place_levels.txt"))]
    return tuple(sorted(((a, b) for a, b in pairs), key=lambda p: -len(p[0])))


def measure_query(q: Query) -> Query:
    """The query with the words that say how to compare removed (历年, 对比, 排名…): what is left
    is the one figure to find in each report."""
    r = q.reading
    measure = re.sub(r"\s+", " ", _strip_words().sub(" ", r.measure)).strip(" ，,的")
    asked = re.sub(r"\s+", " ", _strip_words().sub(" ", r.asked)).strip(" ，,的")
    fixes = tuple((a, b) for a, b in r.corrections if not _strip_words().fullmatch(a))
    return replace(q, reading=replace(r, measure=measure, asked=asked, corrections=fixes),
                   tokens=canonical_tokens(measure), concepts=concept_ids(asked or measure))


def years_named(text: str) -> tuple[int, ...]:
    """The years a question names, in order, without repeats."""
    return tuple(dict.fromkeys(int(y) for y in _YEAR.findall(text)))


def _count(word: str) -> int:
    return int(word) if word.isdigit() else _CN.get(word, 3)


def year_span(text: str) -> YearSpan:
    """Which years a series question covers: 「2020到2023年」, 「2021年以来」, 「近三年」, else all."""
    if m := _RANGE.search(text):
        low, high = sorted((int(m.group(1)), int(m.group(2))))
        return YearSpan(low=low, high=high)
    if m := _SINCE.search(text):
        return YearSpan(low=int(m.group(1)))
    if m := _RECENT.search(text):
        return YearSpan(last=_count(m.group(1)))
    return YearSpan()


def plan(q: Query, index: AgencyIndex) -> Plan:
    """Everything an analysis question asks beyond its one figure, read from its normalised text."""
    text = q.reading.normalized
    return Plan(measured=measure_query(q), named=tuple(index.find_each(text)) or tuple(q.reading.agencies),
                years=years_named(text), span=year_span(text),
                than=bool(_THAN.search(text)) and not _PREVIOUS.search(text), rate=rate_asked(text),
                level=next((level for word, level in place_levels() if word in text), None))
