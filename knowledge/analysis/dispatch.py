"""分析类问题的分派：按 Query 的意图和分析要求（knowledge.understand.plan）交给历年、对比、排名、比率、覆盖。"""
from __future__ import annotations

from knowledge.analysis.compare import comparison
from knowledge.analysis.coverage import coverage
from knowledge.analysis.ranking import ranking
from knowledge.analysis.rates import compute
from knowledge.analysis.series import series
from knowledge.answer.find import find_fact
from knowledge.model import Answer, Query, ReportInfo
from knowledge.names.agencies import group_key, units
from knowledge.names.agency_names import is_department
from knowledge.names.places import gazetteer
from knowledge.store.catalog import Catalog
from knowledge.store.store import Store


def _latest_year(reports: Catalog, agency: str) -> int | None:
    years = reports.years_of(agency)
    return years[-1] if years else None


def analyse(store: Store, q: Query, reports: Catalog) -> Answer:
    """Series, comparison, ranking, rate or coverage, by the question's intent (`q.plan` is set)."""
    r, p = q.reading, q.plan
    named = list(p.named)

    def find(chosen: list[ReportInfo], mq: Query) -> Answer:
        return find_fact(store, mq, chosen, reports, reports.by_id)

    if r.intent == "coverage":
        return coverage(p.measured, tuple(named), reports)
    if r.intent == "rate":
        agency = named[0] if named else None
        if p.rate is None or agency is None:
            return Answer("not_found", r, note="请写明机关和比率，例如「平潭2023年公开率是多少」（可算：公开率、办结率、"
                          "不予公开率、复议纠错率、诉讼纠错率）。")
        year = r.year or _latest_year(reports, agency)
        chosen = reports.of_year([agency], year)
        if not chosen:
            return Answer("not_found", r, note=f"没有{agency}{year}年的年报。")
        return compute(p.rate, store.facts_of([chosen[0].id]), chosen[0], p.measured)
    if r.intent == "series":
        if not named:
            return Answer("not_found", r, note="问的是哪个机关的历年数字？请写上机关名。")
        return series(store, q, named[0], reports, find)
    if r.intent == "comparison":
        return _compare(store, q, named, reports, find)
    agencies = named if len({group_key(a) for a in named}) > 1 else list(reports.agencies)
    if p.level and len({group_key(a) for a in named}) <= 1:
        agencies = _at_level(list(reports.agencies), p.level, named[0] if named else None)
        if not agencies:
            return Answer("not_found", r, note="已收录的年报里没有这一级的机关。")
    return ranking(store, q, agencies, r.year, reports, find)


def _at_level(agencies: list[str], level: str, within: str | None) -> list[str]:
    """Agencies whose own place is at `level` in the gazetteer (under `within`'s place if named)."""
    gaz = gazetteer()
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


def _compare(store: Store, q: Query, named: list[str], reports: Catalog, find) -> Answer:  # noqa: ANN001
    r, years, than = q.reading, q.plan.years, q.plan.than
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
