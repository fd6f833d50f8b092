"""排名：同一年各机关的同一个数字，从大到小；表格格子按对齐键（knowledge.store.cell_keys）一次读出，
正文数字逐份报告找；没有这个数字的机关列出名字。"""
from __future__ import annotations

from collections.abc import Mapping

from knowledge.model import SEP, Answer, FoundFact, Query, ReportInfo
from knowledge.store.catalog import WHOLE_CORPUS_AGENCIES, Catalog
from knowledge.store.cell_keys import cell_key, facts_by_key, reports_with_key
from knowledge.store.store import Store


def ranking(store: Store, q: Query, agencies: list[str], year: int | None, reports: Catalog,
            find) -> Answer:  # noqa: ANN001
    """One figure per agency for the same year, largest first; agencies without it are named."""
    mq = q.plan.measured
    wanted = set(agencies)
    everyone = len(wanted) > WHOLE_CORPUS_AGENCIES  # one year's reports, read whole, is cheaper than naming them
    chosen = {a: rid for a, rid in reports.report_ids(None if everyone else wanted, year).items() if a in wanted}
    by_id = reports.by_id
    aligned = _aligned(store, mq, chosen, by_id, find)
    if aligned is None:  # the figure is no table cell: find it report by report
        points: list[FoundFact] = []
        for report in (by_id[rid] for rid in chosen.values()):
            got = find([report], mq.in_year(report.year))
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
        got = find([report], mq.in_year(report.year))
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
