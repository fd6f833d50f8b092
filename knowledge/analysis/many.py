"""多份报告上的回答：历年（series）、对比（comparison）、排名（ranking）、覆盖（coverage）。

Every point is found exactly as a single question would find it (knowledge.answer.find, one report at a
time), so a series never mixes readings; a year or agency without a confident figure is named,
never invented. Rates live in knowledge.analysis.rates.
"""
from __future__ import annotations

import re
from dataclasses import replace
from collections.abc import Iterable, Mapping
from functools import lru_cache
from knowledge.datafile import data_lines, data_text

from knowledge.store.catalog import WHOLE_CORPUS_AGENCIES, Catalog
from knowledge.store.cell_keys import cell_key, facts_by_key, reports_with_key
from knowledge.analysis.checks import carried_over
from knowledge.model import SEP, Answer, Derived, Fact, FoundFact, ReportInfo
from knowledge.understand.query import Query
from knowledge.store.store import Store
from knowledge.text.tokenize import canonical_tokens

_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")
_RANGE = re.compile(r"((?:19|20)\d\d)年?(?:到|至|—|-|~|～)((?:19|20)\d\d)")
_SINCE = re.compile(r"((?:19|20)\d\d)年?以来")
_RECENT = re.compile(r"近([两二三四五六七八九十\d]+)年")
_PREVIOUS = re.compile(r"比上年|比上一年|比去年|较上年|较去年|同比|上年|上一年")
_CN = {"两": 2, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}


@lru_cache(maxsize=1)
def _strip_words() -> re.Pattern[str]:
    lines = [line for _n, line in data_lines(data_text("analysis_words.txt"))]
    return re.compile("|".join(f"(?:{x})" for x in lines))


def _in_year(q: Query, year: int | None) -> Query:
    """The query asked of one report's year (so no 「未指明年份」 note is worked out for it)."""
    return replace(q, reading=replace(q.reading, year=year))


def measure_query(q: Query) -> Query:
    """The query with the words that say how to compare removed (历年, 对比, 排名…): what is left
    is the one figure to find in each report."""
    r = q.reading
    measure = re.sub(r"\s+", " ", _strip_words().sub(" ", r.measure)).strip(" ，,的")
    asked = re.sub(r"\s+", " ", _strip_words().sub(" ", r.asked)).strip(" ，,的")
    fixes = tuple((a, b) for a, b in r.corrections if not _strip_words().fullmatch(a))
    return replace(q, reading=replace(r, measure=measure, asked=asked, corrections=fixes),
                   tokens=canonical_tokens(measure))


def years_named(text: str) -> list[int]:
    """The years a question names, in order, without repeats."""
    return list(dict.fromkeys(int(y) for y in _YEAR.findall(text)))


def _count(word: str) -> int:
    return int(word) if word.isdigit() else _CN.get(word, 3)


def series_years(text: str, have: list[int]) -> list[int]:
    """Which of the agency's report years a series question covers (all by default)."""
    if m := _RANGE.search(text):
        low, high = sorted((int(m.group(1)), int(m.group(2))))
        return [y for y in have if low <= y <= high]
    if m := _SINCE.search(text):
        return [y for y in have if y >= int(m.group(1))]
    if m := _RECENT.search(text):
        return have[-_count(m.group(1)):]
    return have


def _label(found: FoundFact) -> str:
    f = found.fact
    return f"{f.value}{f.unit}"


def _signed(value: float) -> str:
    text = f"{value:+.6f}".rstrip("0").rstrip(".")
    return "+0" if text in ("+", "-", "+0", "-0") else text


def series(store: Store, q: Query, agency: str, reports: Catalog, find) -> Answer:  # noqa: ANN001
    """One cited figure per year of one agency, oldest first, with the change from the year before."""
    mq = measure_query(q)
    own = [x for x in reports.of([agency]) if x.year]
    years = series_years(q.reading.normalized, [x.year for x in own if x.year])
    points: list[FoundFact] = []
    missing: list[int] = []
    wanted = [x for x in own if x.year in years]
    aligned: dict[int, FoundFact] = {}
    for i, report in enumerate(wanted):
        if report.id in aligned:  # the same cell as the year before, read in one query
            points.append(aligned[report.id])
            continue
        got = find([report], _in_year(mq, report.year))
        if got.status == "answered" and got.best is not None:
            points.append(got.best)
            aligned = _same_cell(store, got.best, wanted[i + 1:])
        else:
            missing.append(report.year or 0)
    if not points:
        return Answer("not_found", mq.reading, note=f"{agency}各年的年报里都没有找到「{mq.reading.measure}」的确切数字。")
    note = f"{'、'.join(map(str, missing))}年的年报里没有找到确切数字。" if missing else ""
    return Answer("answered", mq.reading, points=_cross_year(store, points), note=note)


