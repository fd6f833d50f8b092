"""Flattened web-page tables: the lexer (loaders.flat_tables), the digit splitter
(knowledge.facts.glued) and the facts the crawled 平潭 reports give."""
from __future__ import annotations

from knowledge.facts import document_facts
from knowledge.facts.glued import glued_candidates, sums_to_last
from knowledge.facts.table_flat import split_by_priors
from knowledge.facts.tables import table_facts
from knowledge.model import Fact
from loaders import Paragraph, Table, load_document
from loaders.flat_tables import flat_rows, looks_flattened, split_flat_tables
from tests.conftest import shared_path


def test_rows_hand_item_numbers_to_the_next_label() -> None:
    rows = flat_rows("（四）无法提供1.本机关不掌握相关政府信息3100000312.没有现成信息需要另行制作0000000")
    assert rows == [("（四）无法提供",), ("1.本机关不掌握相关政府信息", "310000031"),
                    ("2.没有现成信息需要另行制作", "0000000")]


def test_rows_keep_spaces_and_years_in_headers() -> None:
    rows = flat_rows("指标名称计量单位2016年度历年累计主动公开文件数条346085376其中：1、政府网站公开数条3460853762、政府公报公开数条00")
    assert rows[0] == ("指标名称计量单位2016年度历年累计主动公开文件数条", "346085376")
    assert rows[-2:] == [("1、政府网站公开数条", "346085376"), ("2、政府公报公开数条", "00")]
    assert flat_rows("一、本年新收政府信息公开申请数量200 000121")[0][1] == "200 000121"


def test_prose_is_not_a_flattened_table() -> None:
    assert not looks_flattened("全年主动公开政府信息2645条，发布政策解读29篇，办理申请81件。")
    assert looks_flattened("规章000行政规范性文件77132470第二十条第（五）项信息内容本年处理决定数量行政许可2629")
    prose, tables = split_flat_tables([Paragraph("收到申请81件。", ("一、总体情况",))])
    assert tables == [] and prose[0].text == "收到申请81件。"


def test_glued_candidates_follow_the_cell_grammar() -> None:
    values = {c.values for c in glued_candidates("35-15", 2)}
    assert values == {("35", "-15")}
    assert {c.values for c in glued_candidates("0000000", 7)} == {("0",) * 7}
    rows = {c.values for c in glued_candidates("801000081", 7, sums_to_last)}
    assert rows == {("80", "1", "0", "0", "0", "0", "81")}
    spaced = glued_candidates("4 0 0 0 0 0 4", 7)
    assert spaced[0].values == ("4", "0", "0", "0", "0", "0", "4") and spaced[0].cost == 0


def test_rows_without_rules_need_prose_support_to_be_inferred() -> None:
    heads = ["本年制发件数", "本年废止件数", "现行有效件数"]
    said = {"77": ("动态更新本年度制发的规范性文件",)}
    values, note = split_by_priors("77132470", heads, said, "行政规范性文件")
    assert values == ["77", "132", "470"] and "推断" in note
    values, note = split_by_priors("77132470", heads, {}, "行政规范性文件")
    assert values == ["", "", ""] and "未取值" in note


def _facts(year: int) -> list[Fact]:
    return document_facts(load_document(shared_path("real", "reports", f"pingtan_{year}.txt")))


def _cell(facts: list[Fact], row: str, col: str) -> Fact:
    """The one table fact whose row path ends with `row` and column path with `col`."""
    hits = [f for f in facts if f.kind == "table" and f.row[-1:] == (row,) and f.col[-1:] == (col,)]
    assert len(hits) == 1, (row, col, hits)
    return hits[0]


def test_table3_cells_come_from_row_totals_and_column_rules() -> None:
    facts = _facts(2021)
    # 270020130 is 2|7|0|0|20|1|30 or 27|0|0|2|0|1|30 by the row total; the 自然人 column sum decides
    assert _cell(facts, "（一）予以公开", "自然人").value == "27"
    assert _cell(facts, "（一）予以公开", "社会公益组织").value == "2"
    assert _cell(facts, "1.本机关不掌握相关政府信息", "总计").value == "25"
    assert _cell(facts, "（二）部分公开", "总计").value == "5"  # printed "500000 5"
    assert not any(f.warnings for f in facts if f.table == "表三")


def _table4(facts: list[Fact], block: str, col: str) -> Fact:
    hits = [f for f in facts if f.table == "表四" and f.col[-2:] in ((block, col),)]
    assert len(hits) == 1, hits
    return hits[0]


def test_table4_seventeen_digits_split_by_block_totals() -> None:
    facts = _facts(2021)
    assert _table4(facts, "行政复议", "总计").value == "3"
    assert _table4(facts, "未经复议直接起诉", "结果维持").value == "12"


def test_table2_single_and_signed_columns() -> None:
    facts = _facts(2020)
    assert _cell(facts, "行政事业性收费", "上一年项目数量").value == "35"
    assert _cell(facts, "行政事业性收费", "本年增/减").value == "-15"
    # three columns without a rule and no prose support: no value, a note instead
    assert not [f for f in facts if f.row[-1:] == ("规范性文件",)]
    flat = [t for t in load_document(shared_path("real", "reports", "pingtan_2020.txt")).tables]
    notes = table_facts(flat[0]).warnings
    assert any("规范性文件" in n and "未取值" in n for n in notes)


