"""比率：公开率、办结率、不予公开率、复议纠错率、诉讼纠错率，按 data/rates.txt 的公式
（knowledge.understand.rates）从表三、表四的单元格计算；每个运算数都引出处，运算数带的勾稽警告也带到比率上。"""
from __future__ import annotations

from knowledge.model import SEP, Answer, Derived, Fact, FoundFact, Query, Rate, ReportInfo
from knowledge.store.fact_rows import StoredFact
from knowledge.text.lexicon import concept_ids


def _cells(items: list[StoredFact], table: str, row: str, col: str) -> list[StoredFact]:
    group = row.endswith("/*")
    row = row.removesuffix("/*")
    out = []
    for item in items:
        f = item.fact
        if f.kind != "table" or f.table != table or f.number is None:
            continue
        cols = set(concept_ids(SEP.join(f.col)))
        if col not in cols:
            continue
        if table == "表四":
            ok = row in cols
        elif group:
            ok = len(f.row) >= 2 and row in concept_ids(f.row[-2]) and row not in concept_ids(f.row[-1])
        else:
            ok = bool(f.row) and row in concept_ids(f.row[-1])
        if ok:
            out.append(item)
    return out if group else out[:1]


def _side(items: list[StoredFact], terms) -> tuple[float, list[StoredFact]] | None:  # noqa: ANN001
    total, used = 0.0, []
    for sign, table, row, col in terms:
        cells = _cells(items, table, row, col)
        if not cells:
            return None
        total += sign * sum(c.fact.number or 0 for c in cells)
        used += [c for c in cells if c not in used]
    return total, used


def compute(rate: Rate, items: list[StoredFact], report: ReportInfo, q: Query) -> Answer:
    """The rate of one report: value, formula, operands cited, warnings carried."""
    top, bottom = _side(items, rate.numerator), _side(items, rate.denominator)
    if top is None or bottom is None:
        return Answer("not_found", q.reading, note=f"{report.title}的表三、表四里缺少计算{rate.name}所需的单元格。")
    operands = [c for c in top[1] + bottom[1]]
    operands = list(dict.fromkeys(operands))
    points = tuple(FoundFact(fact=c.fact, report=report, score=1.0, fact_id=c.fid) for c in operands)
    if bottom[0] == 0:
        return Answer("not_found", q.reading, points=points,
                      note=f"{report.title}：{rate.name}的分母为 0（{rate.formula}），无法计算。")
    value = f"{top[0] / bottom[0] * 100:.1f}"
    warnings = tuple(dict.fromkeys(w for c in operands for w in c.fact.warnings))
    fact = Fact(value=value, unit="%", label=rate.name, section=(), kind="derived", number=float(value),
                quote=f"{rate.formula} = {top[0]:g} / {bottom[0]:g} × 100", warnings=warnings)
    best = FoundFact(fact=fact, report=report, score=1.0)
    note = f"{report.agency}{report.year}年{rate.name} {value}%：{rate.formula} = {top[0]:g} / {bottom[0]:g} × 100。"
    return Answer("answered", q.reading, best=best, points=points, note=note,
                  derived=Derived(rate.name, rate.formula, value, "%"))
