"""在选定的报告里找一个问题的数字：概念选候选、打分排序、决定（见 decide）。

Used for fact questions and, one report at a time, for every point of a series, a comparison or
a ranking, so each point is chosen exactly as a single question would choose it.
"""
from __future__ import annotations

from collections.abc import Mapping

from knowledge.answer.concept_match import covers, joint, own_words_cover, rank_key, required
from knowledge.answer.decide import decide, no_cover
from knowledge.answer.matcher import MIN_SCORE, rank, unit_clash
from knowledge.answer.unreadable import unreadable
from knowledge.model import Answer, Query, ReportInfo
from knowledge.store.catalog import Catalog
from knowledge.store.store import Store


def find_fact(store: Store, q: Query, chosen: list[ReportInfo], reports: Catalog,
              by_id: Mapping[int, ReportInfo], limits: tuple[float, float] | None = None) -> Answer:
    """The answer to `q` from the `chosen` reports (answered, ambiguous or not_found); a row
    whose printed digits could not be split is said plainly (knowledge.answer.unreadable)."""
    answer = _find(store, q, chosen, reports, by_id, limits)
    if answer.status != "answered":
        return unreadable(q, chosen) or answer
    return answer


def _find(store: Store, q: Query, chosen: list[ReportInfo], reports: Catalog,
          by_id: Mapping[int, ReportInfo], limits: tuple[float, float] | None = None) -> Answer:
    r = q.reading
    ids = [x.id for x in chosen]
    if len(ids) > 40:
        ids = store.reports_matching(q.tokens, ids, limit=40)
    facts = store.facts_of(ids)
    name, part = q.body
    if part:  # a body with no report of its own: only what these reports say about it
        facts = [f for f in facts if part in f.fact.label + f.fact.quote + "".join(f.fact.section)]
        if not facts:
            owners = "、".join(dict.fromkeys(x.agency for x in chosen))
            return Answer("not_found", r, note=f"没有「{name}」的年报；{owners}的年报里也没有说到它的这个数字。")
    need = required(q.concepts)
    covering = [f for f in facts if covers(f.fact, need) and not joint(f.fact, need)] if need else facts
    if need and covering and all(f.fact.kind == "table" and not own_words_cover(f.fact, need) for f in covering):
        need, covering = frozenset(), facts  # only implied (every 表二 cell is 主动公开): the score decides
    ranked = rank(covering, q.tokens, r.measure, r.normalized, r.unit, r.year, overlap=not need)
    if need and not ranked:
        return no_cover(q, rank(facts, q.tokens, r.measure, r.normalized, r.unit, r.year), by_id, chosen)
    # equal figures from two bodies of one place (平潭县 / 平潭综合实验区): the place's main
    # publisher, the one with the longest series of reports, comes first
    series = reports.series_of if len(r.agencies) > 1 else (lambda _agency: 0)
    ranked.sort(key=lambda s: (rank_key(s.item.fact, q.concepts, r.normalized, unit_clash(r.unit, s.item.fact.unit))
                               if need else (),
                               -round(s.score, 6), s.item.fact.kind != "text",
                               -series(by_id[s.item.report_id].agency)))
    if not ranked or (not need and ranked[0].score < MIN_SCORE):
        where = "、".join(sorted({x.title for x in chosen})[:3])
        return Answer("not_found", r, note=f"在{where}中没有找到与「{r.measure or r.question}」相符的数字。")
    return decide(q, ranked, by_id, reports, gated=bool(need), limits=limits)
