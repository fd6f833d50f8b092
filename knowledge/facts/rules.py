"""勾稽关系（表三、表四的一致性规则）及其核对结果 `RuleCheck`。

规则作用在逻辑网格上：键为 (行路径, 列路径)，值为印刷的数字串或 None（无值）。
计数用整数、金额用 Decimal 精确相加（见 `table_cells.number`）。
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from knowledge.facts.table_cells import number
from knowledge.facts.table_templates import (
    GROUP_TOTAL, RESULT_ROWS_2019, RESULT_ROWS_2021, TABLE3_COLS, TABLE4_BLOCKS, TABLE4_COLS,
    TOP_CARRIED, TOP_NEW, TOP_NEXT, TOP_RESULTS,
)
from knowledge.model import SEP

Key = tuple[tuple[str, ...], tuple[str, ...]]
"""逻辑网格中一格的键：(行路径, 列路径)。"""
Operand = tuple[str, "str | None"]
"""规则的一个运算数：(事实标签 = 行路径+列路径以 SEP 连接, 印刷值或 None)。"""


@dataclass(frozen=True)
class Rule:
    """一条待核对的勾稽规则：左边各格之和 = 右边各格之和。"""

    name: str
    """规则名（中文），如「表三 总计列：一+二 = （七）总计+四」。"""
    where: str
    """告警里指明位置，如「表三「一、本年新收政府信息公开申请数量」行」。"""
    lhs: tuple[Key, ...]
    rhs: tuple[Key, ...]
    lhs_text: str
    """左边的读法，如「自然人+…+其他」。"""
    rhs_text: str
    incomplete: bool = False
    """True：规则需要的行不全（如办理结果缺行），只能「无法核对」。"""


@dataclass(frozen=True)
class RuleCheck:
    """一条勾稽规则在一张表上的核对结果。"""

    name: str
    """规则名（中文）。"""
    lhs: tuple[Operand, ...]
    """左边的运算数（标签, 值）。"""
    rhs: tuple[Operand, ...]
    """右边的运算数（标签, 值）。"""
    status: str
    """'pass' 成立、'fail' 不成立、'cannot' 缺格无法核对。"""
    message: str = ""
    """不成立时的告警（中文，带数字），否则 ""。"""

    @property
    def operands(self) -> tuple[Operand, ...]:
        """全部运算数（左边在前）。"""
        return self.lhs + self.rhs


def key_label(key: Key) -> str:
    """一格的事实标签：行路径 + 列路径以 SEP 连接。"""
    return SEP.join(key[0] + key[1])


def _fmt(total: int | Decimal) -> str:
    return str(total) if isinstance(total, int) else format(total.normalize(), "f")


def _sum(values: Sequence[int | Decimal]) -> int | Decimal:
    return sum(values, 0)


def check(rule: Rule, grid: Mapping[Key, str | None]) -> RuleCheck:
    """核对一条规则：缺格（或缺行）→ 'cannot'，相等 → 'pass'，否则 'fail' 并给出告警。"""
    lhs = tuple((key_label(k), grid.get(k)) for k in rule.lhs)
    rhs = tuple((key_label(k), grid.get(k)) for k in rule.rhs)
    left = [number(v) for _, v in lhs]
    right = [number(v) for _, v in rhs]
    if rule.incomplete or any(n is None for n in left + right):
        return RuleCheck(rule.name, lhs, rhs, "cannot")
    a, b = _sum(left), _sum(right)  # type: ignore[arg-type]
    if a == b:
        return RuleCheck(rule.name, lhs, rhs, "pass")
    message = f"勾稽不符：{rule.where} {rule.lhs_text} = {_fmt(a)}，{rule.rhs_text} = {_fmt(b)}"
    return RuleCheck(rule.name, lhs, rhs, "fail", message)


def passes(rule: Rule, nums: Mapping[Key, int | Decimal | None]) -> bool:
    """快速判断规则成立（对齐打分用；nums 为已换算的数）。"""
    if rule.incomplete:
        return False
    left = [nums.get(k) for k in rule.lhs]
    right = [nums.get(k) for k in rule.rhs]
    if any(n is None for n in left) or any(n is None for n in right):
        return False
    return _sum(left) == _sum(right)  # type: ignore[arg-type]


def _col_name(col: tuple[str, ...]) -> str:
    return col[-1]


def table3_rules(rows: Sequence[tuple[str, ...]]) -> list[Rule]:
    """表三规则：每列 一+二 = （七）总计+四；每列（七）总计 = 各办理结果之和；每行 总计 = 六类申请人之和。"""
    total_row = (TOP_RESULTS, GROUP_TOTAL)
    results = [r for r in rows if r and r[0] == TOP_RESULTS and r != total_row]
    is_2019 = any(len(r) == 2 and r[1].startswith("（六）") for r in results)
    expected = RESULT_ROWS_2019 if is_2019 else RESULT_ROWS_2021
    rules: list[Rule] = []
    for col in TABLE3_COLS:
        name = _col_name(col)
        where = f"表三「{name}」列"
        rules.append(Rule(
            f"表三 {name}列：一+二 = （七）总计+四", where,
            (((TOP_NEW,), col), ((TOP_CARRIED,), col)), ((total_row, col), ((TOP_NEXT,), col)),
            "一+二", "（七）总计+四",
        ))
        rules.append(Rule(
            f"表三 {name}列：（七）总计 = 各项办理结果之和", where,
            ((total_row, col),), tuple((r, col) for r in results),
            "（七）总计", "各项办理结果之和", incomplete=len(results) < expected,
        ))
    applicants, total_col = TABLE3_COLS[:-1], TABLE3_COLS[-1]
    for row in rows:
        rules.append(Rule(
            f"表三「{SEP.join(row)}」行：自然人+…+其他 = 总计", f"表三「{SEP.join(row)}」行",
            tuple((row, c) for c in applicants), ((row, total_col),), "自然人+…+其他", "总计",
        ))
    return rules


def table4_rules() -> list[Rule]:
    """表四规则：每块 维持+纠正+其他+尚未审结 = 总计。"""
    rules = []
    for block in TABLE4_BLOCKS:
        cols = [c for c in TABLE4_COLS if c[:-1] == block]
        name = SEP.join(block)
        rules.append(Rule(
            f"表四 {name}：维持+纠正+其他+尚未审结 = 总计", f"表四「{name}」",
            tuple(((), c) for c in cols[:-1]), (((), cols[-1]),), "维持+纠正+其他+尚未审结", "总计",
        ))
    return rules


def rules_for(kind: str, rows: Sequence[tuple[str, ...]]) -> list[Rule]:
    """某类表的全部规则（表二和普通表没有规则）。"""
    if kind == "表三":
        return table3_rules(rows)
    if kind == "表四":
        return table4_rules()
    return []


def check_all(kind: str, rows: Sequence[tuple[str, ...]], grid: Mapping[Key, str | None]) -> list[RuleCheck]:
    """核对一张表的全部规则。"""
    return [check(rule, grid) for rule in rules_for(kind, rows)]
