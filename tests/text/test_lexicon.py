"""The concept lexicon (knowledge/data/concepts.txt) and its reader knowledge.text.lexicon."""
from __future__ import annotations

import pytest

from knowledge.text import lexicon
from knowledge.facts.table_templates import (
    TABLE2_HEADERS,
    TABLE3_COLS,
    TABLE3_GROUPS,
    TABLE3_ITEMS,
    TABLE3_TOP,
    TABLE4_BLOCKS,
    TABLE4_RESULTS,
)
from knowledge.text.lexicon import concept_ids, concepts, find, parse_lexicon, rewrite


def kinds_found(label: str) -> set[str]:
    return {lexicon.concept(cid).kind for cid, _, _ in find(label)}


# --- the file itself -----------------------------------------------------------------------

def test_file_parses_with_unique_ids_and_known_kinds() -> None:
    cs = concepts()
    ids = [c.id for c in cs]
    assert len(ids) == len(set(ids))
    assert {c.kind for c in cs} == lexicon.KINDS
    assert all(c.official and c.name == c.official[0] for c in cs)


def test_every_concept_has_several_spoken_phrases() -> None:
    thin = [c.id for c in concepts() if len(c.spoken) < 3]
    assert not thin


@pytest.mark.parametrize("label", [*TABLE3_TOP, *TABLE3_GROUPS, *(i for g in TABLE3_ITEMS.values() for i in g)])
def test_every_table3_row_label_is_a_row(label: str) -> None:
    assert "row" in kinds_found(label), find(label)


@pytest.mark.parametrize("label", [path[-1] for path in TABLE3_COLS] + list(TABLE4_RESULTS) + list(TABLE2_HEADERS))
def test_every_column_label_is_a_column(label: str) -> None:
    assert kinds_found(label) == {"col"}, find(label)


@pytest.mark.parametrize("label", [b for block in TABLE4_BLOCKS for b in block])
def test_every_table4_block_is_a_block(label: str) -> None:
    assert kinds_found(label) == {"block"}, find(label)


def test_full_template_labels_land_on_the_right_concept() -> None:
    other_items = TABLE3_ITEMS["（六）其他处理"]
    assert concept_ids(other_items[0]) == ("t3_op_no_correction",)
    assert concept_ids(other_items[1]) == ("t3_op_no_fee",)
    assert concept_ids(other_items[2]) == ("t3_op_other",)
    assert concept_ids("（七）总计") == ("t3_results_total",)
    assert concept_ids("(七)总计") == ("t3_results_total",)  # half-width brackets after NFKC
    assert concept_ids("申请人情况 › 法人或其他组织 › 其他") == ("t3c_org", "t3c_other")
    assert concept_ids("行政诉讼 › 未经复议直接起诉 › 尚未审结") == ("t4_litigation", "t4_direct", "t4c_pending")
    assert concept_ids("本年度止件数") == ("t2c_repealed",)  # a known misprint
    assert concept_ids("本年增减") == concept_ids("本年增/减") == ("t2c_change",)


def test_table2_rows_and_common_variants() -> None:
    for label, cid in [("规章", "t2_rules"), ("行政规范性文件", "t2_normative"), ("规范性文件", "t2_normative"),
                       ("行政许可", "t2_license"), ("行政处罚", "t2_penalty"), ("行政强制", "t2_coercion"),
                       ("行政事业性收费", "t2_fees"), ("其他对外管理服务事项", "t2_other_services"),
                       ("政府集中采购", "t2_procurement"), ("信访举报投诉类申请", "t3_np_petition"),
                       ("逾期不补正", "t3_op_no_correction")]:
        assert concept_ids(label) == (cid,), label


# --- rewrites: plain words become the official names ---------------------------------------

