"""问题意图：问一个数字（fact）、闲聊（chat）、概况（overview），或多份报告的分析
（series / comparison / ranking / rate / coverage）；以及「是不是 0 件」这类是非问的断言值。

The patterns live in ``knowledge/data/intents.txt`` (one rule a line, first match wins), so a
reviewer adds a wording there rather than a branch here.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from knowledge.datafile import data_rows, data_text
from knowledge.text.normalize import chinese_number

INTENTS = ("fact", "chat", "overview", "series", "comparison", "ranking", "rate", "coverage")
ANALYSIS = frozenset({"series", "comparison", "ranking", "rate", "coverage"})
"""Intents that need more than one fact; never answered with a single cell."""

_QUANTITY = re.compile(r"多少|几(?!乎)|是不是|是否|有没有|数量|总数|数字|金额|\d+\s*[件条个项次篇份人场]")
"""A question that asks for a figure (an overview question has none of these)."""
_YES_NO = re.compile(
    r"(?:是不是|是否是|是否为|是否|是)\s*(?:只有|仅有|有|为|等于)?\s*"
    r"(?P<n>\d+(?:\.\d+)?|[零〇一二两三四五六七八九十百千万]+)\s*(?P<unit>[件条个项次篇份人场万元%]*)"
    r"(?P<tail>[^？?。，,]*)")
_NONE_AT_ALL = re.compile(r"(?:是不是|是否)?\s*一(?:件|个|条|次|项|份|篇)?[^，,。？?]{0,16}?(?:都|也)(?:没|没有|未)")
"""「是不是一件申请都没收到」: the claim is zero."""


@dataclass(frozen=True)
class Intent:
    """What a question asks for."""

    name: str
    """One of INTENTS."""
    asserted: str | None = None
    """For a yes/no question (「是不是0件」), the number claimed, as digits; None otherwise."""
    span: str = ""
    """The words of the yes/no claim, to drop from the measure (「是不是0件」)."""


@dataclass(frozen=True)
class _Rule:
    intent: str
    pattern: re.Pattern[str]
    no_quantity: bool
    no_agency: bool


def parse_rules(text: str) -> tuple[_Rule, ...]:
    """Rules from the data file's text; a bad line raises ValueError with its number."""
    rules = []
    for n, parts in data_rows(text, " | "):
        if len(parts) not in (2, 3) or parts[0] not in INTENTS or not set(parts[2:]) <= {"无数量词", "无机关"}:
            raise ValueError(f"intents.txt line {n}: expected 'intent | pattern [| 无数量词|无机关]'")
        try:
            pattern = re.compile(parts[1], re.IGNORECASE)
        except re.error as e:
            raise ValueError(f"intents.txt line {n}: bad pattern: {e}") from e
        rules.append(_Rule(parts[0], pattern, "无数量词" in parts[2:], "无机关" in parts[2:]))
    return tuple(rules)


@lru_cache(maxsize=1)
def rules() -> tuple[_Rule, ...]:
    """The rules of knowledge/data/intents.txt, read once."""
    return parse_rules(data_text("intents.txt"))


def _assertion(text: str) -> tuple[str | None, str]:
    m = _NONE_AT_ALL.search(text)
    if m and ("是不是" in text or "是否" in text):
        return "0", ""
    for m in _YES_NO.finditer(text):
        if not any(w in m.group(0) for w in ("是不是", "是否")) and not re.search(r"是不是|是否", text[:m.start()]):
            continue
        raw = m.group("n")
        value = raw if re.fullmatch(r"\d+(?:\.\d+)?", raw) else chinese_number(raw)
        if value is None:
            continue
        return str(value), m.group(0)[: m.end("unit") - m.start()]
    return None, ""


def detect(text: str, one_agency: bool = False) -> Intent:
    """The intent of a normalised question (first matching rule of intents.txt, else fact);
    `one_agency`: the question names exactly one agency."""
    has_quantity = bool(_QUANTITY.search(text))
    for rule in rules():
        if (rule.no_quantity and has_quantity) or (rule.no_agency and one_agency):
            continue
        if rule.pattern.search(text):
            return Intent(rule.intent)
    if "是不是" in text or "是否" in text:
        asserted, span = _assertion(text)
        if asserted is not None:
            return Intent("fact", asserted, span)
    return Intent("fact")
