"""粘连数字：把一串印刷数字（「801000081」）切成 n 个格的全部合法切法。

合法的格：0，或不以 0 开头的整数，可带小数部分；负号只能在格首（「35-15」→ 35 | -15）。
印刷中的空格（「200 000121」）多半是格界：不落在格界上的空格每个计代价 1。
切法太多时只取前 LIMIT 种（按代价排序之前），调用方把截断当作「无法确定」。
"""
from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import lru_cache

from knowledge.facts.align import Candidate

LIMIT = 20000
_CELL = re.compile(r"-?(?:0|[1-9]\d*)(?:\.\d+)?")


def _compact(raw: str) -> tuple[str, frozenset[int]]:
    """(去空格的数字串, 空格所在的切点位置集合)。"""
    digits, spaces = [], set()
    for ch in raw.strip():
        if ch.isspace():
            spaces.add(len(digits))
        else:
            digits.append(ch)
    spaces.discard(0)
    return "".join(digits), frozenset(spaces)


@lru_cache(maxsize=2048)
def _splits(text: str, n: int) -> tuple[tuple[int, ...], ...]:
    """`text` 切成 n 个合法格的全部切点组合（至多 LIMIT 种）。"""
    out: list[tuple[int, ...]] = []
    valid = [[bool(_CELL.fullmatch(text[i:j])) for j in range(len(text) + 1)] for i in range(len(text) + 1)]

    def walk(start: int, left: int, cuts: tuple[int, ...]) -> None:
        if len(out) >= LIMIT:
            return
        if left == 1:
            if valid[start][len(text)]:
                out.append(cuts)
            return
        for end in range(start + 1, len(text) - left + 2):
            if valid[start][end]:
                walk(end, left - 1, (*cuts, end))

    if text and n >= 1:
        walk(0, n, ())
    return tuple(out)


def glued_candidates(
    raw: str, n: int, keep: Callable[[Sequence[str]], bool] | None = None
) -> list[Candidate]:
    """`raw` 切成 n 格的候选（按代价排序）；`keep`（如行合计规则）有成立者时只留成立者。"""
    text, spaces = _compact(raw)
    cands = []
    for cuts in _splits(text, n):
        bounds = (0, *cuts, len(text))
        parts = tuple(text[a:b] for a, b in zip(bounds, bounds[1:]))
        cost = len(spaces - set(cuts))
        cands.append(Candidate(parts, cost, (("split", *cuts),)))
    if keep is not None:
        kept = [c for c in cands if keep(c.values)]  # type: ignore[arg-type]
        cands = kept or cands
    return sorted(cands, key=lambda c: c.cost)


def is_truncated(raw: str, n: int) -> bool:
    """切法多到被截断（此时不应给出任何值）。"""
    return len(_splits(_compact(raw)[0], n)) >= LIMIT


def sums_to_last(parts: Sequence[str]) -> bool:
    """各格之和等于最后一格（表三的行：六类申请人之和 = 总计）。"""
    nums = [float(p) for p in parts]
    return abs(sum(nums[:-1]) - nums[-1]) < 1e-9


def blocks_sum(size: int) -> Callable[[Sequence[str]], bool]:
    """每 `size` 格一块、块内前几格之和等于末格（表四：维持+纠正+其他+尚未审结 = 总计）。"""
    def keep(parts: Sequence[str]) -> bool:
        return all(sums_to_last(parts[i:i + size]) for i in range(0, len(parts), size))
    return keep
