"""给候选事实打分（rapidfuzz + 结构）：标签词覆盖、精确标签、列、单位、章节。

Exact and near-exact label matches beat loose fuzzy ones: a label whose own words appear
verbatim in the question gets a bonus that grows with their length, and the character
similarity only counts when the shorter side has at least two characters, so a single shared
character is never a match.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from rapidfuzz import fuzz

from knowledge.facts.table_templates import TOP_NEW
from knowledge.model import Fact
from knowledge.text.normalize import normalize_text
from knowledge.store.store import StoredFact
from knowledge.text.synonyms import COLUMN_HINTS
from knowledge.text.tokenize import canonical_tokens

_NUMBERING = re.compile(r"^\s*(?:[（(][一二三四五六七八九十\d]+[）)]|[一二三四五六七八九十]+、|\d+[.、．])\s*")
_UNIT_FAMILIES = ({"件", "次", "个", "项", "小项", "宗", "起"}, {"场", "场次", "次"}, {"条", "篇", "份", "则", "期"}, {"人", "人次", "名"},
                  {"万元", "元", "亿元"}, {"%"}, {"万条", "条"}, {"万人次", "人次"}, {"万次", "次"})
_CUMULATIVE = re.compile(r"累计|历年|总数量|截至")
_YEARS = re.compile(r"(?:19|20)\d{2}")
_OTHER_NUMBER = re.compile(r"\d+(?:\.\d+)?(?!\d|\s*年)")

_APPLICANT_COLUMNS = COLUMN_HINTS - {"总计"}
"""Column words that name one applicant column of 表三."""
_QUALIFIERS = _APPLICANT_COLUMNS | {"维持", "纠正", "尚未审结", "直接起诉", "复议后起诉", "历年", "累计"}
"""Words that pick one cell among siblings; a fact that lacks one the question names is worse."""

MIN_SCORE = 0.42
"""Below this, a fact does not answer the question."""


@dataclass(frozen=True)
class Scored:
    """A candidate fact with its score."""

    score: float
    item: StoredFact


def _weight(token: str) -> float:
    return float(min(len(token), 4))


def leaf(fact: Fact) -> str:
    """The words that name a fact most specifically: the row's last label (plus a named
    column) for a cell, the label for prose; numbering such as （一） and 1. removed."""
    if fact.kind == "table":
        parts = [p for p in (fact.row[-1:] if fact.row else ()) if p]
        if not fact.primary or not fact.row or fact.table == "表四":
            parts += [c for c in fact.col[-2:] if c]
        return "".join(_NUMBERING.sub("", normalize_text(p)) for p in parts)
    return normalize_text(fact.label)


def _coverage(q: Iterable[str], have: set[str]) -> float:
    q = list(q)
    total = sum(_weight(t) for t in q)
    return sum(_weight(t) for t in q if t in have) / total if total else 0.0


def unit_clash(asked: str, unit: str) -> bool:
    """True when the question asks in one unit and the fact counts in an unrelated one (条 vs 件)."""
    return _unit_score(asked, unit) < 0


def _unit_score(asked: str, unit: str) -> float:
    if not asked or not unit:
        return 0.0
    if asked == unit:
        return 0.08
    if any(asked in fam and unit in fam for fam in _UNIT_FAMILIES):
        return 0.0
    return -0.4


def head_tokens(measure: str) -> frozenset[str]:
    """The head noun's tokens: in 「因…申请引发的行政复议」 what is counted is the part after the
    last 的 that has words (「行政复议」); empty when the measure has no 的."""
    pieces = measure.split("的")
    if len(pieces) < 2:
        return frozenset()
    for piece in reversed(pieces):
        found = canonical_tokens(piece)
        if found:
            return frozenset(found)
    return frozenset()


def score_fact(item: StoredFact, tokens: tuple[str, ...], measure: str, question: str,
               unit: str, year: int | None, head: frozenset[str] = frozenset()) -> float:
    """How well one fact answers the question, roughly 0..1.3."""
    fact = item.fact
    if not tokens:
        return 0.0
    have = set(item.label_tokens)
    sec = set(item.section_tokens)
    qset = set(tokens)
    cov = _coverage(tokens, have)
    cov_sec = _coverage([t for t in tokens if t not in have], sec)
    name = leaf(fact)
    core = canonical_tokens(name)
    prec = _coverage(core, qset) if core else 0.0
    shorter = min(len(name), len(measure))
    char = fuzz.partial_ratio(measure, name) / 100 * min(1.0, shorter / max(len(measure), 1)) if shorter >= 2 else 0.0
    heading = set(canonical_tokens(fact.section[-1])) if fact.section else set()
    score = 0.45 * cov + 0.12 * cov_sec + 0.2 * prec + 0.2 * char + 0.1 * _coverage(tokens, heading)
    if len(name) >= 2 and name in measure:
        score += 0.12 + 0.015 * min(len(name), 12)
    if fact.kind == "table" and fact.row:
        row_tokens = set(canonical_tokens(fact.row[-1]))
        if row_tokens and not row_tokens & qset and qset - have - sec:
            score -= 0.15  # the question names another row (规范性文件, not 规章)
    if fact.table == "表三" and fact.row[:1] == (TOP_NEW,) and qset & _APPLICANT_COLUMNS:
        score += 0.03  # an applicant column asked without a row: the year's new applications
    if fact.kind == "table":
        col_tokens = set(canonical_tokens("".join(fact.col[-1:])))
        named = bool(col_tokens & qset)
        if fact.table != "表四" and fact.row:
            if not fact.primary and not named:
                score -= 0.35
            elif named:
                score += 0.1
            if fact.primary and not named and (qset & _APPLICANT_COLUMNS):
                score -= 0.25
    else:
        score += 0.08  # the figure the report states in words is preferred over a table cell
    score -= 0.12 * len((qset & _QUALIFIERS) - have)
    score -= 0.08 * len(head - have)
    if "其他" in name and "其他" not in measure:
        score -= 0.3  # 「其他应主动公开政府信息856条」 is the remainder, not the total asked for
    score += _unit_score(unit, fact.unit)
    if _CUMULATIVE.search(fact.label) and not _CUMULATIVE.search(measure):
        score -= 0.1
    if fact.kind == "text" and _OTHER_NUMBER.search(fact.label):
        score -= 0.04
    label_years = {int(y) for y in _YEARS.findall(fact.label)}
    if year is not None and label_years:
        score += 0.03 if year in label_years else -0.1
    return score


def rank(items: Iterable[StoredFact], tokens: tuple[str, ...], measure: str, question: str,
         unit: str = "", year: int | None = None, overlap: bool = True) -> list[Scored]:
    """All candidates that share at least one measure token (any candidate when `overlap` is
    False: the concepts chose them), best first."""
    qset = set(tokens)
    head = head_tokens(measure) & qset
    out = []
    for item in items:
        if overlap and not (qset & (set(item.label_tokens) | set(item.section_tokens))):
            continue
        out.append(Scored(score_fact(item, tokens, measure, question, unit, year, head), item))
    out.sort(key=lambda s: (-s.score, s.item.fact.kind != "text"))
    return out
