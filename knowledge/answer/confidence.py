"""答案的把握：被选中的事实要能解释问题里的实词（概念以外的名词），解释不了的越多越没把握。

`unexplained` weighs the nouns of the question that neither a recognised concept nor the fact's
own words (its label, section and, for prose, its sentence up to the number) account for. An
answer chosen by concepts is given only while that weight stays within the threshold fitted on
the labelled question sets (data/thresholds.json, re-fitted by `reportbot calibrate`).
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from knowledge.answer.concept_match import context_words
from knowledge.text.lexicon import find
from knowledge.store.store import StoredFact
from knowledge.text.synonyms import STOPWORDS, canonical
from knowledge.text.tokenize import pos_tags

_CONTENT_TAGS = ("n", "vn", "eng", "nz", "nt", "nr", "ns")
"""jieba tags of the words a question is about (nouns, verbal nouns, names)."""
_ASKING_WORDS = frozenset({"比例", "百分比", "比重", "占比", "金额", "数量", "数字", "总数", "人数", "次数", "件数",
                           "条数", "多少钱", "情况"})
"""Nouns that say how a figure is asked for (its unit or kind), not what it counts."""


@dataclass(frozen=True)
class Thresholds:
    """Fitted limits (see data/thresholds.json)."""

    max_unexplained: float
    """Largest unexplained weight at which a concept-chosen fact is still given as the answer."""
    min_leaf_cover: float = 0.0
    """Smallest share of its own words a score-chosen fact must have named in the question."""
    fitted_on: tuple[str, ...] = ()
    """The question sets the value was fitted on."""


@lru_cache(maxsize=1)
def thresholds() -> Thresholds:
    """data/thresholds.json, read once."""
    data = json.loads((resources.files("knowledge") / "data" / "thresholds.json").read_text(encoding="utf-8"))
    return Thresholds(float(data["max_unexplained"]), float(data.get("min_leaf_cover", 0.0)),
                      tuple(data.get("fitted_on", ())))


@lru_cache(maxsize=4096)
def content_words(measure: str) -> tuple[str, ...]:
    """Canonical nouns of the measure that no concept phrase covers (公安局, 案子, 专栏)."""
    text = measure
    for _cid, span, _name in find(measure):
        text = text.replace(span, " ")
    out: list[str] = []
    for word, tag in pos_tags(text):
        if len(word) < 2 or word in STOPWORDS or word in _ASKING_WORDS or not tag.startswith(_CONTENT_TAGS):
            continue
        for c in canonical(word) or ():
            if c not in out:
                out.append(c)
    return tuple(out)


def unexplained(item: StoredFact, measure: str) -> float:
    """Weight of the question's content words that the fact does not account for."""
    have = set(item.label_tokens) | set(item.section_tokens) | set(context_words(item.fact))
    words = content_words(measure)
    return float(sum(min(len(w), 4) for w in words if w not in have and not _inside(w, have)))


def _inside(word: str, have: set[str]) -> bool:
    """「信息」 is accounted for by 「政府信息」 and the other way round."""
    return any(word in h or (len(h) >= 2 and h in word) for h in have)


def confident(weight: float, limit: float | None = None) -> bool:
    """True when an unexplained weight is within the fitted limit (or the given one)."""
    return weight <= (thresholds().max_unexplained if limit is None else limit)


def covered(share: float, limit: float | None = None) -> bool:
    """True when a score-chosen fact's words are named enough (fitted limit, or the given one)."""
    return share >= (thresholds().min_leaf_cover if limit is None else limit)



def score_only_check(item: StoredFact, tokens: tuple[str, ...]) -> tuple[tuple[str, ...], float]:
    """For a fact chosen by the score alone (no concept named): the question tokens it does not
    account for (single characters included: 许口 is no word), and the share of the fact's own
    leaf words the question names (「行政」 names little of 「要求行政机关确认或重新出具…」)."""
    from knowledge.answer.matcher import leaf
    from knowledge.text.tokenize import canonical_tokens

    have = set(item.label_tokens) | set(item.section_tokens) | set(context_words(item.fact))
    missing = tuple(t for t in tokens if t not in have and not _inside(t, have))
    own = canonical_tokens(leaf(item.fact))
    named = sum(min(len(t), 4) for t in own if t in tokens or _inside(t, set(tokens)))
    total = sum(min(len(t), 4) for t in own)
    return missing, (named / total if total else 0.0)
