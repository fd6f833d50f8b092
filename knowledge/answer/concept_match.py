"""按概念选候选：问题里认出的概念（concepts.txt）必须都被答案的标签覆盖；限定词（列、平台、
结果）没问到的格子排在后面；「达到」「从」区分同一句里的起点和终点。

The concept decides the candidates (a small closed set per question); the matcher's score only
ranks inside that set. A question with no known concept is left to the score alone.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from knowledge.datafile import data_rows, data_text
from knowledge.text.lexicon import concept, concept_ids, spans
from knowledge.model import SEP, Fact

_NUMBER = re.compile(r"\d+(?:\.\d+)?")


@dataclass(frozen=True)
class Rules:
    """The rules of data/concept_rules.txt."""

    soft: frozenset[str]
    implies: dict[str, frozenset[str]]
    prefer: dict[str, frozenset[str]]
    reach: tuple[str, ...]
    start: tuple[str, ...]
    only_with: tuple[tuple[str, tuple[str, ...]], ...] = ()
    """(concept pattern, context patterns): the concept counts only beside one of the contexts."""


def parse_rules(text: str) -> Rules:
    """Rules from the data file's text; a bad line raises ValueError with its number."""
    soft: set[str] = set()
    implies: dict[str, set[str]] = {}
    prefer: dict[str, set[str]] = {}
    only_with: list[tuple[str, tuple[str, ...]]] = []
    words: dict[str, list[str]] = {"reach": [], "start": []}
    for n, parts in data_rows(text):
        if len(parts) != 3 or parts[0] not in ("soft", "implies", "prefer", "only_with", "reach", "start"):
            raise ValueError(f"concept_rules.txt line {n}: expected '规则 | 参数 | 概念、概念'")
        items = [x.strip() for x in parts[2].split("、") if x.strip()]
        if parts[0] in words:
            words[parts[0]] += items
            continue
        if parts[0] == "only_with":
            only_with += [(p.strip(), tuple(items)) for p in parts[1].split("、") if p.strip()]
            continue
        for cid in items:
            concept(cid)  # KeyError names an unknown concept
        if parts[0] == "soft":
            soft.update(items)
        else:
            (implies if parts[0] == "implies" else prefer).setdefault(parts[1], set()).update(items)
    return Rules(frozenset(soft), {k: frozenset(v) for k, v in implies.items()},
                 {k: frozenset(v) for k, v in prefer.items()},
                 tuple(sorted(words["reach"], key=len, reverse=True)), tuple(words["start"]), tuple(only_with))


@lru_cache(maxsize=1)
def rules() -> Rules:
    """data/concept_rules.txt, read once."""
    return parse_rules(data_text("concept_rules.txt"))


def _context(label: str, quote: str) -> str:
    """A prose number's words: its sentence up to the number (「微博4092条、微信1330条」: 微信
    names 1330, not 4092), or the label alone when the quote does not hold it."""
    at = quote.find(label) if label else -1
    return quote[: at + len(label)] if at >= 0 else label


@lru_cache(maxsize=8192)
def _concepts(kind: str, table: str, row: tuple[str, ...], col: tuple[str, ...], label: str,
              quote: str = "") -> frozenset[str]:
    text = SEP.join(row + col) if kind == "table" else _context(label, quote)
    found = set(concept_ids(text)) | rules().implies.get(table, frozenset())
    for cid in list(found):
        found |= rules().implies.get(cid, frozenset())
    return frozenset(found)


_JOINED = re.compile(r"\s*(?:、|和|及|与|以及|或|或者)\s*")
"""What stands between two concepts named as one group: 「行政复议、行政诉讼案件」, 「规章和规范性文件」."""


def joint(fact: Fact, need: frozenset[str]) -> bool:
    """A prose figure that counts an asked concept together with a sibling the question does not
    ask (「行政复议、行政诉讼案件 74 件」 asked for 行政复议): it is their sum, never the asked part."""
    if fact.kind != "text" or not need:
        return False
    text = _context(fact.label, fact.quote)
    found = spans(text)
    for (a, _s, end), (b, start, _e) in zip(found, found[1:]):
        if a != b and (a in need) != (b in need) and concept(a).kind == concept(b).kind \
                and _JOINED.fullmatch(text[end:start]):
            return True
    return False


def fact_concepts(fact: Fact) -> frozenset[str]:
    """The concepts a fact's row and column (a cell) or its words (prose) name."""
    return _concepts(fact.kind, fact.table, fact.row, fact.col, fact.label,
                     fact.quote if fact.kind == "text" else "")


@lru_cache(maxsize=8192)
def _context_tokens(label: str, quote: str) -> tuple[str, ...]:
    from knowledge.text.tokenize import canonical_tokens

    return canonical_tokens(_context(label, quote))


