"""table_facts on the tables of the five bundled samples (grids cut from the sample text)."""
from __future__ import annotations

import pytest

from knowledge.facts.tables import TableResult, table_facts, table_kind
from knowledge.facts.table_templates import TOP_NEW, TOP_NEXT, TOP_RESULTS
from knowledge.model import Fact
from tests.facts.seedgrid import seed_table

T2 = ("第二十条第（一）项", "收到和处理")
T3 = ("(本列数据", "行政复议、")
T4 = ("行政复议\t", "五、")
NAT, BIZ, TOTAL = ("申请人情况", "自然人"), ("申请人情况", "法人或其他组织", "商业企业"), ("总计",)
XIAN = (TOP_RESULTS, "（一）予以公开")
RESULT_TOTAL = (TOP_RESULTS, "（七）总计")
FUYI, ZHIJIE, FUYIHOU = ("行政复议",), ("行政诉讼", "未经复议直接起诉"), ("行政诉讼", "复议后起诉")
BLOCKS = {
    "000": (T2, T3, T4), "001": (T2, T3, ("| 行政复议", "五、")), "002": (T2, (T3[0], "因政府信息公开工作被"), T4),
    "003": (T2, T3, T4), "004": (T2, T3, T4),
}
_CACHE: dict[tuple[str, int], TableResult] = {}


def result(prefix: str, which: int) -> TableResult:
    """Facts of table 表二 (0), 表三 (1) or 表四 (2) of a sample."""
    if (prefix, which) not in _CACHE:
        first, stop = BLOCKS[prefix][which]
        _CACHE[prefix, which] = table_facts(seed_table(prefix, first, stop, ("sec",)))
    return _CACHE[prefix, which]


def cell(prefix: str, which: int, row: tuple[str, ...], col: tuple[str, ...]) -> Fact | None:
    found = [f for f in result(prefix, which).facts if f.row == row and f.col == col]
    assert len(found) <= 1
    return found[0] if found else None


def value(prefix: str, which: int, row: tuple[str, ...], col: tuple[str, ...]) -> str | None:
    fact = cell(prefix, which, row, col)
    return fact.value if fact else None


def failed(prefix: str, which: int) -> list[str]:
    return [c.message for c in result(prefix, which).checks if c.status == "fail"]


@pytest.mark.parametrize("prefix", sorted(BLOCKS))
def test_kinds_detected_from_labels(prefix: str) -> None:
    kinds = [table_kind(seed_table(prefix, *BLOCKS[prefix][i])) for i in range(3)]
    assert kinds == ["表二", "表三", "表四"]


def test_000_table3_realigned_rows_keep_only_certain_cells() -> None:
    assert value("000", 1, (TOP_NEW,), TOTAL) == "17"
    assert value("000", 1, ("二、上年结转政府信息公开申请数量",), TOTAL) == "5"
    assert value("000", 1, XIAN, NAT) == "9"
    assert value("000", 1, XIAN, TOTAL) == "9"
    assert value("000", 1, RESULT_TOTAL, TOTAL) == "20"
    assert value("000", 1, (TOP_NEXT,), TOTAL) == "2"
    # six numbers for seven columns, 自然人 = 总计: wherever the blank was, the 法人 cells are 0
    assert value("000", 1, XIAN, BIZ) == "0"
    assert not any("无法确定位置" in w for w in cell("000", 1, XIAN, NAT).warnings)
    assert not any("一、" in m for m in failed("000", 1))
    assert failed("000", 1) == []


def test_000_table2_and_table4() -> None:
    rule = ("第二十条第（一）项", "行政规范性文件")
    fact = cell("000", 0, rule, ("现行有效件数",))
    assert (fact.value, fact.primary, fact.unit, fact.table) == ("69", True, "件", "表二")
    assert fact.label == "第二十条第（一）项 › 行政规范性文件 › 现行有效件数"
    assert fact.quote == "表二 › 第二十条第（一）项 › 行政规范性文件 › 现行有效件数"
    assert fact.section == ("sec",) and fact.kind == "table" and fact.number == 69.0
    made = cell("000", 0, rule, ("本年制发件数",))
    assert (made.value, made.primary) == ("13", False)
    assert value("000", 0, ("第二十条第（五）项", "行政许可"), ("本年处理决定数量",)) == "0"
    assert value("000", 2, (), (*FUYI, "结果维持")) == "1"
    assert value("000", 2, (), (*FUYI, "总计")) == "1"
    assert all(f.primary for f in result("000", 2).facts)


def test_001_table2_2019_template_pipe() -> None:
    assert value("001", 0, ("第二十条第（五）项", "行政许可"), ("处理决定数量",)) == "94335"
    assert cell("001", 0, ("第二十条第（五）项", "行政许可"), ("处理决定数量",)).primary
    assert value("001", 0, ("第二十条第（五）项", "行政许可"), ("上一年项目数量",)) == "490"
    buy = ("第二十条第（九）项", "政府集中采购")
    money = cell("001", 0, buy, ("采购总金额",))
    assert (money.value, money.unit, money.primary) == ("249887966.42", "元", True)
    count = cell("001", 0, buy, ("采购项目数量",))  # "采购项目数" + stray "量" row
    assert (count.value, count.unit) == ("271", "个")
    assert value("001", 0, ("第二十条第（一）项", "规范性文件"), ("对外公开总数量",)) == "126"


