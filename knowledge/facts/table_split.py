"""表格按内容认：两张表印在一起（表四印在「四、」标题之前，或标题缺失、带错字）时，从表头行
把网格切开；表所在的节按表的种类找回（表四 → 「四、…行政复议、行政诉讼情况」）。

A text table separated from the next only by blank lines is joined to it by the loader (as a
page-split table should be); when the second is another kind of table, the first vanished
(表三 + 表四 read as one 表四). Here a grid is cut before each row that starts a table of
another kind: 表四's 「行政复议 … 行政诉讼」 header, 表三's 「申请人情况」 / 「自然人 … 总计」 header,
表二's 「第二十条第（一）项」 caption.
"""
from __future__ import annotations

import re
from dataclasses import replace

from loaders.model import Document, Table

from knowledge.facts.table_cells import squeeze

_PART_WORDS = {
    "表二": ("主动公开政府信息",),
    "表三": ("收到和处理政府信息公开申请", "处理政府信息公开申请", "政府信息公开申请情况"),
    "表四": ("行政复议", "行政诉讼"),
}
"""Words of the level-1 heading each table belongs under."""
_T2_FIRST = re.compile(r"^第[二两]十条第（一）项")


def _starts(row: tuple[str, ...]) -> str:
    """The kind of table whose header begins at `row`, or ''."""
    cells = [squeeze(c) for c in row if c and c.strip()]
    text = "".join(cells)
    if any(c == "行政复议" or c.startswith("行政复议") and len(c) <= 6 for c in cells) and "行政诉讼" in text:
        return "表四"
    if "申请人情况" in text or ("自然人" in cells and "总计" in text):
        return "表三"
    if cells and _T2_FIRST.match(cells[0]):
        return "表二"
    return ""


def split_by_content(table: Table) -> list[Table]:
    """`table` cut before each header row of a table of another kind than the rows above it."""
    from knowledge.facts.tables import table_kind

    if table.layout == "flat" or len(table.rows) < 4:
        return [table]
    pieces: list[Table] = []
    start = 0
    for i, row in enumerate(table.rows):
        kind = _starts(row)
        if not kind or i - start < 2:
            continue
        head = replace(table, rows=table.rows[start:i])
        if table_kind(head) not in ("表", kind):
            pieces.append(head)
            start = i
    pieces.append(replace(table, rows=table.rows[start:]))
    return pieces


def _belongs(title: str, kind: str) -> bool:
    text = squeeze(title)
    return any(word in text for word in _PART_WORDS.get(kind, ()))


def place_by_kind(table: Table, kind: str, doc: Document) -> Table:
    """`table` under the level-1 heading of its kind when it sits under another part (printed
    before its heading, or the heading has a typo the outline still caught); else as is."""
    if kind not in _PART_WORDS or (table.section and _belongs(table.section[0], kind)):
        return table
    home = [s for s in doc.sections if s.level == 1 and _belongs(s.title, kind)]
    if len(home) != 1:
        return table
    return replace(table, section=home[0].path)
