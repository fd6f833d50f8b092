"""对齐：一行的数比列多或少时，用勾稽规则在候选对齐中选最好的，选不出的格不给值。

通用机制（表三、表四，以及以后网页里数字粘连的行「801000081」→ 80|1|0|0|0|0|81）：
给出表的种类、已确定的格、每个不确定行的候选对齐 → `choose_alignment` 返回 `Resolution`。
打分 = 全表成立的勾稽规则条数（越多越好），其次候选代价之和（越小越好）；
同样好的对齐之间取值不同的格不给值（`unplaced`），绝不编造数值。
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import combinations, islice, product
from math import comb, prod

from knowledge.facts.rules import Key, Rule, passes, rules_for
from knowledge.facts.table_cells import cell_value, is_blank, number

RowPath = tuple[str, ...]
ColPath = tuple[str, ...]
EXHAUSTIVE = 2048
"""候选组合数不超过此值时穷举，否则从多个起点做逐行下降。"""


@dataclass(frozen=True)
class Candidate:
    """一行的一种对齐：每列一个单元格文本。"""

    values: tuple[str | None, ...]
    """每列的印刷文本；'' 为空白格，None 为插入的缺格。"""
    cost: int = 0
    """代价：丢掉空白格 0，丢掉首尾数字 1，丢掉中间数字 2，每个缺格 1。"""
    shapes: tuple[tuple[object, ...], ...] = ()
    """产生此对齐的改动，如 ("gap", 3)、("drop", 15)；不同行同一改动视为同一种错位。"""


@dataclass(frozen=True)
class Resolution:
    """对齐结果。"""

    values: dict[RowPath, tuple[str | None, ...]]
    """每个不确定行的最终文本；取不定的格为 None。"""
    unplaced: dict[RowPath, tuple[int, ...]]
    """每行中同样好的对齐之间取值不同、因而不给值的列下标。"""
    chosen: dict[RowPath, Candidate]
    """每行选中的（一种）最好对齐，用于说明。"""


def row_candidates(cells: Sequence[str], n: int, limit: int = 3000) -> list[Candidate]:
    """一行值格对 n 列的全部候选对齐（按代价排序）；尾部多余空格先去掉。"""
    cells = list(cells)
    while len(cells) > n and is_blank(cells[-1]):
        cells.pop()
    m = len(cells)
    if m == n:
        return [Candidate(tuple(cells))]
    if m == 0 or n == 0:
        return []
    found: dict[tuple[str | None, ...], Candidate] = {}

    def add(values: tuple[str | None, ...], cost: int, shape: tuple[object, ...]) -> None:
        old = found.get(values)
        if old is None or cost < old.cost:
            found[values] = Candidate(values, cost, (shape, *(old.shapes if old else ())))
        else:
            found[values] = Candidate(values, old.cost, (*old.shapes, shape))

    if m > n:
        k = m - n
        pool: Sequence[int] = range(m)
        if comb(m, k) > limit:
            blanks = {i for i, c in enumerate(cells) if is_blank(c)}
            pool = sorted(blanks | set(range(k)) | set(range(m - k, m)))
        for drop in islice(combinations(pool, k), limit):
            cost = sum(0 if is_blank(cells[i]) else (1 if i < k or i >= m - k else 2) for i in drop)
            add(tuple(c for i, c in enumerate(cells) if i not in drop), cost, ("drop", *drop))
    else:
        k = n - m
        for gaps in islice(combinations(range(n), k), limit):
            it = iter(cells)
            add(tuple(None if j in gaps else next(it) for j in range(n)), k, ("gap", *gaps))
    return sorted(found.values(), key=lambda c: c.cost)


def confirmed_zeros(rules: Sequence[Rule], cols: Sequence[ColPath], row: RowPath,
                    values: Sequence[str | None]) -> tuple[str | None, ...]:
    """Reports leave zeros blank: a blank cell ('' or a missing cell None) of `row` is "0" when a
    rule within the row (自然人+…+其他 = 总计; 维持+纠正+其他+尚未审结 = 总计) holds with its
    blanks as 0 and every cell on its total side printed — the total shows the others are zero
    (counts are never negative). Any other blank stays unknown."""
    blank = {cols[j] for j, v in enumerate(values) if v is None or is_blank(v)}
    if not blank:
        return tuple(values)
    nums = {(row, col): number(cell_value(v)) for col, v in zip(cols, values)}
    zero: set[ColPath] = set()
    for rule in rules:
        keys = rule.lhs + rule.rhs
        if rule.incomplete or any(k[0] != row for k in keys) or any(k[1] in blank for k in rule.rhs):
            continue
        gaps = {k[1] for k in rule.lhs if k[1] in blank}
        if not gaps or any(nums.get(k) is None for k in keys if k[1] not in gaps):
            continue
        trial = {**nums, **{(row, col): 0 for col in gaps}}
        if passes(rule, trial):
            zero |= gaps
    return tuple("0" if col in zero else v for col, v in zip(cols, values))


def _zero_candidates(rules: Sequence[Rule], cols: Sequence[ColPath],
                     candidates: Mapping[RowPath, Sequence[Candidate]]) -> dict[RowPath, list[Candidate]]:
    """Every candidate with its confirmed zeros filled in (`confirmed_zeros`), duplicates merged."""
    out: dict[RowPath, list[Candidate]] = {}
    for r, cs in candidates.items():
        merged: dict[tuple[str | None, ...], Candidate] = {}
        for c in cs:
            values = confirmed_zeros(rules, cols, r, c.values)
            old = merged.get(values)
            if old is None or c.cost < old.cost:
                merged[values] = Candidate(values, c.cost, c.shapes)
        out[r] = sorted(merged.values(), key=lambda c: c.cost)
    return out


def choose_alignment(
    kind: str,
    cols: Sequence[ColPath],
    fixed: Mapping[Key, str | None],
    candidates: Mapping[RowPath, Sequence[Candidate]],
) -> Resolution:
    """按表的种类（表三/表四的勾稽规则）为不确定行选对齐；其余行的格 `fixed` 保持不变。"""
    rows = list(dict.fromkeys([k[0] for k in fixed] + list(candidates)))
    return resolve(rules_for(kind, rows), cols, fixed, candidates)


class _Scorer:
    """在可变的数值网格上给（部分）对齐打分。"""

    def __init__(self, rules: Sequence[Rule], cols: Sequence[ColPath],
                 fixed: Mapping[Key, str | None], candidates: Mapping[RowPath, Sequence[Candidate]]):
        self.rules, self.cols, self.cands = list(rules), list(cols), candidates
        self.nums = {k: number(cell_value(v)) for k, v in fixed.items()}
        self.vals = {r: [tuple(number(cell_value(v)) for v in c.values) for c in cs]
                     for r, cs in candidates.items()}
        self.touch = {r: [u for u in self.rules if any(k[0] == r for k in u.lhs + u.rhs)]
                      for r in candidates}

    def put(self, assign: Mapping[RowPath, int]) -> None:
        for r, i in assign.items():
            for col, v in zip(self.cols, self.vals[r][i]):
                self.nums[(r, col)] = v

    def local(self, r: RowPath, i: int) -> tuple[int, int]:
        self.put({r: i})
        return sum(passes(u, self.nums) for u in self.touch[r]), -self.cands[r][i].cost

    def total(self, assign: Mapping[RowPath, int]) -> tuple[int, int]:
        self.put(assign)
        cost = sum(self.cands[r][i].cost for r, i in assign.items())
        return sum(passes(u, self.nums) for u in self.rules), -cost


def _descend(sc: _Scorer, start: dict[RowPath, int], rows: list[RowPath]) -> dict[RowPath, int]:
    current = dict(start)
    sc.put(current)
    for _ in range(50):
        improved = False
        for r in rows:
            best_i, best = current[r], sc.local(r, current[r])
            for i in range(len(sc.cands[r])):
                key = sc.local(r, i)
                if key > best:
                    best_i, best, improved = i, key, True
            current[r] = best_i
            sc.put({r: best_i})
        if not improved:
            break
    return current


def _starts(cands: Mapping[RowPath, Sequence[Candidate]], rows: list[RowPath]) -> list[dict[RowPath, int]]:
    """起点：全取代价最小者；以及「所有行同一种错位」（如都缺第 3 列）。"""
    count: dict[tuple[object, ...], int] = {}
    for r in rows:
        for shape in {s for c in cands[r] for s in c.shapes}:
            count[shape] = count.get(shape, 0) + 1
    starts = [{r: 0 for r in rows}]
    for shape in sorted(count, key=lambda s: -count[s])[:40]:
        starts.append({r: next((i for i, c in enumerate(cands[r]) if shape in c.shapes), 0) for r in rows})
    return starts


def resolve(rules: Sequence[Rule], cols: Sequence[ColPath], fixed: Mapping[Key, str | None],
            candidates: Mapping[RowPath, Sequence[Candidate]]) -> Resolution:
    """在给定规则下解出对齐（见模块说明）。"""
    cands = {r: list(cs) for r, cs in _zero_candidates(rules, cols, candidates).items() if cs}
    rows = [r for r in cands if len(cands[r]) > 1]
    sc = _Scorer(rules, cols, fixed, cands)
    base = {r: 0 for r in cands}
    optimal: list[dict[RowPath, int]] = []
    if prod(len(cands[r]) for r in rows) <= EXHAUSTIVE:
        scored = [(sc.total(base | dict(zip(rows, pick))), base | dict(zip(rows, pick)))
                  for pick in product(*(range(len(cands[r])) for r in rows))]
        best = max(s for s, _ in scored)
        optimal = [a for s, a in scored if s == best]
    else:
        optima = [base | _descend(sc, s, rows) for s in _starts(cands, rows)]
        keyed = [(sc.total(a), a) for a in optima]
        best = max(s for s, _ in keyed)
        for s, a in keyed:
            if s != best:
                continue
            optimal.append(a)
            for r in rows:
                sc.put(a)
                here = sc.local(r, a[r])
                optimal += [a | {r: i} for i in range(len(cands[r])) if i != a[r] and sc.local(r, i) == here]
                sc.put({r: a[r]})
    return _agree(cands, optimal)


def _agree(cands: Mapping[RowPath, list[Candidate]], optimal: list[dict[RowPath, int]]) -> Resolution:
    """同样好的对齐之间一致的格保留，不一致的格给 None。"""
    values, unplaced, chosen = {}, {}, {}
    for r, cs in cands.items():
        picks = sorted({a[r] for a in optimal})
        first = cs[picks[0]]
        out, bad = list(first.values), []
        for j in range(len(first.values)):
            seen = {cell_value(cs[i].values[j]) for i in picks}
            if len(seen) > 1:
                out[j] = None
                bad.append(j)
        values[r], chosen[r] = tuple(out), first
        if bad:
            unplaced[r] = tuple(bad)
    return Resolution(values, unplaced, chosen)
