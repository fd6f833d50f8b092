"""读懂问题：年份、机关、单位、要问的指标（measure）及其规范词。"""
from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

from knowledge.names.agencies import group_key
from knowledge.understand.agency_index import AgencyIndex
from knowledge.understand.intent import detect
from knowledge.text.lexicon import concept_ids, rewrite
from knowledge.model import Query, Reading
from knowledge.text.normalize import normalize_question
from knowledge.text.tokenize import canonical_tokens
from knowledge.understand.speller import Speller

_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*年?度?(?!\d)")
_ANY_YEAR = re.compile(r"(?<![\d.])(\d{4})\s*年")
"""A four-digit year that is no plausible report year (9999年) is still the year asked about."""
_ASK_MARKERS = re.compile(r"请问|想问一下|想问问|想问下|想问|问一下|问问|问下|想了解一下|想了解|想知道|想查一下|想查|"
                          r"帮我查一下|帮我查|帮忙查一下|麻烦查一下|查一下")
"""Where a long message turns from its story to its question."""
_SENTENCE_END = re.compile(r"[。！!；;…]+|[？?](?=.)")
_CLAUSE_END = re.compile(r"(?<=[。！!；;，,：:？?…])")
"""Splits a message into clauses, each keeping its closing mark (「…多少件？」 still asks)."""
_REPORT_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*年?度?(?:的|政府信息公开工作)?(?:年报|年度报告|报告)")
_CLAIM_WORDS = re.compile(r"是不是|是否|(?:都|也)(?:没有|没)|一(?:件|个|条|次|项|份|篇)")
_ASKS = re.compile(r"多少|几|吗|是不是|是否|有没有|[？?]")
_UNIT_Q = re.compile(
    r"(?:多少|几|若干|有多少|共多少|总共多少)\s*(个工作日|万人次|人次|万元|亿元|批次|场次|小项|万次|件|条|篇|份|期|次|人|场|项|家|个|户|名|元|类|天|起|宗|批)")
_UNIT_TAIL = re.compile(r"(?<![文案事证物邮配软硬])(件|条|篇|份|期|次|人次|场|项|家|万元|元)数?$")
"""「件数」「收费金额（万元）」 at the end; not 文件数 / 案件数, which name a thing, not a unit."""
_MONEY = re.compile(r"金额|多少钱")
_PERCENT = re.compile(r"百分之|百分比|比例|%|率")
_ORG_WORDS = re.compile(r"人民政府办公室|人民政府|政府办公室|街道办事处|办事处|管委会|办公室|综合实验区|实验区")
_LEFT_OVER_GOV = re.compile(r"(?:^|(?<=\s))政府(?!信息|网站|门户|公报|采购|集中)")
"""「政府」 left where an agency's short name was cut out (崇川镇|政府行政复议…), not 政府信息."""
_QUESTION_WORDS = re.compile(
    r"(请问|是多少|有多少|(?<!一)共有|多少|几|吗|呢|？|\?|是什么|哪些|怎么样|情况如何)")
MAX_QUESTION_CHARS = 300
"""Longer questions are refused politely: no honest question about a figure is this long."""


def question_unit(text: str) -> str:
    """The unit a question asks in: 件 for 多少件, 万元 for 金额, % for 比例; '' when none."""
    m = _UNIT_Q.search(text)
    if m:
        return m.group(1)
    if _PERCENT.search(text):
        return "%"
    if _MONEY.search(text):
        return "万元"
    m = _UNIT_TAIL.search(text.rstrip("？?。 "))
    return m.group(1) if m else ""


def focus(text: str) -> str:
    """The part of a long message that asks: what follows its last 「请问/想问一下…」, else its
    last sentence with a question word; the whole text when it is one plain question."""
    marks = list(_ASK_MARKERS.finditer(text))
    if marks and len(text) - marks[-1].end() >= 4:
        return text[marks[-1].end():].strip(" ，,：:")
    sentences = [s for s in _SENTENCE_END.split(text) if s.strip()]
    if len(sentences) > 1:
        # an asking sentence with something to ask about: 「差多少」 after 「…比2023年多还是少？」 is not one
        asking = [s for s in sentences if _ASKS.search(s) and len(_ASKS.sub("", s).strip(" ，,")) >= 4]
        if asking:
            return asking[-1].strip()
    return text


