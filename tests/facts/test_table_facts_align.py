"""The aligner, the 勾稽 rules, cell values and labels, on small synthetic grids."""
from __future__ import annotations

from loaders.model import Table

from knowledge.facts.align import Candidate, choose_alignment, row_candidates
from knowledge.facts.rules import Rule, check, table4_rules
from knowledge.facts.table_cells import cell_value, number, prepare_rows
from knowledge.facts.table_labels import canonical, clean_label
from knowledge.facts.table_templates import TABLE2_HEADERS, TABLE3_COLS, TABLE4_COLS
from knowledge.facts.tables import table_facts, table_kind

T4_HEAD = (
    ("行政复议", "", "", "", "", "行政诉讼"),
    ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计", "未经复议直接起诉", "", "", "", "", "复议后起诉"),
)


def t4(row: tuple[str, ...], layout: str = "tab") -> Table:
    return Table(rows=(*T4_HEAD, row), section=("四、",), layout=layout)


def values4(table: Table) -> dict[tuple[str, ...], str]:
    return {f.col: f.value for f in table_facts(table).facts}


# --- candidates -------------------------------------------------------------------------


def test_candidates_exact_fit_is_single_and_trailing_blanks_are_padding() -> None:
    assert row_candidates(["1", "", "3"], 3) == [Candidate(("1", "", "3"))]
    assert row_candidates(["1", "2", "3", "", ""], 3) == [Candidate(("1", "2", "3"))]


def test_candidates_one_missing_inserts_a_gap_anywhere() -> None:
    cands = row_candidates(["5", "6"], 3)
    assert {c.values for c in cands} == {(None, "5", "6"), ("5", None, "6"), ("5", "6", None)}
    assert all(c.cost == 1 for c in cands)


def test_candidates_one_too_many_prefers_dropping_a_blank() -> None:
    cands = row_candidates(["", "4", "2", "9"], 3)
    assert cands[0] == Candidate(("4", "2", "9"), 0, (("drop", 0),))
    assert {c.values for c in cands} >= {("", "2", "9"), ("", "4", "9"), ("", "4", "2")}


# --- the aligner ------------------------------------------------------------------------