def test_001_table3_values_and_broken_new_row() -> None:
    assert value("001", 1, XIAN, TOTAL) == "142"
    assert value("001", 1, (TOP_RESULTS, "（四）无法提供", "2.没有现成信息需要另行制作"), TOTAL) == "23"
    assert value("001", 1, (TOP_RESULTS, "（六）其他处理"), TOTAL) == "0"  # 2019: one row
    message = "勾稽不符：表三「一、本年新收政府信息公开申请数量」行 自然人+…+其他 = 222，总计 = 231"
    assert message in failed("001", 1)
    new = [f for f in result("001", 1).facts if f.row == (TOP_NEW,)]
    assert len(new) == 7 and all(message in f.warnings for f in new)
    assert message not in cell("001", 1, XIAN, TOTAL).warnings


def test_001_table4() -> None:
    assert value("001", 2, (), (*ZHIJIE, "总计")) == "5"
    assert value("001", 2, (), (*FUYIHOU, "总计")) == "5"
    assert failed("001", 2) == []


def test_002_printed_inconsistencies_become_warnings() -> None:
    nat, total = cell("002", 1, (TOP_NEW,), NAT), cell("002", 1, (TOP_NEW,), TOTAL)
    assert (nat.value, total.value) == ("1", "0")
    row_rule = "勾稽不符：表三「一、本年新收政府信息公开申请数量」行 自然人+…+其他 = 1，总计 = 0"
    assert row_rule in nat.warnings and row_rule in total.warnings
    assert value("002", 0, ("第二十条第（一）项", "规范性文件"), ("现行有效件数",)) == "10"
    assert value("002", 0, ("第二十条第（一）项", "规范性文件"), ("本年废止件数",)) == "0"
    assert not [f for f in result("002", 2).facts if f.col[0] == "行政复议"]
    fixed = cell("002", 2, (), (*ZHIJIE, "结果纠正"))
    assert fixed.value == "1" and value("002", 2, (), (*ZHIJIE, "总计")) == "0"
    assert any(w.startswith("勾稽不符：表四「行政诉讼 › 未经复议直接起诉」") for w in fixed.warnings)
    statuses = {c.name: c.status for c in result("002", 2).checks}
    assert statuses["表四 行政复议：维持+纠正+其他+尚未审结 = 总计"] == "cannot"


def test_003_values_units_and_realigned_table4() -> None:
    assert value("003", 0, ("第二十条第（五）项", "行政许可"), ("本年处理决定数量",)) == "56200"
    fee = cell("003", 0, ("第二十条第（八）项", "行政事业性收费"), ("本年收费金额",))
    assert (fee.value, fee.unit, fee.number) == ("149.876378", "万元", 149.876378)
    assert value("003", 1, (TOP_RESULTS, "（四）无法提供", "1.本机关不掌握相关政府信息"), TOTAL) == "35"
    assert value("003", 1, (TOP_NEW,), TOTAL) == "81"
    assert [value("003", 2, (), (*ZHIJIE, r)) for r in ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")] \
        == ["4", "2", "0", "0", "6"]
    assert [value("003", 2, (), (*FUYIHOU, r)) for r in ("结果维持", "总计")] == ["0", "0"]
    assert not [f for f in result("003", 2).facts if f.col[0] == "行政复议"]
    assert {c.status for c in result("003", 2).checks} == {"pass", "cannot"}
    assert failed("003", 1) == []


def test_004_all_zero_and_consistent() -> None:
    assert value("004", 0, ("第二十条第（六）项", "行政处罚"), ("本年处理决定数量",)) == "0"
    for which in range(3):
        assert failed("004", which) == []
    assert len(result("004", 1).facts) == 25 * 7
    assert len(result("004", 2).facts) == 15
    assert all(c.status == "pass" for c in result("004", 1).checks)


def test_table3_labels_normalised() -> None:
    rows = {f.row for f in result("003", 1).facts}
    assert (TOP_RESULTS, "（二）部分公开") in rows
    assert (TOP_RESULTS, "（三）不予公开", "3.危及“三安全一稳定”") in rows
    assert (TOP_RESULTS, "（六）其他处理", "3.其他") in rows  # label shifted into the first column
    assert (TOP_NEXT,) in rows and len(rows) == 25


KEY_CELLS = {
    "000": (1, XIAN, NAT, "9"),
    "001": (1, (TOP_RESULTS, "（四）无法提供", "2.没有现成信息需要另行制作"), TOTAL, "23"),
    "002": (0, ("第二十条第（一）项", "规范性文件"), ("现行有效件数",), "10"),
    "003": (2, (), (*ZHIJIE, "总计"), "6"),
    "004": (0, ("第二十条第（六）项", "行政处罚"), ("本年处理决定数量",), "0"),
}


@pytest.mark.parametrize("prefix", sorted(KEY_CELLS))
def test_same_facts_from_the_real_loader(prefix: str) -> None:
    from loaders import load_document
    from tests.facts.seedgrid import CORPUS

    (path,) = CORPUS.glob(f"{prefix}_*.txt")
    tables = [t for t in load_document(path).tables if table_kind(t) != "表"]
    assert [table_kind(t) for t in tables] == ["表二", "表三", "表四"]
    which, row, col, expected = KEY_CELLS[prefix]
    facts = table_facts(tables[which]).facts
    assert [f.value for f in facts if f.row == row and f.col == col] == [expected]
    assert len(facts) == len(result(prefix, which).facts)
