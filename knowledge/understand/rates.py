"""比率的名称与公式：data/rates.txt 里每个比率怎么说（公开率、复议纠错率……）、分子分母是表三/表四的哪些格；
从问题里认出问的是哪个比率。"""
from __future__ import annotations

import re
from functools import lru_cache

from knowledge.datafile import data_rows, data_text
from knowledge.model import Rate

_TERM = re.compile(r"\s*([+-]?)\s*(表[三四]):([\w*/]+):(\w+)")


def _terms(text: str, n: int) -> tuple[tuple[int, str, str, str], ...]:
    terms = [(-1 if m.group(1) == "-" else 1, m.group(2), m.group(3), m.group(4)) for m in _TERM.finditer(text)]
    if not terms:
        raise ValueError(f"rates.txt line {n}: no cell in {text!r}")
    return tuple(terms)


def parse_rates(text: str) -> tuple[Rate, ...]:
    """Rates from the data file's text; a bad line raises ValueError with its number."""
    out = []
    for n, parts in data_rows(text, " | "):
        if len(parts) != 5:
            raise ValueError(f"rates.txt line {n}: expected '名称 | 说法 | 公式 | 分子 | 分母'")
        out.append(Rate(parts[0], tuple(w for w in parts[1].split("、") if w), parts[2],
                        _terms(parts[3], n), _terms(parts[4], n)))
    return tuple(out)


@lru_cache(maxsize=1)
def rates() -> tuple[Rate, ...]:
    """data/rates.txt, read once."""
    return parse_rates(data_text("rates.txt"))


def rate_asked(text: str) -> Rate | None:
    """The rate a question names (the longest name wins: 不予公开率 over 公开率)."""
    named = [(len(w), r) for r in rates() for w in r.words if w in text]
    return max(named, key=lambda x: x[0])[1] if named else None