def test_one_number_missing_placed_by_the_rules() -> None:
    # 14 cells: 行政复议 printed 1|0|0|1 (one cell lost). Only a gap inside that block keeps the two
    # 行政诉讼 blocks adding up, so they are placed exactly; within 行政复议 the total 1 shows the
    # lost cell is a blank zero, but whether 维持 or 纠正 holds the 1 cannot be told
    row = ("1", "0", "0", "1", "0", "2", "0", "0", "2", "3", "0", "1", "0", "4")
    result = table_facts(t4(row))
    got = {f.col: f.value for f in result.facts}
    direct, after = ("行政诉讼", "未经复议直接起诉"), ("行政诉讼", "复议后起诉")
    assert [got[(*direct, r)] for r in ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")] == \
        ["0", "2", "0", "0", "2"]
    assert [got[(*after, r)] for r in ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")] == \
        ["3", "0", "1", "0", "4"]
    assert {col[-1]: v for col, v in got.items() if col[0] == "行政复议"} == \
        {"其他结果": "0", "尚未审结": "0", "总计": "1"}
    assert [c.status for c in result.checks] == ["cannot", "pass", "pass"]


def test_one_too_many_drops_the_cell_that_makes_the_rules_hold() -> None:
    # 003 鲤城: five blank 行政复议 cells + 11 numbers = 16 cells; dropping a blank would give
    # 行政复议 总计 = 4 and break 未经复议直接起诉; dropping a trailing 0 makes every rule hold
    row = ("", "", "", "", "", "4", "2", "0", "0", "6", "0", "0", "0", "0", "0", "0")
    result = table_facts(t4(row))
    got = {f.col: f.value for f in result.facts}
    assert got[("行政诉讼", "未经复议直接起诉", "结果维持")] == "4"
    assert got[("行政诉讼", "未经复议直接起诉", "总计")] == "6"
    assert not any(col[0] == "行政复议" for col in got)
    assert [c.status for c in result.checks] == ["cannot", "pass", "pass"]
    assert all("已按勾稽关系对齐" in w for f in result.facts for w in f.warnings)


def test_blank_zero_confirmed_by_the_block_totals() -> None:
    # 14 cells, the 诉讼 blocks all zero: wherever the lost cell was, a printed total of 0 shows
    # it is a blank zero, so every cell has its value and every rule holds
    row = ("1", "0", "0", "0", "1", "0", "0", "0", "0", "0", "0", "0", "0", "0")
    result = table_facts(t4(row))
    got = {f.col: f.value for f in result.facts}
    assert got[("行政复议", "结果维持")] == "1" and got[("行政复议", "总计")] == "1"
    assert got[("行政诉讼", "复议后起诉", "总计")] == "0" and len(got) == 15
    assert [c.status for c in result.checks] == ["pass", "pass", "pass"]
    assert not any("无法确定位置" in w for w in result.warnings)


def test_tie_leaves_the_disputed_cells_without_value() -> None:
    # 14 cells, no total confirms the lost cell: 行政复议 1|2|0|0 with its 总计 3 lost or one
    # of the 诉讼 blocks short — cells that differ between equally good alignments get no value
    row = ("1", "2", "0", "0", "3", "0", "0", "0", "5", "1", "1", "0", "0", "0")
    result = table_facts(t4(row))
    got = {f.col: f.value for f in result.facts}
    assert len(got) < 15
    assert any("无法确定位置" in w for w in result.warnings)


def test_choose_alignment_is_generic_over_candidates() -> None:
    # glued digits "801000081" split candidates for a 表三 row, decided by the row rule
    row = ("一、本年新收政府信息公开申请数量",)
    good = Candidate(("80", "1", "0", "0", "0", "0", "81"))
    bad = Candidate(("8", "0", "1", "0", "0", "0", "081"))
    res = choose_alignment("表三", TABLE3_COLS, {}, {row: [bad, good]})
    assert res.values[row] == good.values and row not in res.unplaced
    other = Candidate(("80", "0", "1", "0", "0", "0", "81"))
    tie = choose_alignment("表三", TABLE3_COLS, {}, {row: [good, other]})
    assert tie.values[row] == ("80", None, None, "0", "0", "0", "81")
    assert tie.unplaced[row] == (1, 2)


def test_never_invents_values() -> None:
    row = ("7",)
    result = table_facts(t4(row))
    assert {f.value for f in result.facts} <= {"7"} and len(result.facts) <= 1


# --- rules ------------------------------------------------------------------------------


def test_rule_statuses_and_message() -> None:
    rule = table4_rules()[0]
    cols = [c for c in TABLE4_COLS if c[0] == "行政复议"]
    grid = {((), c): v for c, v in zip(cols, ["1", "0", "2", "0", "3"])}
    assert check(rule, grid).status == "pass"
    bad = check(rule, grid | {((), cols[-1]): "4"})
    assert bad.status == "fail"
    assert bad.message == "勾稽不符：表四「行政复议」 维持+纠正+其他+尚未审结 = 3，总计 = 4"
    assert bad.operands[0] == ("行政复议 › 结果维持", "1")
    assert check(rule, grid | {((), cols[1]): None}).status == "cannot"


def test_money_rule_uses_exact_decimals() -> None:
    rule = Rule("r", "w", ((("a",), ("x",)), (("b",), ("x",))), ((("c",), ("x",)),), "a+b", "c")
    grid = {(("a",), ("x",)): "0.1", (("b",), ("x",)): "0.2", (("c",), ("x",)): "0.3"}
    assert check(rule, grid).status == "pass"
    assert number("149.876378") + number("0.000001") == number("149.876379")


def test_table3_result_sum_cannot_when_result_rows_missing() -> None:
    grid = (
        ("(本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和)", "", "申请人情况"),
        ("", "", "自然人", "法人或其他组织", "", "", "", "", "总计"),
        ("", "", "", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"),
        ("一、本年新收政府信息公开申请数量", "", "3", "0", "0", "0", "0", "0", "3"),
        ("二、上年结转政府信息公开申请数量", "", "0", "0", "0", "0", "0", "0", "0"),
        ("三、本年度办理结果", "(一) 予以公开", "3", "0", "0", "0", "0", "0", "3"),
        ("", "(七) 总计", "3", "0", "0", "0", "0", "0", "3"),
        ("四、结转下年度继续办理", "", "0", "0", "0", "0", "0", "0", "0"),
    )
    result = table_facts(Table(rows=grid, section=()))
    status = {c.name: c.status for c in result.checks}
    assert status["表三 自然人列：一+二 = （七）总计+四"] == "pass"
    assert status["表三 自然人列：（七）总计 = 各项办理结果之和"] == "cannot"
    assert status["表三「三、本年度办理结果 › （一）予以公开」行：自然人+…+其他 = 总计"] == "pass"


# --- cells, labels, 表二, generic tables ---------------------------------------------------


def test_cell_values() -> None:
    assert cell_value("22（其中修订16件）") == "22"
    assert cell_value("-15") == "-15" and cell_value("149.876378") == "149.876378"
    assert [cell_value(x) for x in ("", "/", "—", "-", "无", "不适用", "结果维持")] == [None] * 7


def test_labels() -> None:
    assert clean_label("结 果 维 持") == "结果维持"
    assert clean_label("尚 未 审 结") == "尚未审结"
    assert clean_label("(二) 部分公开 (区分处理的，只计这一情形，不计其他情形)") == "（二）部分公开"
    assert clean_label("对外公开总数量<br>(2019 年起)") == "对外公开总数量"
    assert clean_label("第二十条第(一)项") == "第二十条第（一）项"
    assert canonical("本年度止件数", TABLE2_HEADERS) == "本年废止件数"
    assert canonical("规范性文件", TABLE2_HEADERS) == "规范性文件"


def test_loader_fragments_label_number_rows_notes_and_no_value_cells() -> None:
    rows = (
        ("第二十条第（一）项", "", "", ""),
        ("信息内容", "本年制发件数", "本年废止件数", "现行有效件数"),
        ("规范性文件", "22（其中修订16件）", "/", "不适用"),
        ("第二十条第（九）项", "", "", ""),
        ("信息内容", "采购项目数", "采购总金额", ""),
        ("", "量", "", ""),
        ("政府集中采购", "3", "120.5", ""),
        ("第二十条第（八）项",),
        ("信息内容", "本年收费金额（单位：万元）"),
        ("行政事业性收费",),
        ("149.876378",),
    )
    table = Table(rows=rows, section=("二、",), layout="pipe")
    assert table_kind(table) == "表二"
    facts = {(f.row[-1], f.col[-1]): f for f in table_facts(table).facts}
    made = facts[("规范性文件", "本年制发件数")]
    assert made.value == "22" and "22（其中修订16件）" in made.quote
    assert ("规范性文件", "本年废止件数") not in facts and ("规范性文件", "现行有效件数") not in facts
    assert facts[("政府集中采购", "采购项目数量")].value == "3"
    assert facts[("政府集中采购", "采购总金额")].unit == "元"
    fee = facts[("行政事业性收费", "本年收费金额")]
    assert (fee.value, fee.unit, fee.primary) == ("149.876378", "万元", True)


def test_prepare_rows_joins_label_and_number_rows() -> None:
    assert prepare_rows((("行政事业性收费",), ("149.876378",), ("", ""), ("- 4 -",))) == [
        ("行政事业性收费", "149.876378")
    ]


def test_generic_table() -> None:
    rows = (("项目", "数量（单位：条）", "合计"), ("网站", "12", "30"), ("微博", "18", ""))
    table = Table(rows=rows, section=("一、",))
    assert table_kind(table) == "表"
    facts = table_facts(table).facts
    by = {(f.row, f.col): f for f in facts}
    assert by[(("网站",), ("数量",))].unit == "条" and by[(("网站",), ("数量",))].primary is False
    assert by[(("网站",), ("合计",))].primary and by[(("微博",), ("数量",))].primary
    assert {f.table for f in facts} == {"表"} and table_facts(table).checks == []