def _cross_year(store: Store, points: list[FoundFact]) -> tuple[FoundFact, ...]:
    """A series of 表三 figures: where two consecutive years break 「上年结转 = 上一年结转下年度」
    (总计 column), both points carry the warning."""
    if not any(p.fact.table == "表三" for p in points):
        return tuple(points)
    out = list(points)
    for i in range(1, len(out)):
        prev, this = out[i - 1], out[i]
        if not prev.report.year or this.report.year != prev.report.year + 1:
            continue
        checks = carried_over([f.fact for f in store.facts_of([prev.report.id])],
                              [f.fact for f in store.facts_of([this.report.id])], this.report.year)
        warns = [c.message for c in checks if c.status == "warn" and "总计" in c.name]
        if warns:
            note = f"{this.report.year}年与{prev.report.year}年跨年核对：" + warns[0]
            out[i - 1] = replace(prev, fact=replace(prev.fact, warnings=prev.fact.warnings + (note,)))
            out[i] = replace(this, fact=replace(this.fact, warnings=this.fact.warnings + (note,)))
    return tuple(out)


def comparison(store: Store, q: Query, sides: list[tuple[str, int]], reports: Catalog,
               find) -> Answer:  # noqa: ANN001
    """Two (agency, year) sides: each cited, the signed difference (second − first) and the change in %."""
    mq = measure_query(q)
    found: list[FoundFact] = []
    for agency, year in sides:
        chosen = reports.of_year([agency], year)
        got = find(chosen, _in_year(mq, year)) if chosen else None
        if got is None or got.status != "answered" or got.best is None:
            return Answer("not_found", q.reading, note=f"{agency}{year}年的年报里没有找到「{mq.reading.measure}」的确切数字，"
                          "无法对比。" if chosen else f"没有{agency}{year}年的年报，无法对比。")
        found.append(got.best)
    first, second = found
    if first.fact.number is None or second.fact.number is None:
        return Answer("not_found", q.reading, note="这两个数字不是数值，无法相减。", points=tuple(found))
    diff = second.fact.number - first.fact.number
    pct = f"，变化 {diff / first.fact.number * 100:+.1f}%" if first.fact.number else ""
    name = lambda p: f"{p.report.agency if sides[0][0] != sides[1][0] else ''}{p.report.year}年"  # noqa: E731
    formula = f"{name(second)} − {name(first)}"
    value = _signed(diff)
    fact = Fact(value=value, unit=second.fact.unit, label=f"{formula}（{mq.reading.measure}）", section=(),
                quote=f"{_label(second)} − {_label(first)} = {value}{second.fact.unit}", kind="derived",
                number=diff, warnings=first.fact.warnings + second.fact.warnings)
    best = FoundFact(fact=fact, report=second.report, score=1.0)
    return Answer("answered", mq.reading, best=best, points=tuple(found), note=pct.lstrip("，"),
                  derived=Derived("差值", formula, value, second.fact.unit))


def ranking(store: Store, q: Query, agencies: list[str], year: int | None, reports: Catalog,
            find) -> Answer:  # noqa: ANN001
    """One figure per agency for the same year, largest first; agencies without it are named."""
    mq = measure_query(q)
    wanted = set(agencies)
    everyone = len(wanted) > WHOLE_CORPUS_AGENCIES  # one year's reports, read whole, is cheaper than naming them
    chosen = {a: rid for a, rid in reports.report_ids(None if everyone else wanted, year).items() if a in wanted}
    by_id = reports.by_id
    aligned = _aligned(store, mq, chosen, by_id, find)
    if aligned is None:  # the figure is no table cell: find it report by report
        points: list[FoundFact] = []
        for report in (by_id[rid] for rid in chosen.values()):
            got = find([report], _in_year(mq, report.year))
            if got.status == "answered" and got.best is not None and got.best.fact.number is not None:
                points.append(got.best)
        total = len(points)
        answered = {p.report.agency for p in points}
        lacking = [a for a in agencies if a not in answered]
    else:
        points, have = aligned
        total = len(have)
        lacking = [a for a in agencies if a not in chosen or chosen[a] not in have]
    if not points:
        return Answer("not_found", q.reading, note=f"{year or ''}年各机关的年报里都没有找到「{mq.reading.measure}」的确切数字。")
    points.sort(key=lambda p: -(p.fact.number or 0))
    no_report = [a for a in lacking if a not in chosen]
    no_figure = [a for a in lacking if a in chosen]
    note = "".join([f"共 {total} 个机关有这个数字，列出最大的 {len(points)} 个。" if total > len(points) else "",
                    f"没有{year}年的年报：{_some(no_report)}。" if no_report else "",
                    f"年报里没有找到确切数字：{_some(no_figure)}。" if no_figure else ""])
    return Answer("answered", mq.reading, best=points[0], points=tuple(points), note=note)



