"""决定 answered / ambiguous：同分的不同数字要问回去；按概念选出的答案还要有把握（confidence）。"""
from __future__ import annotations

from collections.abc import Mapping

from knowledge.answer.concept_match import in_context, is_part, rank_key, required
from knowledge.answer.confidence import confident, covered, score_only_check, unexplained
from knowledge.answer.matcher import MIN_SCORE, Scored, unit_clash
from knowledge.model import Answer, FoundFact, Query, ReportInfo
from knowledge.names.agencies import group_key
from knowledge.store.catalog import Catalog
from knowledge.text.lexicon import concept

AMBIGUOUS_MARGIN = 0.015
"""Two different figures within this score of each other are asked back about."""
MAX_ALTERNATIVES = 5
MAX_PARTS = 10
"""An ask-back about a group's parts lists all of them (表三 has at most 8 items a group)."""


def found(s: Scored, by_id: Mapping[int, ReportInfo]) -> FoundFact:
    return FoundFact(fact=s.item.fact, report=by_id[s.item.report_id], score=round(s.score, 4), fact_id=s.item.fid)



def no_cover(q: Query, ranked: list[Scored], by_id: Mapping[int, ReportInfo], chosen: list[ReportInfo]) -> Answer:
    """No fact names everything asked: never an answer; the closest figures, if any, to pick from."""
    r = q.reading
    need = required(q.concepts)
    names = "、".join(concept(c).name for c in dict.fromkeys(in_context(q.concepts)) if c in need)  # as asked
    close = [s for s in ranked if s.score >= MIN_SCORE][:MAX_ALTERNATIVES]
    where = "、".join(sorted({x.title for x in chosen})[:3])
    if not close:
        return Answer("not_found", r, note=f"在{where}中没有找到「{names}」的数字。")
    return Answer("ambiguous", r, best=found(close[0], by_id), alternatives=tuple(found(s, by_id) for s in close),
                  note=f"没有找到正好是「{names}」的数字，下面几个相近，问的是哪一个？",
                  options=tuple(s.item.fact.label for s in close))


def _rank_key(s: Scored, q: Query) -> tuple:
    return rank_key(s.item.fact, q.concepts, q.reading.normalized, unit_clash(q.reading.unit, s.item.fact.unit))


def decide(q: Query, ranked: list[Scored], by_id: Mapping[int, ReportInfo], reports: Catalog,
           gated: bool = False, limits: tuple[float, float] | None = None) -> Answer:
    """The answer from ranked candidates (best first). `gated`: the candidates were chosen by the
    question's concepts, so any score ranks them, and the best must still explain the question."""
    r = q.reading
    best = ranked[0]
    floor = -1e9 if gated else max(MIN_SCORE, best.score * 0.5)
    good = [s for s in ranked if s.score >= floor]
    alts = distinct(good[1:], best)[:MAX_ALTERNATIVES]
    agencies = {by_id[s.item.report_id].agency for s in good[:5]}
    if not r.agencies and len({group_key(a) for a in agencies}) > 1:
        per_agency: dict[str, Scored] = {}
        for s in good:
            per_agency.setdefault(by_id[s.item.report_id].agency, s)
        cands = list(per_agency.values())[:MAX_ALTERNATIVES]
        return Answer("ambiguous", r, best=found(best, by_id),
                      alternatives=tuple(found(s, by_id) for s in cands),
                      note="问的是哪个机关？", options=tuple(per_agency)[:MAX_ALTERNATIVES])
    if gated and is_part(best.item.fact, q.concepts):
        return _parts(q, ranked, by_id)
    level = _rank_key(best, q) if gated else None
    ties = [s for s in alts if best.score - s.score <= AMBIGUOUS_MARGIN and s.item.report_id == best.item.report_id
            and s.item.fact.kind == best.item.fact.kind and (not gated or _rank_key(s, q) == level)]
    if any(s.item.fact.value != best.item.fact.value for s in ties):
        cands = [best, *ties]
        return Answer("ambiguous", r, best=found(best, by_id),
                      alternatives=tuple(found(s, by_id) for s in cands[:MAX_ALTERNATIVES]),
                      note="有几个数字都符合，问的是哪一个？",
                      options=tuple(s.item.fact.label for s in cands[:MAX_ALTERNATIVES]))
    weight = unexplained(best.item, r.measure) if gated else None
    missing, share = ((), None) if gated else score_only_check(best.item, q.tokens)
    sure = confident(weight, limits and limits[0]) if weight is not None else \
        not missing and covered(share or 0.0, limits and limits[1])
    sure = sure and not unit_clash(r.unit, best.item.fact.unit)
    if not sure:
        cands = [best, *alts][:MAX_ALTERNATIVES]
        note = f"没有认出「{'、'.join(missing)}」。" if missing else ""
        return Answer("ambiguous", r, best=found(best, by_id), alternatives=tuple(found(s, by_id) for s in cands),
                      note=note + "不太确定问的是不是这个数字，请选择：", options=tuple(s.item.fact.label for s in cands),
                      unexplained=weight, leaf_cover=share)
    note = ""
    if r.year is None:
        report = by_id[best.item.report_id]
        others = [y for y in reports.group_years(report.agency) if y != report.year]
        if others:
            note = f"未指明年份，按最新的{by_id[best.item.report_id].year}年回答；另有{'、'.join(map(str, others))}年。"
    return Answer("answered", r, best=found(best, by_id), alternatives=tuple(found(s, by_id) for s in alts),
                  note=note, unexplained=weight, leaf_cover=share)


def _parts(q: Query, ranked: list[Scored], by_id: Mapping[int, ReportInfo]) -> Answer:
    """The group asked for has no cell of its own: list every part (same report, same columns)
    and their sum, never one part as the answer."""
    best = ranked[0]
    parts = [s for s in ranked if s.item.report_id == best.item.report_id and s.item.fact.col == best.item.fact.col
             and s.item.fact.row[:-1] == best.item.fact.row[:-1] and is_part(s.item.fact, q.concepts)]
    parts.sort(key=lambda s: s.item.fact.row)
    parts = parts[:MAX_PARTS]
    group = best.item.fact.row[-2]
    note = f"表中没有「{group}」本身的数字，只有它的 {len(parts)} 个小项"
    numbers = [s.item.fact.number for s in parts]
    if parts and all(n is not None for n in numbers):
        total = sum(n for n in numbers if n is not None)
        note += f"（相加为 {total:g}{best.item.fact.unit}）"
    return Answer("ambiguous", q.reading, best=found(best, by_id), alternatives=tuple(found(s, by_id) for s in parts),
                  note=note + "，问的是哪一项？", options=tuple(s.item.fact.row[-1] for s in parts))


def distinct(items: list[Scored], best: Scored) -> list[Scored]:
    """Candidates without repeats of the same figure in the same place."""
    seen = {(best.item.fact.value, best.item.fact.label)}
    out = []
    for s in items:
        key = (s.item.fact.value, s.item.fact.label)
        if key not in seen:
            seen.add(key)
            out.append(s)
    return out