def context_words(fact: Fact) -> tuple[str, ...]:
    """Canonical tokens of a prose number's sentence up to the number; () for a table cell."""
    return _context_tokens(fact.label, fact.quote) if fact.kind == "text" else ()


def _like(cid: str, pattern: str) -> bool:
    return cid.startswith(pattern[:-1]) if pattern.endswith("*") else cid == pattern


def in_context(asked: tuple[str, ...]) -> tuple[str, ...]:
    """The asked concepts without those that count only beside a context the question lacks
    (「企业」 is the 表三 column only in a question about applications)."""
    out = []
    for cid in asked:
        rule = next((ctx for pat, ctx in rules().only_with if _like(cid, pat)), None)
        if rule is None or any(_like(other, c) for other in asked if other != cid for c in rule):
            out.append(cid)
    return tuple(out)


def required(asked: tuple[str, ...]) -> frozenset[str]:
    """The asked concepts an answer must cover (the soft ones are only ways of asking)."""
    return frozenset(in_context(asked)) - rules().soft


def covers(fact: Fact, need: frozenset[str]) -> bool:
    """True when the fact names every required concept."""
    return need <= fact_concepts(fact)


def extras(fact: Fact, asked: tuple[str, ...]) -> int:
    """How many qualifiers the fact has that the question did not ask for: a non-default column
    (自然人, 结果维持, 本年废止件数) of a table cell; for prose, the table rows, columns and blocks its
    own words name beyond those asked (「予以公开及部分公开」 when only 部分公开 is asked)."""
    if fact.kind != "table":
        own = {c for c in in_context(concept_ids(fact.label)) if concept(c).kind in ("row", "col", "block")}
        return len(own - set(asked) - {"total"})
    if fact.primary and fact.table != "表四":
        return 0
    col = {c for c in concept_ids(SEP.join(fact.col)) if concept(c).kind == "col"}
    return len(col - set(asked) - {"total"})


def own_words_cover(fact: Fact, need: frozenset[str]) -> bool:
    """True when the fact's own words name every required concept, without its sentence's or its
    table's help (「历年累计主动公开1391条」 over 「2023年主动公开125条」 for a question about 累计;
    the stated 主动公开 figure over a 表二 cell for a question about 主动公开)."""
    found = set(concept_ids(SEP.join(fact.row + fact.col) if fact.kind == "table" else fact.label))
    for cid in list(found):
        found |= rules().implies.get(cid, frozenset())
    return need <= found


def _tail(label: str) -> str:
    """The words after the last number of a prose label: what this number itself is."""
    nums = list(_NUMBER.finditer(label))
    return label[nums[-1].end():] if nums else ""


def stance(fact: Fact, question: str) -> int:
    """+1 when the question asks for a figure reached (涨到, 达到) and the fact is one, −1 when
    the fact is the starting point or the increment instead; 0 when the question says neither."""
    r = rules()
    if fact.kind != "text" or not any(w in question for w in r.reach):
        return 0
    tail = _tail(fact.label)
    if any(w in tail for w in r.reach):
        return 1
    if any(fact.label.rstrip("0123456789年的 ").endswith(w) or w in fact.label[-6:] for w in r.start):
        return -1
    return 0


def is_part(fact: Fact, asked: tuple[str, ...]) -> bool:
    """True for a sub-item cell when the question asks for its group (「无法提供」 answered by
    「1.本机关不掌握…」): the asked row concepts sit only in the cell's parent rows."""
    if fact.kind != "table" or len(fact.row) < 2:
        return False
    rows = {c for c in asked if concept(c).kind == "row"}
    leaf = set(concept_ids(fact.row[-1]))
    return bool(rows) and not rows & leaf


def preferred(fact: Fact, asked: tuple[str, ...]) -> int:
    """How far the fact is the preferred reading of a broad question (prefer rules): 2 for a
    figure the report states in words, 1 for a cell with a preferred concept, else 0."""
    want = set().union(*(rules().prefer.get(c, frozenset()) for c in asked)) if asked else set()
    if not want:
        return 0
    return 2 if fact.kind == "text" else int(bool(want & fact_concepts(fact)))


def rank_key(fact: Fact, asked: tuple[str, ...], question: str, clash: bool = False) -> tuple[int, ...]:
    """How concept-chosen candidates are ordered before their score: fewer unasked qualifiers,
    the unit asked for (`clash`: the fact counts in another), the fact's own words naming what is
    asked, a reached figure when one is asked for, the preferred reading of a broad question."""
    return (extras(fact, asked), clash, -own_words_cover(fact, required(asked)), -stance(fact, question),
            -preferred(fact, asked))

