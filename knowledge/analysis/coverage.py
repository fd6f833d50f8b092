"""覆盖：收录了哪些年报，每个机关有哪些年份、缺哪些年份。"""
from __future__ import annotations

from collections.abc import Iterable

from knowledge.model import Answer, Fact, FoundFact, Query
from knowledge.store.catalog import Catalog


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