@pytest.mark.parametrize(("question", "expected"), [
    ("去年有多少个申请因为机关手里没有这个信息没法给", ["本机关不掌握相关政府信息", "无法提供"]),
    ("律所提交的申请被全部公开的有多少", ["法律服务机构", "予以公开"]),
    ("2022年作废了几个红头文件", ["本年废止件数", "行政规范性文件"]),
    ("老百姓跟政府打官司、还没判的有几起", ["自然人", "行政诉讼", "尚未审结"]),
    ("政府复议后被纠错的案子有几个", ["行政复议", "结果纠正"]),
    ("公司申请的里面有多少因为没交钱被终止", ["商业企业", "申请人逾期未按收费通知要求缴纳费用"]),
    ("有几件是同一家单位反复申请同一内容的", ["重复申请"]),
    ("现在还有效的规章有多少", ["现行有效件数"]),
    ("今年新出台了多少规范性文件", ["本年制发件数"]),
    ("政府采购了几个项目、采购花了多少钱", ["采购项目数量", "采购总金额"]),
    ("便民热线接了多少电话，群众满意度多少", ["热线电话", "满意率"]),
    ("公众号涨粉多少，文章阅读数多少", ["政务微信", "新增粉丝", "阅读量"]),
])
def test_rewrite_maps_plain_words_to_official_names(question: str, expected: list[str]) -> None:
    text, pairs = rewrite(question)
    names = [name for _, name in pairs]
    assert names == expected
    for name in expected:
        assert name in text
    for span, _ in pairs:
        assert span in question


def test_rewrite_leaves_official_names_alone() -> None:
    question = "本年新收政府信息公开申请数量中自然人有几件"
    assert rewrite(question) == (question, ())
    assert concept_ids(question) == ("t3_new", "t3c_person")


def test_find_reports_span_and_canonical_name_in_text_order() -> None:
    assert find("律所和老百姓申请里不给公开的") == [
        ("t3c_legal", "律所", "法律服务机构"),
        ("t3c_person", "老百姓", "自然人"),
        ("t3_refused", "不给公开", "不予公开"),
    ]


def test_concept_ids_has_no_duplicates() -> None:
    assert concept_ids("行政复议和复议案件") == ("t4_review",)


# --- matching rules -------------------------------------------------------------------------

def test_longest_match_wins() -> None:
    assert concept_ids("未经复议直接起诉的有几件") == ("t4_direct",)  # not 复议, not 起诉
    assert concept_ids("复议后起诉") == ("t4_after_review",)
    assert concept_ids("其他法律行政法规禁止公开") == ("t3_ref_law",)  # not the 其他 column
    assert concept_ids("三安全一稳定") == ("t3_ref_security",)


def test_gap_phrase_matches_across_a_few_characters() -> None:
    [(cid, span, name)] = find("申请人过了规定的期限还是没补材料")
    assert (cid, name) == ("t3_op_no_correction", "申请人无正当理由逾期不补正")
    assert span.startswith("过了") and "没补" in span
    # the gap's own characters survive a rewrite
    assert "灵源街道" in rewrite("收到灵源街道的申请几件")[0]


def test_gap_stops_at_punctuation_and_official_names() -> None:
    assert "t3_op_no_correction" not in concept_ids("过了，期限，没补")
    assert concept_ids("采购项目数量和采购总金额") == ("t2c_procure_items", "t2c_procure_amount")
    assert concept_ids("收到的依申请公开") == ("m_apply",)


def test_no_matches_in_unrelated_text() -> None:
    for text in ("晋江市人民政府办公室", "晋江市民政局", "今天天气怎么样", "加强制度执行", "执法人员", "有十来个人"):
        assert find(text) == [], text


# --- the parser -------------------------------------------------------------------------------

GOOD = """\
# 注释
a_row | row | 规章、政府规章 | 出台的规章、规…章

b_col | col | 自然人 | 个人   # 行尾注释
"""


def test_parse_lexicon_reads_fields_comments_and_gaps() -> None:
    a, b = parse_lexicon(GOOD)
    assert (a.id, a.kind, a.official, a.spoken) == ("a_row", "row", ("规章", "政府规章"), ("出台的规章", "规…章"))
    assert (b.id, b.official, b.spoken) == ("b_col", ("自然人",), ("个人",))


@pytest.mark.parametrize(("text", "line"), [
    ("a | row | 规章 | x\nthis line has no fields\n", 2),
    ("a | row | 规章 | x\n\nb | table | 自然人 | y\n", 3),
    ("# c\na | row | 规章 | x\na | col | 自然人 | y\n", 3),
    ("a | row | 规章 | x\nb | col | 自然人 | 规章\n", 2),
    ("a | row |  | x\n", 1),
    ("a | row | 规章 | …规\n", 1),
    ("a | row | 规章 | x | y\n", 1),
])
def test_malformed_line_raises_with_its_line_number(text: str, line: int) -> None:
    with pytest.raises(ValueError, match=rf"\bline {line}\b"):
        parse_lexicon(text)
