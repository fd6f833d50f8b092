"""对比：两个（机关，年份）各引出处，给出带符号的差值（后者 − 前者）和变化百分比。"""
from __future__ import annotations

from knowledge.model import Answer, Derived, Fact, FoundFact, Query
from knowledge.store.catalog import Catalog
from knowledge.store.store import Store


def _label(found: FoundFact) -> str:
    f = found.fact
    return f"{f.value}{f.unit}"


def _signed(value: float) -> str:
    text = f"{value:+.6f}".rstrip("0").rstrip(".")
    return "+0" if text in ("+", "-", "+0", "-0") else text


def comparison(store: Store, q: Query, sides: list[tuple[str, int]], reports: Catalog,
               find) -> Answer:  # noqa: ANN001
    """Two (agency, year) sides: each cited, the signed difference (second − first) and the change in %."""
    mq = q.plan.measured
    found: list[FoundFact] = []
    for agency, year in sides:
        chosen = reports.of_year([agency], year)
        got = find(chosen, mq.in_year(year)) if chosen else None
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
