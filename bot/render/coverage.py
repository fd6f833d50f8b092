"""The loaded reports as agencies × years: one grid for `reportbot reports --coverage` and /coverage."""
from __future__ import annotations

from collections.abc import Sequence

from knowledge import ReportInfo


def coverage_grid(rows: Sequence[ReportInfo]) -> str:
    """Agencies × years as an aligned text grid (● a report, · none), with a closing count."""
    lines = coverage_lines(rows)
    return "\n".join([*lines, coverage_summary(rows)])


def coverage_lines(rows: Sequence[ReportInfo], years: Sequence[int] = (), width: int = 0) -> list[str]:
    """The grid's header line, then one line per agency (sorted). When rows are one page of
    agencies, `years` (every loaded year) and `width` (the longest agency name) keep every page's
    columns the same; by default they come from `rows`."""
    years = sorted(years or {r.year for r in rows if r.year})
    agencies = sorted({r.agency for r in rows})
    have = {(r.agency, r.year) for r in rows}
    width = width or max((len(a) for a in agencies), default=4)

    def pad(text: str) -> str:
        return text + "　" * (width - len(text))  # full-width padding keeps Chinese aligned

    lines = [pad("机关") + " " + " ".join(str(y) for y in years)]
    for agency in agencies:
        marks = " ".join(("  ● " if (agency, y) in have else "  · ") for y in years)
        lines.append(pad(agency) + marks)
    return lines


def coverage_summary(rows: Sequence[ReportInfo]) -> str:
    """「N 个机关，M 份年报，K 个年份。」 of these rows."""
    return summary_line(len({r.agency for r in rows}), len(rows), len({r.year for r in rows if r.year}))


def summary_line(agencies: int, reports: int, years: int) -> str:
    """「N 个机关，M 份年报，K 个年份。」"""
    return f"{agencies} 个机关，{reports} 份年报，{years} 个年份。"
