"""表格 → 事实：认出表二/表三/表四（按单元格标签，不按位置或年份），逐格生成 `Fact`，核对勾稽关系。

公开接口：`table_kind(table)`、`table_facts(table) -> TableResult`。
"""
from __future__ import annotations

from dataclasses import dataclass, field

from loaders.model import Table

from knowledge.facts.rules import RuleCheck, check_all
from knowledge.facts.table2 import parse_table2
from knowledge.facts.table3 import parse_table3
from knowledge.facts.table4 import parse_table4
from knowledge.facts.table_cells import squeeze
from knowledge.facts.table_flat import Known, unflatten
from knowledge.facts.table_generic import parse_generic
from knowledge.facts.table_grid import ParsedTable, build_facts
from knowledge.model import Fact

_TABLE2_WORDS = ("本年制发件数", "现行有效件数", "处理决定数量", "本年新制作数量", "对外公开总数量", "本年收费金额")


@dataclass(frozen=True)
class TableResult:
    """一张表读出的事实和勾稽核对结果。"""

    facts: list[Fact]
    """每个有值的格一个事实（kind='table'），不成立的勾稽规则已作为告警附上。"""
    checks: list[RuleCheck]
    """该表全部勾稽规则的核对结果（表二和普通表为空）。"""
    warnings: list[str] = field(default_factory=list)
    """表级说明：对齐、无法定位或无法读取的行（同样的逐行说明也附在相应事实上）。"""


def table_kind(table: Table) -> str:
    """'表二'、'表三'、'表四'，其他表格为 '表'；依据单元格里的标签文字。"""
    text = "".join(squeeze(c) for row in table.rows for c in row)
    if "行政复议" in text and "行政诉讼" in text and any(w in text for w in ("结果维持", "尚未审结", "结果纠正")):
        return "表四"
    if "自然人" in text and any(w in text for w in ("商业企业", "法人或其他组织", "予以公开", "本年新收")):
        return "表三"
    if "第二十条" in text or ("信息内容" in text and any(w in text for w in _TABLE2_WORDS)):
        return "表二"
    return "表"


def _parse(kind: str, table: Table) -> ParsedTable:
    if kind == "表二":
        return parse_table2(table)
    if kind == "表三":
        return parse_table3(table)
    if kind == "表四":
        return parse_table4(table)
    return parse_generic(table)


def table_facts(table: Table, known: Known | None = None) -> TableResult:
    """一张表的全部事实和勾稽核对结果（纯函数）。

    `known`: 正文里出现过的数 → 说它的标签（压平表格切分粘连数字时作为印证）。
    """
    kind = table_kind(table)
    flat_notes: list[tuple[str, str]] = []
    if table.layout == "flat":
        table, flat_notes = unflatten(table, kind, known or {})
    parsed = _parse(kind, table)
    for label, note in flat_notes:
        row = next((r for r in parsed.rows if r[-1:] == (label,)), None)
        if row is None:
            parsed.notes.append(note)
        else:
            parsed.note(row, note)
    checks = check_all(kind, parsed.rows, parsed.grid())
    facts = build_facts(kind, table.section, parsed, checks)
    notes = [n for ns in parsed.row_notes.values() for n in ns] + parsed.notes
    return TableResult(facts, checks, notes)
