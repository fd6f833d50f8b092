"""一份报告的概况卡片：要点由 data/overview.txt 决定，每个要点都是可引用的事实。"""
from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache
from knowledge.datafile import data_rows, data_text

from knowledge.answer.matcher import MIN_SCORE, rank
from knowledge.model import SEP, Fact, FoundFact, ReportInfo
from knowledge.text.normalize import normalize_text
from knowledge.store.store import StoredFact
from knowledge.text.tokenize import canonical_tokens

_SOURCES = ("表三", "表四", "表三合计", "文字")


@dataclass(frozen=True)
class Headline:
    """One line of the card: what to show and where it comes from."""

    name: str
    source: str
    row: str
    col: str


def parse_headlines(text: str) -> tuple[Headline, ...]:
    """The card's lines from the data file's text; a bad line raises ValueError with its number."""
    out = []
    for n, parts in data_rows(text):
        if len(parts) != 4 or parts[1] not in _SOURCES or not parts[0]:
            raise ValueError(f"overview.txt line {n}: expected '显示名 | 来源 | 行 | 列'")
        out.append(Headline(*parts))
    return tuple(out)


@lru_cache(maxsize=1)
def headlines() -> tuple[Headline, ...]:
    """The lines of knowledge/data/overview.txt, read once."""
    return parse_headlines(data_text("overview.txt"))


def _row_is(fact: Fact, row: str) -> bool:
    return bool(fact.row) and normalize_text(fact.row[-1]) == normalize_text(row)


def _cell(items: list[StoredFact], h: Headline) -> StoredFact | None:
    table = h.source[:2]
    for item in items:
        f = item.fact
        if f.kind == "table" and f.table == table and SEP.join(f.col) == h.col and f.value \
                and (_row_is(f, h.row) if h.row else not f.row):
            return item
    return None


def _group_sum(items: list[StoredFact], h: Headline) -> Fact | None:
    parts = [i.fact for i in items if i.fact.table == "表三" and len(i.fact.row) >= 3
             and normalize_text(i.fact.row[-2]) == normalize_text(h.row) and SEP.join(i.fact.col) == h.col]
    if not parts or any(p.number is None for p in parts):
        return None
    total = sum(p.number or 0 for p in parts)
    value = str(int(total)) if total == int(total) else f"{total:g}"
    label = f"{h.row} › 各小项合计"
    return Fact(value=value, unit=parts[0].unit, label=label, section=parts[0].section,
                quote=f"表三 › {h.row} › {len(parts)} 个小项的{h.col}之和", kind="table", number=total,
                table="表三", row=parts[0].row[:-1], col=parts[0].col)


def _prose(items: list[StoredFact], h: Headline) -> StoredFact | None:
    measure = normalize_text(h.row)
    ranked = rank([i for i in items if i.fact.kind == "text"], canonical_tokens(measure), measure, measure)
    return ranked[0].item if ranked and ranked[0].score >= MIN_SCORE else None


def card(items: list[StoredFact], report: ReportInfo) -> list[FoundFact]:
    """The card's facts for one report, in the data file's order, each labelled with its line's name."""
    out: list[FoundFact] = []
    for h in headlines():
        if h.source == "表三合计":
            fact = _group_sum(items, h)
            if fact is not None:
                out.append(FoundFact(fact=replace(fact, label=h.name), report=report, score=1.0))
            continue
        item = _prose(items, h) if h.source == "文字" else _cell(items, h)
        if item is not None:
            out.append(FoundFact(fact=replace(item.fact, label=h.name), report=report, score=1.0,
                                 fact_id=item.fid))
    return out
