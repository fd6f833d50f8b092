"""分析类问题的分派：从问题里读出机关、年份和比较方式，交给 knowledge.analysis.many / knowledge.analysis.rates。"""
from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache

from knowledge.names.agencies import group_key, units
from knowledge.understand.agency_index import AgencyIndex
from knowledge.names.agency_names import is_department
from knowledge.analysis.many import (
    comparison,
    coverage,
    measure_query,
    ranking,
    series,
    years_named,
)
from knowledge.store.catalog import Catalog
from knowledge.datafile import data_rows, data_text
from knowledge.answer.find import find_fact
from knowledge.model import Answer, ReportInfo
from knowledge.understand.query import Query
from knowledge.analysis.rates import compute, rate_asked
from knowledge.store.store import Store

_THAN = re.compile(r"(?<!对)比(?!较|例|率)|和.{0,30}(?<!对)比(?!较)|相比|较(?!多|少)")
"""「A比B」「A和B比」: the difference is A − B; a plain 「A和B对比」 is the later minus the earlier."""
_PREVIOUS = re.compile(r"比上年|比上一年|比去年|较上年|较去年|同比|与上年")


def _latest_year(reports: Catalog, agency: str) -> int | None:
    years = reports.years_of(agency)
    return years[-1] if years else None


def analyse(store: Store, q: Query, index: AgencyIndex, reports: Catalog,
            by_id: Mapping[int, ReportInfo]) -> Answer:
    """Series, comparison, ranking, rate or coverage, by the question's intent."""
    r = q.reading
    text = r.normalized
    named = list(index.find_each(text)) or list(r.agencies)

    def find(chosen: list[ReportInfo], mq: Query) -> Answer:
        return find_fact(store, mq, chosen, reports, by_id)

    if r.intent == "coverage":
        return coverage(measure_query(q), tuple(named), reports)
    if r.intent == "rate":
        rate = rate_asked(text)
        agency = named[0] if named else None
        if rate is None or agency is None:
            return Answer("not_found", r, note="请写明机关和比率，例如「平潭2023年公开率是多少」（可算：公开率、办结率、"
                          "不予公开率、复议纠错率、诉讼纠错率）。")
        year = r.year or _latest_year(reports, agency)
        chosen = reports.of_year([agency], year)
        if not chosen:
            return Answer("not_found", r, note=f"没有{agency}{year}年的年报。")
        return compute(rate, store.facts_of([chosen[0].id]), chosen[0], measure_query(q))
    if r.intent == "series":
        if not named:
            return Answer("not_found", r, note="问的是哪个机关的历年数字？请写上机关名。")
        return series(store, q, named[0], reports, find)
    if r.intent == "comparison":
        return _compare(store, q, named, text, reports, find)
    year = r.year
    agencies = named if len({group_key(a) for a in named}) > 1 else list(reports.agencies)
    level = next((lv for word, lv in place_levels() if word in text), None)
    if level and index.gazetteer is not None and len({group_key(a) for a in named}) <= 1:
        agencies = _at_level(index, list(reports.agencies), level, named[0] if named else None)
        if not agencies:
            return Answer("not_found", r, note="已收录的年报里没有这一级的机关。")
    return ranking(store, q, agencies, year, reports, find)


@lru_cache(maxsize=1)
def place_levels() -> tuple[tuple[str, str], ...]:
    """(「各区县」, county) pairs from data/place_levels.txt, longest wording first."""
    pairs = [tuple(parts) for _n, parts in data_rows(data_text("place_levels.txt"))]
    return tuple(sorted(((a, b) for a, b in pairs), key=lambda p: -len(p[0])))


def _at_level(index: AgencyIndex, agencies: list[str], level: str, within: str | None) -> list[str]:
    """Agencies whose own place is at `level` in the gazetteer (under `within`'s place if named)."""
    gaz = index.gazetteer
    out = []
    for agency in agencies:
        found = units(agency)
        if not found or is_department(agency, found[-1]):
            continue
        places = gaz.lookup(found[-1])
        if not any(p.level == level for p in places):
            continue
        if within:
            outer = units(within)[-1] if units(within) else within
            if found[-1] == outer or not gaz.within(found[-1], outer):
                continue
        out.append(agency)
    return out


def _compare(store: Store, q: Query, named: list[str], text: str, reports: Catalog, find) -> Answer:  # noqa: ANN001
    r = q.reading
    years = years_named(text)
    than = bool(_THAN.search(text)) and not _PREVIOUS.search(text)
    if len({group_key(a) for a in named}) > 1:
        year = r.year or min(_latest_year(reports, a) or 0 for a in named[:2])
        a, b = named[0], named[1]
        sides = [(b, year), (a, year)] if than else [(a, year), (b, year)]
        return comparison(store, q, sides, reports, find)
    agency = named[0] if named else None
    if agency is None:
        return Answer("not_found", r, note="要对比哪个机关的数字？请写上机关名。")
    if len(years) >= 2:
        first, second = years[0], years[1]
        sides = [(agency, second), (agency, first)] if than else [(agency, min(first, second)), (agency, max(first, second))]
        return comparison(store, q, sides, reports, find)
    year = years[0] if years else _latest_year(reports, agency)
    if year is None:
        return Answer("not_found", r, note=f"没有{agency}的年报。")
    earlier = [y for y in reports.years_of(agency) if y < year]
    if not earlier:
        return Answer("not_found", r, note=f"{agency}没有{year}年之前的年报，无法和上一年对比。")
    previous = max(earlier)
    note = "" if previous == year - 1 else f"（{agency}没有{year - 1}年的年报，与最近的{previous}年比较）"
    answer = comparison(store, q, [(agency, previous), (agency, year)], reports, find)
    return answer if not note else Answer(answer.status, answer.reading, answer.best, answer.alternatives,
                                          answer.note + note, answer.options, answer.points, answer.derived)


__all__ = ["analyse", "measure_query"]