def _same_cell(store: Store, found: FoundFact, later: list[ReportInfo]) -> dict[int, FoundFact]:
    """The later reports' cell with the same aligned key as `found` (a table cell), by report id."""
    f = found.fact
    key = cell_key(f.kind, f.table, SEP.join(f.row), SEP.join(f.col))
    if key is None or not later:
        return {}
    by_id = {x.id: x for x in later}
    out: dict[int, FoundFact] = {}
    for item in facts_by_key(store.db, key, list(by_id)):
        if item.fact.number is not None and item.report_id not in out:
            out[item.report_id] = FoundFact(fact=item.fact, report=by_id[item.report_id], score=1.0, fact_id=item.fid)
    return out


def _some(names: list[str], shown: int = 10) -> str:
    """「甲、乙、丙等 25 个机关」: a long list of names cut short."""
    return "、".join(names[:shown]) + (f"等 {len(names)} 个机关" if len(names) > shown else "")


MAX_RANKED = 100
"""A ranking lists at most this many agencies (largest first) and counts the rest."""


def _aligned(store: Store, mq: Query, chosen: dict[str, int], by_id: Mapping[int, ReportInfo],
             find) -> tuple[list[FoundFact], set[int]] | None:  # noqa: ANN001
    """When the figure is a table cell: the largest values of the same aligned cell
    (knowledge.store.cell_keys) among the chosen reports (agency → report id), and the ids of all
    reports that have it; None when it is prose (or nothing answers)."""
    for report in (by_id[rid] for rid in list(chosen.values())[:5]):  # the first that answers names the cell
        got = find([report], _in_year(mq, report.year))
        if got.status != "answered" or got.best is None:
            continue
        f = got.best.fact
        key = cell_key(f.kind, f.table, SEP.join(f.row), SEP.join(f.col))
        if key is None:
            return None
        ids = list(chosen.values())
        have = reports_with_key(store.db, key, ids)
        out: dict[int, FoundFact] = {}
        for item in facts_by_key(store.db, key, ids, top=MAX_RANKED * 2):
            if item.report_id not in out:
                out[item.report_id] = FoundFact(fact=item.fact, report=by_id[item.report_id], score=1.0,
                                                fact_id=item.fid)
        return list(out.values())[:MAX_RANKED], have
    return None


def coverage(q: Query, agencies: tuple[str, ...], reports: Catalog) -> Answer:
    """Which reports are loaded: per agency its years, and the years other agencies have that it lacks."""
    if not agencies and (count := reports.too_many_to_search()):
        years = reports.years
        span = f"，{years[0]}–{years[-1]}年" if years else ""
        return Answer("not_found", q.reading, note=f"已收录 {count} 个机关的 {len(reports)} 份年报{span}。"
                      "想知道某个机关有哪些年份，请写上机关名。")
    chosen = reports.of(sorted(agencies)) if agencies else list(reports)
    if not chosen:
        return Answer("not_found", q.reading, note="没有收录这个机关的年报。")
    points = tuple(FoundFact(fact=Fact(value="", unit="", label="年报", section=(), quote="", kind="report"),
                             report=x, score=1.0) for x in sorted(chosen, key=lambda x: (x.agency, x.year or 0)))
    lines = []
    for agency, (years, missing) in gaps(points, reports.years).items():
        lack = f"；缺 {'、'.join(map(str, missing))}" if missing else ""
        lines.append(f"· {agency}：{'、'.join(map(str, years))}年{lack}")
    return Answer("answered", q.reading, points=points, note="\n".join(lines))


def gaps(points: tuple[FoundFact, ...], loaded_years: Iterable[int] = ()) -> dict[str, tuple[list[int], list[int]]]:
    """agency → (years loaded, years some loaded report covers (`loaded_years`), from its first
    year on, that it lacks)."""
    all_years = sorted({p.report.year for p in points if p.report.year} | set(loaded_years))
    out: dict[str, tuple[list[int], list[int]]] = {}
    for agency in sorted({p.report.agency for p in points}):
        years = sorted({p.report.year for p in points if p.report.agency == agency and p.report.year})
        out[agency] = (years, [y for y in all_years if years and years[0] <= y <= all_years[-1] and y not in years])
    return out
