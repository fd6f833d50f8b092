"""Prose facts: every number with a unit in a paragraph becomes a `Fact(kind='text')`.

`prose_facts(paragraph)` splits the paragraph into sentences (on 。！？； ! ? ; and line ends),
finds number+unit mentions in each (`knowledge.facts.units`: what counts as a number, unit and
approximation, what is never a fact) and labels them (`knowledge.facts.labels`: the label rule).

Each fact carries value (as printed, thousands separators removed: "1,234" → "1234"), number,
unit, label, approx, quote and the paragraph's section.  The quote is the sentence the number
sits in; a sentence longer than `MAX_QUOTE` characters is cut to the number's clause and its
neighbouring clauses, and if that is still too long, to a window around the number.  Quotes and
labels are always verbatim pieces of the paragraph text (labels apart from the … joiner and
dropped Markdown marks).
"""
from __future__ import annotations

import re

from knowledge.facts.labels import labels
from knowledge.facts.units import Mention, find_mentions
from knowledge.model import Fact
from loaders.model import Paragraph

MAX_QUOTE = 120
_SENTENCE_END = re.compile(r"[。！？；!?;\n]+")
_CLAUSE_END = "，,：:"


def sentences(text: str) -> list[str]:
    """The sentences of `text`, stripped, empty ones dropped."""
    return [s.strip() for s in _SENTENCE_END.split(text) if s.strip()]


def _clauses(sentence: str) -> list[tuple[int, int]]:
    """(start, end) spans of the clauses of `sentence`, each end including its boundary mark."""
    spans, start = [], 0
    for i, ch in enumerate(sentence):
        if ch in _CLAUSE_END:
            spans.append((start, i + 1))
            start = i + 1
    if start < len(sentence):
        spans.append((start, len(sentence)))
    return spans


def quote_for(sentence: str, m: Mention) -> str:
    """The sentence, or for a long one the number's clause ±1 neighbour, at most MAX_QUOTE chars."""
    if len(sentence) <= MAX_QUOTE:
        return sentence
    spans = _clauses(sentence)
    i = next(k for k, (a, b) in enumerate(spans) if a <= m.start < b)
    lo, hi = spans[max(i - 1, 0)][0], spans[min(i + 1, len(spans) - 1)][1]
    if hi - lo > MAX_QUOTE:
        lo, hi = spans[i]
    if hi - lo > MAX_QUOTE:
        mid = (m.start + m.end) // 2
        lo = max(lo, min(mid - MAX_QUOTE // 2, hi - MAX_QUOTE))
        hi = lo + MAX_QUOTE
    return sentence[lo:hi].rstrip("，,：: ").strip()


def sentence_facts(sentence: str, section: tuple[str, ...]) -> list[Fact]:
    """The facts of one sentence, in reading order."""
    mentions = find_mentions(sentence)
    return [
        Fact(
            value=m.value, unit=m.unit, label=label, section=section,
            quote=quote_for(sentence, m), kind="text", number=m.number,
            table="", approx=m.approx, primary=True,
        )
        for m, label in zip(mentions, labels(sentence, mentions))
    ]


def prose_facts(paragraph: Paragraph) -> list[Fact]:
    """Every number with a unit in the paragraph's prose, as facts in reading order."""
    return [f for s in sentences(paragraph.text) for f in sentence_facts(s, tuple(paragraph.section))]