def _first_year(text: str) -> int | None:
    years = [int(y) for y in _YEAR.findall(text)]
    if years:
        return years[0]
    odd = _ANY_YEAR.search(text)
    return int(odd.group(1)) if odd else None


def _year(text: str) -> int | None:
    """The year a message asks about: the one in its asking clause (the last with 多少/几/吗/？),
    else the year of the report it names (「2023年的年报」), else the nearest before the asking
    clause, then after it — not a year of the story (「我是2019年搬到…，2024年…有多少件？」: 2024)."""
    clauses = [c for c in _CLAUSE_END.split(text) if c.strip()]
    asking = max((i for i, c in enumerate(clauses) if _ASKS.search(c)), default=None)
    if asking is None:
        return _first_year(text)
    if (year := _first_year(clauses[asking])) is not None:
        return year
    if report := _REPORT_YEAR.search(text):
        return int(report.group(1))
    for clause in (*reversed(clauses[:asking]), *clauses[asking + 1:]):
        if (year := _first_year(clause)) is not None:
            return year
    return None


def parse(question: str, index: AgencyIndex, today: date | None = None, speller: Speller | None = None) -> Query:
    """Read a question: intent, year, agencies, unknown places, unit and measure tokens.

    In a long message the story is skipped: year and agency come from the asking part, the
    agency from the whole message only when the asking part names none."""
    full = normalize_question(question[:MAX_QUESTION_CHARS], today)
    full, fixes = index.romanized(full)
    if speller is not None:
        full, typos = speller.correct(full)
        fixes += typos
    text = focus(full)
    year = _year(text) if text == full else _year(text) or _year(full)  # the asking part names none
    match = index.find(text)
    if not match.best and text != full:
        match = index.find(full)
    unknown = index.narrower_place(text, match.best) if match.best else index.unknown_place(text)
    body = index.unloaded_body(text, match) if match.best and not unknown else ("", "")
    for agency in match.best:  # an OCR-misspelt report reached by the official name: say how it spells it
        official, printed = index.spelling(agency)
        if official and official in text:
            fixes += ((official, printed),)
    measure = _ANY_YEAR.sub(" ", _YEAR.sub(" ", text))
    for span in match.spans:
        measure = measure.replace(span, " ")
    if unknown:
        measure = measure.replace(unknown, " ")
    measure = _ORG_WORDS.sub(" ", measure)
    measure = _LEFT_OVER_GOV.sub(" ", measure)
    intent = detect(text, one_agency=len({group_key(a) for a in match.best}) == 1)
    if intent.span:
        measure = measure.replace(intent.span, " ")
    if intent.asserted is not None:
        measure = _CLAIM_WORDS.sub(" ", measure)
    asked = re.sub(r"\s+", " ", measure).strip(" ，,。？?")
    unit = question_unit(measure)
    measure = _UNIT_Q.sub(" ", measure)
    measure = _QUESTION_WORDS.sub(" ", measure)
    measure = re.sub(r"\s+", " ", measure).strip(" ，,。？?的")
    fixes += rewrite(asked)[1]
    reading = Reading(question=question, normalized=full, agencies=match.best, year=year,
                      measure=measure, asked=asked, unit=unit, unknown_place=unknown, intent=intent.name,
                      asserted=intent.asserted, corrections=fixes)
    return Query(reading=reading, tokens=canonical_tokens(measure), group=match.group,
                 concepts=concept_ids(asked or measure), body=body)


def follow_up(query: Query, previous: Reading | None, index: AgencyIndex) -> Query:
    """Fill what a follow-up question leaves out (「那2020年呢」「行政强制呢」「鲤城区呢」)
    from the previous reading: agency, year or measure."""
    if previous is None:
        return query
    r = query.reading
    agencies, year, measure, tokens, asked = r.agencies, r.year, r.measure, query.tokens, r.asked
    group = query.group
    if not agencies and not r.unknown_place and previous.agencies:
        agencies = previous.agencies
        group = previous.agencies
    carried = year is None and previous.year is not None
    if carried:
        year = previous.year
    if not tokens and previous.measure:
        measure, asked = previous.measure, previous.asked
        tokens = canonical_tokens(measure)
    unit = r.unit or (previous.unit if measure == previous.measure else "")
    reading = replace(r, agencies=agencies, year=year, measure=measure, asked=asked, unit=unit)
    return Query(reading=reading, tokens=tokens, group=group, carried_year=carried,
                 concepts=concept_ids(asked or measure))
