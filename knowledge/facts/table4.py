"""表四（行政复议、行政诉讼）：唯一的数据行（行路径 ()），15 个固定列，必要时按勾稽规则对齐。

每格都是 primary（列本身就是要问的标签）。表头行不读：列采用标准模板。
"""
from __future__ import annotations

from loaders.model import Table

from knowledge.facts.align import choose_alignment, confirmed_zeros, row_candidates
from knowledge.facts.glued import blocks_sum, glued_candidates
from knowledge.facts.rules import rules_for
from knowledge.facts.table_cells import cell_value, is_blank, is_label, prepare_rows
from knowledge.facts.table_grid import CellText, ParsedTable
from knowledge.facts.table_templates import TABLE4_COLS

_NCOLS = len(TABLE4_COLS)


def _values(table: Table) -> list[str]:
    """数据行（至少 3 个数的行，可能被拆成几行）最后一个标签之后的格，依次连接。"""
    cells: list[str] = []
    for row in prepare_rows(table.rows):
        if sum(cell_value(c) is not None for c in row) < 3:
            continue
        labels = [j for j, c in enumerate(row) if is_label(c)]
        part = list(row[max(labels, default=-1) + 1 :])
        if table.layout == "pipe":
            while part and is_blank(part[-1]):
                part.pop()
        cells += part
    return cells


def parse_table4(table: Table) -> ParsedTable:
    """读表四：恰好 15 格按位置；多一格或少一格时选使各块「维持+纠正+其他+尚未审结 = 总计」成立最多的对齐。"""
    out = ParsedTable(rows=[()])
    if table.layout == "flat":
        cells = [row[-1] for row in table.rows if len(row) > 1][-1:]
        cands = glued_candidates(cells[0], _NCOLS, blocks_sum(len(TABLE4_COLS) // 3)) if cells else []
    else:
        cells = _values(table)
        cands = row_candidates(cells, _NCOLS)
    if not cands:
        return out
    values = confirmed_zeros(rules_for("表四", [()]), TABLE4_COLS, (), cands[0].values)
    if len(cands) > 1 or cands[0].cost:
        res = choose_alignment("表四", TABLE4_COLS, {}, {(): cands})
        values = res.values[()]
        size = len(cells)
        while size and is_blank(cells[size - 1]) and size > _NCOLS:
            size -= 1
        what = (f"粘连数字「{cells[0]}」切成 {_NCOLS} 格" if table.layout == "flat"
                else f"{size} 个值格对应 {_NCOLS} 列")
        if () in res.unplaced:
            lost = "".join(f"「{' › '.join(TABLE4_COLS[j])}」" for j in res.unplaced[()])
            out.note((), f"表四：{what}，{lost}无法确定位置，未取值")
        elif res.chosen[()].cost:
            out.note((), f"表四：{what}，已按勾稽关系对齐")
    for col, raw in zip(TABLE4_COLS, values):
        if raw is not None and cell_value(raw) is not None:
            out.cells.append(CellText((), col, raw, "件", True))
    return out
