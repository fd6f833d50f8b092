"""图表：历年数字画折线，排名画横条（PNG，中文标签用 mplfonts 包自带的思源黑体，不依赖系统字体）。

The chart only draws figures the answer already cites; the caption (the reply text) carries the
citations. Matplotlib is imported when a chart is drawn, never at start-up.
"""
from __future__ import annotations

import importlib.util
import io
from functools import lru_cache
from pathlib import Path

from knowledge import Answer

CHART_INTENTS = frozenset({"series", "ranking"})
MAX_BARS = 20


@lru_cache(maxsize=1)
def font_path() -> Path:
    """The CJK font shipped in the mplfonts package (Noto Sans CJK SC)."""
    spec = importlib.util.find_spec("mplfonts")
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError("mplfonts is not installed (pip install mplfonts)")
    path = Path(spec.submodule_search_locations[0]) / "fonts" / "NotoSansCJKsc-Regular.otf"
    if not path.exists():
        raise FileNotFoundError(f"{path} is missing")
    return path


def has_glyphs(text: str) -> bool:
    """True when the chart font draws every character of `text` (no empty boxes)."""
    from matplotlib.ft2font import FT2Font

    font = FT2Font(str(font_path()))
    return all(ch.isspace() or font.get_char_index(ord(ch)) != 0 for ch in text)


def wants_chart(answer: Answer) -> bool:
    """A series of two or more years, or a ranking of two or more agencies."""
    return answer.status == "answered" and answer.intent in CHART_INTENTS and len(answer.points) >= 2


def chart_title(answer: Answer) -> str:
    """「平潭综合实验区「…」历年」 for a series, 「2024年「…」排名」 for a ranking."""
    points = answer.points[:MAX_BARS]
    measure = answer.reading.measure
    if answer.intent == "series":
        return f"{points[0].report.agency}「{measure}」历年"
    year = points[0].report.year if len({p.report.year for p in points}) == 1 else "最新"
    return f"{year}年「{measure}」排名"


def chart_png(answer: Answer) -> bytes:
    """The answer's figures as a PNG: a line over the years, or bars largest first.

    Drawn on a bare Figure (no pyplot state), so charts for several users may be drawn at once.
    """
    from matplotlib.figure import Figure
    from matplotlib.font_manager import FontProperties

    font = FontProperties(fname=str(font_path()))
    points = answer.points[:MAX_BARS]
    fig = Figure(figsize=(8, 4.5), dpi=110)
    ax = fig.subplots()
    if answer.intent == "series":
        xs = [str(p.report.year) for p in points]
        ys = [p.fact.number or 0 for p in points]
        ax.plot(xs, ys, marker="o", color="#1f6feb")
        for x, y, p in zip(xs, ys, points):
            ax.annotate(f"{p.fact.value}{p.fact.unit}", (x, y), textcoords="offset points", xytext=(0, 8),
                        ha="center", fontproperties=font, fontsize=9)
        ax.set_xlabel("年份", fontproperties=font)
    else:
        names = [p.report.agency for p in points][::-1]
        values = [p.fact.number or 0 for p in points][::-1]
        bars = ax.barh(range(len(names)), values, color="#1f6feb")
        ax.set_yticks(range(len(names)))
        ax.set_yticklabels(names, fontproperties=font, fontsize=9)
        for bar, p in zip(bars, points[::-1]):
            ax.annotate(f"{p.fact.value}{p.fact.unit}", (bar.get_width(), bar.get_y() + bar.get_height() / 2),
                        textcoords="offset points", xytext=(4, 0), va="center", fontproperties=font, fontsize=9)
    ax.set_title(chart_title(answer), fontproperties=font)
    ax.spines[["top", "right"]].set_visible(False)
    fig.tight_layout()
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png")
    return buffer.getvalue()