def test_inferred_split_is_marked() -> None:
    fact = _cell(_facts(2023), "行政规范性文件", "本年废止件数")
    assert fact.value == "132"
    assert any("推断" in w for w in fact.warnings)


def test_old_statistics_table_reads_units_and_sub_items() -> None:
    facts = _facts(2016)
    total = _cell(facts, "主动公开文件数", "历年累计")
    assert (total.value, total.unit) == ("85376", "条")
    assert _cell(facts, "政府信息公开收费减免金额", "2016年度").unit == "元"


def test_inconsistent_flat_table_gets_rule_warnings() -> None:
    facts = _facts(2020)
    total = _cell(facts, "（七）总计", "总计")
    assert total.value == "21"
    assert any("各项办理结果之和" in w for w in total.warnings)


def test_ambiguous_table3_row_gets_no_value_where_splits_tie() -> None:
    # alone in its table, 270020130 is 2|7|0|0|20|1|30 or 27|0|0|2|0|1|30: both sum
    head = "申请人情况自然人法人或其他组织总计商业企业科研机构社会公益组织法律服务机构其他"
    rows = ((head + "三、本年度办理结果（一）予以公开", "270020130"),)
    result = table_facts(Table(rows, ("三、收到和处理政府信息公开申请情况",), "flat"))
    values = {f.col[-1]: f.value for f in result.facts}
    assert values == {"科研机构": "0", "其他": "1", "总计": "30"}
    assert any("自然人" in w and "未取值" in w for f in result.facts for w in f.warnings)


def _doc(body: str):  # noqa: ANN202 - a loaders.Document
    from loaders import read_document
    header = "标题: 某某区2012年政府信息公开工作年度报告\n==================== 正文 ====================\n"
    return read_document((header + body).encode(), "page.txt")


def test_contact_details_are_not_a_table() -> None:
    doc = _doc("本报告由区办公室编制。联系地址：某某大楼7楼邮 编：350400电 话：0591-23162606传 真：0591-23162143"
               "电子邮箱：a＠163.com一、概述2012年，我区主动公开信息739条。二、主动公开情况 全年公开信息739条。")
    assert doc.tables == ()


def test_spaced_statistics_table_under_its_caption() -> None:
    doc = _doc("一、概述 2012年我区主动公开信息739条。二、存在的主要问题及改进情况 加强培训，做好巡查。 二○一三年一月二十日 "
               "某某区政府信息公开情况统计表 指标名称 计量单位 2012年度 历年累计 主动公开信息数 条 739 4359 "
               "其中：1、网站公开 条 739 4359 2、政府公报公开 条 0 0 受理依申请公开信息总数 条 0 0 行政复议数 件 0 0")
    assert [t.section for t in doc.tables] == [("某某区政府信息公开情况统计表",)]
    assert ("某某区政府信息公开情况统计表",) in {s.path for s in doc.sections}
    facts = document_facts(doc)
    assert _cell(facts, "主动公开信息数", "历年累计").value == "4359"
    assert _cell(facts, "网站公开", "2012年度").value == "739"
    assert _cell(facts, "行政复议数", "2012年度").unit == "件"


def test_sub_items_are_bounded_by_their_total() -> None:
    # 4181509 under 425|1516 can only be 418|1509 (41|81509 and 4181|509 exceed the total)
    doc = _doc("一、概述\n\n2011年主动公开信息425条。\n\n二、其他\n\n无。\n\n统计表 指标名称计量单位2011年度历年累计"
               "主动公开信息数条4251516其中：1.网站公开条41815092.政府公报公开条77受理依申请公开信息总数条00")
    facts = document_facts(doc)
    assert (_cell(facts, "主动公开信息数", "2011年度").value, _cell(facts, "主动公开信息数", "历年累计").value) \
        == ("425", "1516")
    site = _cell(facts, "网站公开", "历年累计")
    assert site.value == "1509" and not any("推断" in w for w in site.warnings)


def test_table3_row_labels_after_spaces_are_not_headings() -> None:
    doc = _doc("一、总体情况 全年收到申请74件。三、收到和处理政府信息公开申请情况 申请人情况 自然人 法人或其他组织 总计 商业企业 "
               "科研机构 社会公益组织 法律服务机构 其他 一、本年新收政府信息公开申请数量 713000074二、上年结转政府信息公开申请数量 "
               "1000001三、本年度办理结果 （一）予以公开 210000021（七）总计 723000075四、结转下年度继续办理 0000000 "
               "四、政府信息公开行政复议、行政诉讼情况 无。")
    tops = [s.title for s in doc.sections if s.level == 1]
    assert tops == ["一、总体情况", "三、收到和处理政府信息公开申请情况", "四、政府信息公开行政复议、行政诉讼情况"]
    facts = document_facts(doc)
    assert _cell(facts, "一、本年新收政府信息公开申请数量", "总计").value == "74"
    assert _cell(facts, "一、本年新收政府信息公开申请数量", "商业企业").value == "3"


def test_title_without_the_word_government() -> None:
    from loaders import read_document
    doc = read_document("某某区地方税务局2013年信息公开年度报告\n\n一、概述\n\n全年公开信息12条。\n".encode(), "a.txt")
    assert (doc.agency, doc.year) == ("某某区地方税务局", 2013)
