"""一个事实的回答：闲聊给帮助，概况给卡片，其余选出问到的报告、在里面找那个数字（knowledge.answer.find）。"""
from __future__ import annotations

from dataclasses import replace

from knowledge.answer.chat import help_text
from knowledge.answer.find import find_fact
from knowledge.answer.overview import card
from knowledge.model import Answer, Query, ReportInfo
from knowledge.names.agencies import group_key
from knowledge.store.catalog import Catalog
from knowledge.store.store import Store


def respond(store: Store, q: Query, reports: Catalog, limits: tuple[float, float] | None = None) -> Answer:
    """The answer to a question about one figure, a chat message or a report's overview."""
    r = q.reading
    if r.intent == "chat":
        return Answer("not_found", r, note=help_text(reports, r.question))
    chosen, why = _select(q, reports)
    if not chosen:
        return Answer("not_found", r, note=why + " " + reports.known() if not r.agencies else why)
    if r.intent == "overview":
        return _overview(store, q, chosen, reports)
    answer = find_fact(store, q, chosen, reports, reports.by_id, limits)
    if q.moved and answer.best is not None:
        answer = replace(answer, note=f"{q.moved}按它最新的{answer.best.report.year}年回答。")
    return answer


def _latest(reports: list[ReportInfo]) -> list[ReportInfo]:
    """The newest report of each place (agencies sharing a place count as one)."""
    best: dict[str, ReportInfo] = {}
    for r in reports:
        key = group_key(r.agency)
        if key not in best or (r.year or 0) > (best[key].year or 0):
            best[key] = r
    return list(best.values())


def _select(q: Query, reports: Catalog) -> tuple[list[ReportInfo], str]:
    """The reports a question is about, or ([], why not) when none fits."""
    r = q.reading
    named = bool(r.agencies)
    if not named and (count := reports.too_many_to_search()):
        return [], f"问的是哪个机关？已收录 {count} 个机关的年报，请在问题里写上机关名。"
    pool = reports.of(r.agencies) if named else list(reports)
    if r.year is None:
        return _latest(pool), ""
    chosen = [x for x in pool if x.year == r.year]
    if not chosen and named:
        chosen = reports.of_year(q.group, r.year)
    if chosen:
        return chosen, ""
    if named:
        parts = [f"「{a}」只有 {'、'.join(str(y) for y in reports.years_of(a))} 年的年报" for a in r.agencies]
        return [], f"没有{r.year}年的年报：" + "；".join(parts) + "。"
    years = reports.years
    return [], f"没有任何机关{r.year}年的年报，已有年份：{'、'.join(map(str, years))}。"


def _overview(store: Store, q: Query, chosen: list[ReportInfo], reports: Catalog) -> Answer:
    """The card of the one report asked about (the main publisher's when a place has several)."""
    report = max(chosen, key=lambda x: (reports.series_of(x.agency), x.year or 0))
    points = card(store.facts_of([report.id]), report)
    if not points:
        return Answer("not_found", q.reading, note=f"{report.title}里没有找到表三、表四的汇总数字。")
    return Answer("answered", q.reading, points=tuple(points), note=f"{report.title}概况：")
