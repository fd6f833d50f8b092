"""表二（主动公开政府信息情况）：标题行「第二十条第（一）项」、表头行、数据行组成的若干块。

行路径 = (标题, 行标签)（行标签按印刷，如「规范性文件」）；列路径 = (表头,)，表头按模板近似归一
（「本年度止件数」→「本年废止件数」，「采购项目数」+「量」→「采购项目数量」）。
"""
from __future__ import annotations

import re

from loaders.model import Table

from knowledge.facts.table_cells import cell_value, is_blank, is_label, prepare_rows
from knowledge.facts.table_grid import CellText, ParsedTable
from knowledge.facts.table_labels import canonical, clean_label, label_unit
from knowledge.facts.table_templates import TABLE2_HEADERS, TABLE2_PRIMARY

_CAPTION = re.compile(r"^第[二两]十条第（[一二三四五六七八九十]+）项")
_DEFAULT_UNIT = {"本年收费金额": "万元", "采购总金额": "元", "采购项目数量": "个"}

Header = tuple[int, str, str]
"""表头格：(列位置, 规范表头, 单位)。"""


def _is_header(row: tuple[str, ...], after_caption: bool = False) -> bool:
    """表头行：没有数，且（首格为「信息内容」或）有格近似某个标准表头；紧跟标题行时首格
    可以是空的（PDF 换页后「信息内容」格读丢了），其余格仍须是标准表头。"""
    if any(cell_value(c) is not None for c in row):
        return False
    labels = [clean_label(c) for c in row if is_label(c)]
    blank_first = after_caption and bool(row) and is_blank(row[0])
    known = any(canonical(x, TABLE2_HEADERS) in TABLE2_HEADERS for x in labels[0 if blank_first else 1:])
    return bool(labels) and (labels[0] == "信息内容" or known)


def _is_fragment(row: tuple[str, ...]) -> bool:
    """表头碎片行（如「| | 量 | |」）：首格空、没有数、每个非空格都很短。"""
    filled = [c for c in row if not is_blank(c)]
    return bool(filled) and is_blank(row[0]) and all(is_label(c) and len(c.strip()) <= 2 for c in filled)


def _headers(row: list[str], blank_first: bool = False) -> list[Header]:
    out = []
    first = 0 if blank_first else next(j for j, c in enumerate(row) if not is_blank(c))
    for j, raw in enumerate(row):
        if j <= first or is_blank(raw):
            continue
        name = canonical(clean_label(raw), TABLE2_HEADERS)
        out.append((j, name, label_unit(raw) or _DEFAULT_UNIT.get(name, "件")))
    return out


def _place(row: tuple[str, ...], start: int, headers: list[Header]) -> list[tuple[Header, str]]:
    """把一行的数对到表头：位置吻合按位置，否则个数相同按顺序。"""
    vals = [(j, c) for j, c in enumerate(row) if j > start and cell_value(c) is not None]
    by_pos = {h[0]: h for h in headers}
    if all(j in by_pos for j, _ in vals):
        return [(by_pos[j], c) for j, c in vals]
    return list(zip(headers, (c for _, c in vals)))


def parse_table2(table: Table) -> ParsedTable:
    """读表二：每个有值的格 → CellText（单位见 `_DEFAULT_UNIT`，否则 件）。"""
    out = ParsedTable()
    rows = prepare_rows(table.rows)
    caption, headers = "", []
    i = 0
    after_caption = False
    while i < len(rows):
        row = rows[i]
        i += 1
        first = next((clean_label(c) for c in row if not is_blank(c)), "")
        if _CAPTION.match(first):
            caption, headers = _CAPTION.match(first).group(0), []  # type: ignore[union-attr]
            after_caption = True
            continue
        blank_first = after_caption and bool(row) and is_blank(row[0])
        after_caption = False
        if _is_header(row, blank_first):
            merged = list(row)
            while i < len(rows) and _is_fragment(rows[i]):
                for j, c in enumerate(rows[i]):
                    if not is_blank(c) and j < len(merged):
                        merged[j] = merged[j] + c.strip()
                i += 1
            headers = _headers(merged, blank_first)
            continue
        start = next((j for j, c in enumerate(row) if is_label(c)), None)
        if start is None or not headers:
            if any(cell_value(c) is not None for c in row):
                out.notes.append(f"表二：未能读取的一行（{' '.join(c for c in row if c)}）")
            continue
        path = (caption, clean_label(row[start])) if caption else (clean_label(row[start]),)
        out.rows.append(path)
        for (_, name, unit), raw in _place(row, start, headers):
            primary = name in TABLE2_PRIMARY or len(headers) == 1
            out.cells.append(CellText(path, (name,), raw, unit, primary))
    return out
