"""表三（收到和处理政府信息公开申请情况）：行路径、值格、对齐。

标签分布在前 1–3 列且常错位，所以按内容（一、/（一）/1.）而不是列号认层级：
编号小项归属最近的（n）组；没有数的组行（「(五) 不予处理」）只设定当前组。
值格 = 最后一个标签之后的格；标签区（某行写有标签的最右列以内）里的前导空格不算值格。
"""
from __future__ import annotations

import re
from dataclasses import replace

from loaders.model import Table

from knowledge.facts.align import Candidate, choose_alignment, confirmed_zeros, row_candidates
from knowledge.facts.glued import glued_candidates, sums_to_last
from knowledge.facts.rules import rules_for
from knowledge.facts.table_cells import cell_value, is_blank, is_label, prepare_rows
from knowledge.facts.table_grid import CellText, ParsedTable, RowPath, describe
from knowledge.facts.table_labels import canonical, clean_label, level
from knowledge.facts.table_templates import (
    TABLE3_COLS, TABLE3_GROUPS, TABLE3_ITEMS, TABLE3_TOP, TOP_RESULTS,
)

_NCOLS = len(TABLE3_COLS)
_DIGITS = re.compile(r"[\d\s.\-]+")
"""压平表格里一格粘连的数字（可带空格：「500000 5」）。"""


class _Paths:
    """逐行维护当前的一级行和组，给出每行的行路径。"""

    def __init__(self) -> None:
        self.top: str | None = None
        self.group: str | None = None

    def path(self, labels: list[str]) -> RowPath | None:
        """由一行的标签更新状态并返回行路径；没有可认的标签返回 None。"""
        path: RowPath | None = None
        for lab in labels:
            kind = level(lab)
            if kind == "top":
                self.top, self.group = canonical(lab, TABLE3_TOP), None
                path = (self.top,)
            elif kind == "group":
                self.top, self.group = TOP_RESULTS, canonical(lab, TABLE3_GROUPS)
                path = (self.top, self.group)
            elif kind == "item":
                item = canonical(lab, TABLE3_ITEMS.get(self.group or "", ()))
                path = tuple(p for p in (self.top or TOP_RESULTS, self.group) if p) + (item,)
            elif path is None and lab:
                path = (lab,)
        return path


def _value_cells(row: tuple[str, ...], last_label: int, zone: int, layout: str) -> list[str]:
    """最后一个标签之后的值格：跳过标签区内的前导空格；pipe 表去掉尾部空格。"""
    j = last_label + 1
    while j < min(zone, len(row)) and is_blank(row[j]):
        j += 1
    cells = list(row[j:])
    if layout == "pipe":
        while cells and is_blank(cells[-1]):
            cells.pop()
        cells = [c for c in cells if not is_blank(c)] if len(cells) != _NCOLS else cells
    return cells


def _trimmed(cells: list[str]) -> int:
    """去掉尾部空格后的值格数（说明用）。"""
    n = len(cells)
    while n and is_blank(cells[n - 1]):
        n -= 1
    return n


def _data_rows(table: Table) -> list[tuple[str, ...]]:
    rows = prepare_rows(table.rows)
    for i, row in enumerate(rows):
        if any(is_label(c) and level(clean_label(c)) != "text" for c in row):
            return rows[i:]
    return []


def parse_table3(table: Table) -> ParsedTable:
    """读表三：每个有值的格 → CellText（单位 件，总计列为 primary），必要时按勾稽规则对齐。"""
    out = ParsedTable()
    data = _data_rows(table)
    marks = [j for row in data for j, c in enumerate(row) if is_label(c) and level(clean_label(c)) != "text"]
    zone = max(marks, default=-1) + 1
    paths = _Paths()
    glued = table.layout == "flat"
    entries: dict[RowPath, list[str]] = {}
    for row in data:
        idx = [j for j, c in enumerate(row) if is_label(c) and not (glued and _DIGITS.fullmatch(c))]
        if not idx:
            if any(cell_value(c) is not None for c in row):
                out.notes.append(f"表三：无行标签的一行数字未读取（{' '.join(c for c in row if c)}）")
            continue
        path = paths.path([clean_label(row[j]) for j in idx])
        cells = _value_cells(row, max(idx), zone, table.layout)
        if path is None or not any(_has_value(c, glued) for c in cells):
            continue
        if path in entries:
            out.notes.append(f"表三：「{describe(path)}」行重复出现，只取第一次")
            continue
        entries[path] = cells
    _place(out, entries, glued)
    return out


def _has_value(cell: str, glued: bool) -> bool:
    """格里有数（粘连数字串可带空格，如「500000 5」）。"""
    return cell_value(cell) is not None or (glued and bool(_DIGITS.fullmatch(cell)))


def _candidates(cells: list[str], glued: bool) -> list[Candidate]:
    """一行的候选：粘连数字按切法（行合计成立者优先），否则按对齐。"""
    if glued and len(cells) == 1:
        return glued_candidates(cells[0], _NCOLS, sums_to_last)
    return row_candidates(cells, _NCOLS)


def _place(out: ParsedTable, entries: dict[RowPath, list[str]], glued: bool = False) -> None:
    """定位每行的值：恰好 7 格的按位置，其余用勾稽规则在候选对齐中选。"""
    fixed: dict[tuple[RowPath, tuple[str, ...]], str | None] = {}
    uncertain: dict[RowPath, list[Candidate]] = {}
    final: dict[RowPath, tuple[str | None, ...]] = {}
    rules = rules_for("表三", list(entries))
    for path, cells in entries.items():
        cands = _candidates(cells, glued)
        if len(cands) == 1 and cands[0].cost == 0:
            cands = [replace(cands[0], values=confirmed_zeros(rules, TABLE3_COLS, path, cands[0].values))]
            final[path] = cands[0].values
            fixed.update({(path, col): v for col, v in zip(TABLE3_COLS, cands[0].values)})
        elif cands:
            uncertain[path] = cands
    if uncertain:
        res = choose_alignment("表三", TABLE3_COLS, fixed, uncertain)
        for path, values in res.values.items():
            final[path] = values
            size = _trimmed(entries[path])
            what = (f"粘连数字「{entries[path][0]}」切成 {_NCOLS} 格" if glued
                    else f"{size} 个值格对应 {_NCOLS} 列")
            if path in res.unplaced:
                lost = "".join(f"「{TABLE3_COLS[j][-1]}」" for j in res.unplaced[path])
                out.note(path, f"表三「{describe(path)}」行：{what}，"
                               f"{lost}无法确定位置，未取值")
            elif res.chosen[path].cost:
                out.note(path, f"表三「{describe(path)}」行：{what}，已按勾稽关系对齐")
    for path in entries:
        out.rows.append(path)
        for col, raw in zip(TABLE3_COLS, final.get(path, ())):
            if raw is not None and cell_value(raw) is not None:
                out.cells.append(CellText(path, col, raw, "件", col == ("总计",)))
