"""Reports leave zeros blank. A blank is 0 where a total in its row shows the other cells are
zero (自然人 = 总计; 维持 = 总计 in a 表四 block); elsewhere a blank stays unknown."""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from knowledge import bundled_corpus
from knowledge.facts.table_templates import TOP_NEW
from knowledge.facts.tables import table_facts
from loaders import load_document
from loaders.model import Table
from tests.report_blocks import JINJIANG_2024

T4_HEAD = (
    ("行政复议", "", "", "", "", "行政诉讼"),
    ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计", "未经复议直接起诉", "", "", "", "", "复议后起诉"),
)
ZEROS = ("0", "0", "0", "0", "0")


def t4(*blocks: tuple[str, ...]) -> Table:
    return Table(rows=(*T4_HEAD, tuple(c for b in blocks for c in b)), section=("四、",))


def test_blank_cells_under_a_confirming_total_are_zero() -> None:
    result = table_facts(t4(("1", "", "", "", "1"), ZEROS, ZEROS))
    got = {f.col: f.value for f in result.facts}
    assert [got[("行政复议", c)] for c in ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")] == \
        ["1", "0", "0", "0", "1"]
    assert [c.status for c in result.checks] == ["pass", "pass", "pass"]


def test_blank_cells_without_a_confirming_total_stay_unknown() -> None:
    result = table_facts(t4(("1", "", "", "", "2"), ZEROS, ZEROS))
    got = {f.col: f.value for f in result.facts}
    assert ("行政复议", "结果纠正") not in got and got[("行政复议", "总计")] == "2"
    assert result.checks[0].status == "cannot"
    blank_total = table_facts(t4(("1", "0", "0", "0", ""), ZEROS, ZEROS))
    assert ("行政复议", "总计") not in {f.col for f in blank_total.facts}
    assert blank_total.checks[0].status == "cannot"


def table3() -> Table:
    doc = load_document(Path(bundled_corpus()) / JINJIANG_2024)
    return next(t for t in doc.tables if any(TOP_NEW in c for row in t.rows for c in row))


def blanked(table: Table, label: str, keep: set[int]) -> Table:
    """`table` with the zeros of the row starting `label` printed blank, except cells in `keep`."""
    rows = []
    for row in table.rows:
        if row and row[0] == label:
            row = tuple(c if j in keep or c != "0" else "" for j, c in enumerate(row))
        rows.append(row)
    return replace(table, rows=tuple(rows))


def test_table3_row_with_natural_person_equal_to_total() -> None:
    base = table3()
    row = next(r for r in base.rows if r[0] == TOP_NEW)
    assert row.count("17") == 2  # 自然人 17 … 总计 17, 法人 cells 0
    facts = table_facts(blanked(base, TOP_NEW, set()))
    new = {f.col[-1]: f.value for f in facts.facts if f.row == (TOP_NEW,)}
    assert new["商业企业"] == "0" and new["其他"] == "0" and new["总计"] == "17"
    row_rule = next(c for c in facts.checks if TOP_NEW in c.name and "自然人+" in c.name)
    assert row_rule.status == "pass"


def test_table3_row_whose_total_does_not_confirm() -> None:
    base = table3()
    rows = tuple(tuple("18" if r[0] == TOP_NEW and j == len(r) - 1 else c for j, c in enumerate(r))
                 for r in base.rows)
    facts = table_facts(blanked(replace(base, rows=rows), TOP_NEW, set()))
    new = {f.col[-1]: f.value for f in facts.facts if f.row == (TOP_NEW,)}
    assert "商业企业" not in new and new["总计"] == "18"
