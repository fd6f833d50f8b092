"""分析类回答的文字：历年、对比、排名、比率、覆盖，每个数字都带出处（CLI、控制台、Telegram 共用）。"""
from __future__ import annotations

import unicodedata

from knowledge import SEP, Answer, FoundFact


def width(text: str) -> int:
    """Columns `text` takes in a terminal: CJK and full-width characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def aligned(rows: list[list[str]], sep: str = " ") -> list[str]:
    """Rows of cells as lines whose columns line up (every column but the last padded to its widest cell)."""
    if not rows:
        return []
    widths = [max(width(row[i]) for row in rows) for i in range(len(rows[0]) - 1)]
    return [sep.join([*(c + " " * (w - width(c)) for c, w in zip(row, widths)), row[-1]]) for row in rows]


def _fig(found: FoundFact) -> str:
    f = found.fact
    return f"{f.value}{f.unit}" + ("（约数）" if f.approx else "")


def _where(found: FoundFact) -> str:
    return found.fact.label if found.fact.kind == "table" else f"{found.fact.label}（{SEP.join(found.fact.section[-1:])}）"


def _change(prev: FoundFact, this: FoundFact) -> str:
    a, b = prev.fact.number, this.fact.number
    if a is None or b is None:
        return ""
    d = b - a
    return f"（{'+' if d >= 0 else ''}{d:g}）"


def _warnings(points: tuple[FoundFact, ...]) -> list[tuple[str, str]]:
    seen: list[str] = []
    for p in points:
        for w in p.fact.warnings:
            line = f"⚠ {p.report.agency} {p.report.year}年：{w}"
            if line not in seen:
                seen.append(line)
    return [("warn", w) for w in seen[:3]]


def analysis_parts(answer: Answer) -> list[tuple[str, str]]:
    """(style, text) lines for an answered series, comparison, ranking, rate or coverage."""
    r, points, kind = answer.reading, answer.points, answer.intent
    lines: list[tuple[str, str]] = []
    if kind == "series":
        lines.append(("bold", f"{points[0].report.agency}「{r.measure}」历年（{len(points)} 个年份）"))
        rows = [[f"{p.report.year}年", f"{_fig(p)}{_change(points[i - 1], p) if i else ''}", f"— {_where(p)}"]
                for i, p in enumerate(points)]
        lines += [("plain", line) for line in aligned(rows)]
    elif kind == "comparison" and answer.derived is not None:
        d = answer.derived
        lines.append(("bold", f"{d.value}{d.unit}（{d.formula}）"))
        lines += [("plain", f"· {p.report.agency} {p.report.year}年 {_fig(p)} — {_where(p)}") for p in points]
    elif kind == "ranking":
        year = points[0].report.year if len({p.report.year for p in points}) == 1 else "最新"
        lines.append(("bold", f"{year}年「{r.measure}」排名"))
        rows = [[f"{i}.", p.report.agency, _fig(p), f"— {_where(p)}"] for i, p in enumerate(points, 1)]
        lines += [("plain", line) for line in aligned(rows)]
    elif kind == "rate" and answer.derived is not None and answer.best is not None:
        d, best = answer.derived, answer.best
        lines.append(("bold", f"{d.value}%（{best.report.agency} {best.report.year}年{d.name}）"))
        lines.append(("plain", f"公式：{best.fact.quote}"))
        lines += [("plain", f"· {_fig(p)} — {p.fact.label}") for p in points]
        lines.append(("plain", "出处：" + best.report.title))
    elif kind == "coverage":
        lines.append(("bold", f"已收录的年报（{len(points)} 份）"))
    if answer.note and kind != "rate":
        lines += [("plain", line) for line in answer.note.splitlines()]
    lines += _warnings(points)
    return lines
