"""回答一个问题：选报告、给事实打分、决定 answered / ambiguous / not_found。"""
from __future__ import annotations

import gc
from dataclasses import replace as dc_replace

from datetime import date

from knowledge.names.agencies import ORG_SUFFIXES, group_key
from knowledge.understand.agency_index import AgencyIndex
from knowledge.analysis.dispatch import analyse
from knowledge.store.catalog import Catalog
from knowledge.answer.chat import help_text
from knowledge.answer.find import find_fact
from knowledge.understand.intent import ANALYSIS
from knowledge.model import Answer, Reading, ReportInfo
from knowledge.answer.overview import card
from knowledge.names.places import gazetteer
from knowledge.understand.query import Query, follow_up, parse
from knowledge.store.store import Store
from knowledge.text.tokenize import template_words, vocabulary
from knowledge.understand.speller import Speller


def _index(store: Store) -> tuple[Catalog, AgencyIndex, Speller]:
    """The store's reports, agency index and speller: SQLite look-ups with bounded caches, so
    their size does not grow with the corpus; rebuilt when the store notices a load."""
    cached = store.cache.get("index")
    if cached is None:
        reports = store.catalog()
        places = gazetteer() if reports else None
        index = AgencyIndex(gazetteer=places, db=store.db.conn)
        words = vocabulary() | template_words() | set(ORG_SUFFIXES)
        speller = Speller.of(words, keep=(lambda t: bool(places.lookup(t))) if places else None, more=index)
        cached = (reports, index, speller)
        store.cache["index"] = cached
        gc.freeze()  # what the index holds lives as long as the process: keep it out of GC passes
    return cached


def _latest(reports: list[ReportInfo]) -> list[ReportInfo]:
    """The newest report of each place (agencies sharing a place count as one)."""
    best: dict[str, ReportInfo] = {}
    for r in reports:
        key = group_key(r.agency)
        if key not in best or (r.year or 0) > (best[key].year or 0):
            best[key] = r
    return list(best.values())


def _known(reports: Catalog) -> str:
    agencies, count = reports.some_agencies(8)
    shown = "、".join(f"{a}（{'、'.join(str(y) for y in reports.years_of(a))}年）" for a in agencies)
    more = f"等 {count} 个机关" if count > 8 else ""
    return f"已收录：{shown}{more}。"


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


def ask(store: Store, question: str, today: date | None = None, previous: Reading | None = None,
        limits: tuple[float, float] | None = None) -> Answer:
    """Answer one question from the loaded reports (`previous`: the chat's last reading; `limits`:
    (max unexplained, min leaf cover) other than the fitted ones, for calibration)."""
    store.refresh()  # a `load --replace` from another process swapped the file: read the new one
    reports, index, speller = _index(store)
    q = parse(question, index, today, speller)
    if previous is not None:
        q = follow_up(q, previous, index)
    q, moved = _latest_for_new_agency(q, reports)
    r = q.reading
    if not question.strip():
        return Answer("not_found", r, note="请输入一个问题，例如「2024年晋江依申请公开多少件」。")
    if r.intent == "chat":
        return Answer("not_found", r, note=help_text(reports, question))
    if not reports:
        return Answer("not_found", r, note="还没有加载任何年报。")
    if r.unknown_place and not r.agencies:
        return Answer("not_found", r, note=f"没有「{r.unknown_place}」的年报。" + _known(reports))
    departments = index.departments_only(r.normalized) if not r.agencies else ()
    if departments:
        return Answer("not_found", r, note=f"只收录了{'、'.join(departments)}的年报，部门的数字不能代替"
                      f"整个机关回答；请问部门的数字时写上部门名。" + _known(reports))
    if r.unknown_place:
        return Answer("not_found", r, note=f"没有「{r.unknown_place}」的年报；{'、'.join(r.agencies)}的年报"
                      f"不能代替它回答。" + _known(reports))
    if r.intent == "overview" and not r.agencies:
        return Answer("not_found", r, note="想了解哪个机关的年报概况？请写上机关名。" + _known(reports))
    by_id = reports.by_id
    if r.intent in ANALYSIS:  # chooses its own reports: several years or agencies
        return analyse(store, q, index, reports, by_id)
    chosen, why = _select(q, reports)
    if not chosen:
        return Answer("not_found", r, note=why + " " + _known(reports) if not r.agencies else why)
    if r.intent == "overview":
        return _overview(store, q, chosen, reports)
    answer = find_fact(store, q, chosen, reports, by_id, limits)
    if moved and answer.best is not None:
        answer = dc_replace(answer, note=f"{moved}没有{previous.year if previous else ''}年的年报，"
                            f"按它最新的{answer.best.report.year}年回答。")
    return answer


def _latest_for_new_agency(q: Query, reports: Catalog) -> tuple[Query, str]:
    """A follow-up naming another agency (「鲤城区呢」) keeps the year asked before; when that agency
    has no report for it, its latest year is used instead, with a note (the moved agency's name)."""
    r = q.reading
    if not q.carried_year or not r.agencies or reports.of_year(r.agencies, r.year):
        return q, ""
    if not reports.of(r.agencies):
        return q, ""
    return dc_replace(q, reading=dc_replace(r, year=None)), "、".join(r.agencies)


def _overview(store: Store, q: Query, chosen: list[ReportInfo], reports: Catalog) -> Answer:
    """The card of the one report asked about (the main publisher's when a place has several)."""
    report = max(chosen, key=lambda x: (reports.series_of(x.agency), x.year or 0))
    points = card(store.facts_of([report.id]), report)
    if not points:
        return Answer("not_found", q.reading, note=f"{report.title}里没有找到表三、表四的汇总数字。")
    return Answer("answered", q.reading, points=tuple(points), note=f"{report.title}概况：")


