"""表格单元格：读数值（「22（其中修订16件）」→ "22"）、判断无值、整理网格行。

无值写法（空白、/、—、-、无、不适用）不产生事实，但在网格中保留为 None（勾稽时「无法核对」）。
"""
from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation
from functools import lru_cache

NO_VALUE: frozenset[str] = frozenset(
    {"", "/", "／", "\\", "—", "——", "－", "-", "–", "--", "无", "不适用", "空", "×"}
)
"""表示「没有数值」的单元格写法（去空白后比较）。"""

_NUMBER = re.compile(
    r"^\s*([+\-－]?\s*\d{1,3}(?:,\d{3})+(?:\.\d+)?|[+\-－]?\s*\d+(?:\.\d+)?)\s*"
    r"(?:件|个|项|条|元|万元)?\s*(?:[（(][^（）()]*[）)])?\s*$"
)
_FOOTER = re.compile(r"^[-－—–]\s*\d+\s*[-－—–]$|^第\s*\d+\s*页(?:\s*共\s*\d+\s*页)?$")


def squeeze(text: str) -> str:
    """去掉所有空白（含全角空格），用于比较和判断。"""
    return "".join(text.split())


def is_blank(raw: str | None) -> bool:
    """单元格为空（'' 或只有空白）。"""
    return raw is None or not raw.strip()


@lru_cache(maxsize=4096)
def cell_value(raw: str | None) -> str | None:
    """单元格中的数，按原样（去空白）返回；无值或不是数返回 None。

    「22（其中修订16件）」→ "22"；「-15」→ "-15"；「/」「无」→ None。
    """
    if raw is None:
        return None
    text = unicodedata.normalize("NFKC", raw).strip()
    if squeeze(text) in NO_VALUE:
        return None
    m = _NUMBER.match(text)
    if not m:
        return None
    return squeeze(m.group(1)).replace("－", "-")


@lru_cache(maxsize=4096)
def is_no_value(raw: str | None) -> bool:
    """单元格是无值写法（空白、/、—、无、不适用…）。"""
    return raw is None or squeeze(unicodedata.normalize("NFKC", raw)) in NO_VALUE or squeeze(raw) in NO_VALUE


@lru_cache(maxsize=4096)
def is_label(raw: str | None) -> bool:
    """单元格是文字标签（非空、不是数、不是无值写法）。"""
    return not is_no_value(raw) and cell_value(raw) is None


@lru_cache(maxsize=4096)
def number(value: str | None) -> int | Decimal | None:
    """勾稽用的精确数：整数用 int，小数用 Decimal；None 表示无值。"""
    if value is None:
        return None
    text = value.replace(",", "").replace("+", "")
    try:
        return int(text) if re.fullmatch(r"-?\d+", text) else Decimal(text)
    except (ValueError, InvalidOperation):
        return None


def as_float(value: str) -> float | None:
    """Fact.number 用的浮点值。"""
    n = number(value)
    return None if n is None else float(n)


def is_footer(row: tuple[str, ...]) -> bool:
    """页脚行（「- 4 -」「第 2 页」）混入表格。"""
    cells = [c for c in row if not is_blank(c)]
    return len(cells) == 1 and bool(_FOOTER.match(cells[0].strip()))


def prepare_rows(rows: tuple[tuple[str, ...], ...]) -> list[tuple[str, ...]]:
    """整理网格：去掉全空行和页脚行；把「只有一个标签的行 + 只有数的下一行」合成一行。

    例：("行政事业性收费",) 与 ("149.876378",) → ("行政事业性收费", "149.876378")。
    """
    kept = [tuple(c.strip() for c in r) for r in rows]
    kept = [r for r in kept if any(not is_blank(c) for c in r) and not is_footer(r)]
    out: list[tuple[str, ...]] = []
    i = 0
    while i < len(kept):
        row = kept[i]
        filled = [c for c in row if not is_blank(c)]
        nxt = kept[i + 1] if i + 1 < len(kept) else None
        if (
            nxt is not None
            and len(filled) == 1
            and is_label(filled[0])
            and not any(is_label(c) for c in nxt)
            and any(cell_value(c) is not None for c in nxt)
        ):
            out.append((filled[0], *(c for c in nxt if not is_blank(c))))
            i += 2
            continue
        out.append(row)
        i += 1
    return out
