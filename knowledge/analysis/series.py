"""历年：一个机关每年一个有出处的数字（从旧到新），以及与上一年的变化；相邻两年表三的结转核对写进警告。

Every point is found exactly as a single question would find it (`find`: knowledge.answer.find,
one report at a time); a year without a confident figure is named, never invented."""
from __future__ import annotations

from dataclasses import replace

from knowledge.analysis.checks import carried_over
from knowledge.model import SEP, Answer, FoundFact, Query, ReportInfo
from knowledge.store.catalog import Catalog
from knowledge.store.cell_keys import cell_key, facts_by_key
from knowledge.store.store import Store


def series(store: Store, q: Query, agency: str, reports: Catalog, find) -> Answer:  # noqa: ANN001
    """One cited figure per year of one agency, oldest first, with the change from the year before."""
    mq = q.plan.measured
    own = [x for x in reports.of([agency]) if x.year]
    years = q.plan.span.pick([x.year for x in own if x.year])
    points: list[FoundFact] = []
    missing: list[int] = []
    wanted = [x for x in own if x.year in years]
    aligned: dict[int, FoundFact] = {}
    for i, report in enumerate(wanted):
        if report.id in aligned:  # the same cell as the year before, read in one query
            points.append(aligned[report.id])
            continue
        got = find([report], mq.in_year(report.year))
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
