"""其他表格：首个非空行为表头，行标签 = 行首的非数字格，列 = 该位置的表头格；「计量单位」列给出每行的单位。"""
from __future__ import annotations

import re

from loaders.model import Table

from knowledge.facts.table_cells import cell_value, is_blank, prepare_rows
from knowledge.facts.table_grid import CellText, ParsedTable
from knowledge.facts.table_labels import clean_label, label_unit

_TOTALS = frozenset({"总计", "合计", "小计"})
_THIS_YEAR = re.compile(r"(?:\d{4}|本)年度?")
"""统计表的本年度列（「2016年度」）：只问行名时作答的列（历年累计要明说）。"""
_UNIT_HEADS = frozenset({"计量单位", "单位"})
"""表头为这些词的列是每行的单位，不进行路径。"""


def parse_generic(table: Table) -> ParsedTable:
    """读普通表：单位取表头括注（单位：…），只有一个数的行或 总计/合计 列为 primary。"""
    out = ParsedTable()
    rows = prepare_rows(table.rows)
    if not rows:
        return out
    header, body = rows[0], rows[1:]
    unit_col = next((j for j, c in enumerate(header) if clean_label(c) in _UNIT_HEADS), None)
    for row in body:
        first_num = next((j for j, c in enumerate(row) if cell_value(c) is not None), None)
        if first_num is None:
            continue
        row_unit = clean_label(row[unit_col]) if unit_col is not None and unit_col < first_num else ""
        path = tuple(clean_label(c) for j, c in enumerate(row[:first_num])
                     if not is_blank(c) and j != unit_col)
        vals = [(j, c) for j, c in enumerate(row) if j >= first_num and cell_value(c) is not None]
        out.rows.append(path)
        for j, raw in vals:
            head = header[j] if j < len(header) else ""
            col = (clean_label(head),) if not is_blank(head) else (f"第{j + 1}列",)
            primary = len(vals) == 1 or col[-1] in _TOTALS or bool(_THIS_YEAR.fullmatch(col[-1]))
            out.cells.append(CellText(path, col, raw, row_unit or label_unit(head), primary))
    return out
