"""Prose numbers → facts: values, units, labels, approximation, quotes and never-facts."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from knowledge.facts.prose import MAX_QUOTE, prose_facts
from knowledge.model import Fact
from loaders.model import Paragraph
from tests.conftest import ROOT

CORPUS = ROOT / "knowledge" / "corpus"
SECTION = ("一、总体情况", "（一）主动公开情况")


def facts(text: str) -> list[Fact]:
    return prose_facts(Paragraph(text=text, section=SECTION))


def one(text: str) -> Fact:
    found = facts(text)
    assert len(found) == 1, [(f.value, f.unit) for f in found]
    return found[0]


def by_value(text: str, value: str) -> Fact:
    return next(f for f in facts(text) if f.value == value)


@pytest.mark.parametrize(
    ("text", "value", "unit", "approx"),
    [
        ("其中主动公开 475 条，", "475", "条", False),
        ("2024年，受理信息公开申请20件。", "20", "件", False),
        ("全年共发布信息 2.7 万余条。", "2.7", "万条", True),
        ("推文 796 篇，阅读近 90 万人次。", "90", "万人次", True),
        ("平台开展惠企直播活动 10 余场", "10", "场", True),
        ("精准发布政策资讯 50 余份", "50", "份", True),
        ("签到企业 300 余家", "300", "家", True),
        ("群众满意率达99.0%。", "99.0", "%", False),
        ("总阅读量111万次，", "111", "万次", False),
        ("推送 1559 条政策动态，阅读 36.7 万（人）次；", "36.7", "万人次", False),
        ("2024年来全区共发布图文信息超11000条", "11000", "条", True),
        ("全年收费1.2亿元。", "1.2", "亿元", False),
        ("累计入库电子证照452149份，", "452149", "份", False),
        ("通过微信公众号发布20680批次农产品抽检情况", "20680", "批次", False),
        ("2016年政府信息公开专栏访问量达162103人次", "162103", "人次", False),
        ("完成梳理行政权力事项3646项", "3646", "项", False),
        ("阅读总量突破 640 万人次", "640", "万人次", True),
        ("解答网友疑问 1000 余条", "1000", "条", True),
        ("全部事项均可在3个工作日内办结", "3", "个工作日", False),
        ("同比增长 12％", "12", "%", False),
        ("发布信息１２条", "12", "条", False),
        ("累计访问1,234人次", "1234", "人次", False),
        ("阅读量2万2千余人次", "2.2", "万人次", True),
        ("月通报7次", "7", "次", False),
        ("推进3轮督促整改工作", "3", "轮", False),
        ("作为依申请公开信息数46条，不予公开信息数1402。", "1402", "", False),
        ("开展互动活动42场次", "42", "场次", False),
    ],
)
def test_value_unit_approx(text: str, value: str, unit: str, approx: bool) -> None:
    fact = by_value(text, value)
    assert (fact.unit, fact.approx) == (unit, approx)


def test_number_float_and_fixed_fields() -> None:
    fact = one("本年收费 149.876378 万元。")
    assert fact.number == pytest.approx(149.876378)
    assert (fact.kind, fact.table, fact.primary, fact.section) == ("text", "", True, SECTION)
    assert fact.quote == "本年收费 149.876378 万元"


def test_two_facts_in_one_sentence() -> None:
    found = facts("2024年，受理信息公开申请20件，依法办结20件，结转下年度办理2件。")
    assert [(f.value, f.unit) for f in found] == [("20", "件"), ("20", "件"), ("2", "件")]
    assert [f.label for f in found] == ["受理信息公开申请", "依法办结", "结转下年度办理"]


def test_from_to_gives_old_and_new_figure() -> None:
    old, new = facts("“晋江灵源”公众号粉丝数从2020年的2698人增加到8671人，全年累计发布信息300次")[:2]
    assert (old.value, old.unit, new.value, new.unit) == ("2698", "人", "8671", "人")
    assert "粉丝数" in old.label and "增加到" not in old.label
    assert "粉丝数" in new.label and new.label.endswith("2698人增加到")


@pytest.mark.parametrize(
    ("text", "value", "contains", "excludes"),
    [
        ("2024年，受理信息公开申请20件。", "20", ["受理信息公开申请"], ["2024"]),
        ("科教文体卫生类信息数 8 条，安全生产、应急管理类信息数 21 条，", "21",
         ["安全生产、应急管理类信息数"], ["科教"]),
        ("历年累计主动公开政府信息1391条，2023年主动公开政府信息125条", "1391", ["历年累计"], ["2023"]),
        ("历年累计主动公开政府信息1391条，2023年主动公开政府信息125条", "125", ["2023年主动公开"], ["历年"]),
        ("共发布了40期安全生产信息简报", "40", ["共发布了", "安全生产信息简报"], []),
        ("开展直播在线访谈 6 期。", "6", ["开展直播在线访谈"], []),
        ("二是加强政策文件解读，全年发布政策解读117篇", "117", ["发布政策解读"], ["二是", "加强"]),
        ("12345便民服务平台受理有效诉求件共493件，群众满意率达99.0%", "493",
         ["12345便民服务平台受理有效诉求件"], ["满意"]),
        ("对29项涉及群众切身利益、重大公共利益、需广泛知晓的重要政策文件进行解读", "29",
         ["对", "重要政策文件进行解读"], []),
        ("其中主动公开 475 条，依申请公开 595 条", "475", ["主动公开"], ["其中", "依申请"]),
        ("其中主动公开 475 条，依申请公开 595 条", "595", ["依申请公开"], ["475"]),
        ("本年度全区共收到70件申请，及时依法依规办结69件，1件结转下年度继续办理", "1",
         ["结转下年度继续办理"], ["办结"]),
        ("涉及自然人80件、商业企业1件", "80", ["自然人"], ["商业"]),
        ("涉及自然人80件、商业企业1件", "1", ["商业企业"], ["自然人"]),
        ("受理申请，共 5 件。", "5", ["受理申请"], []),
        ("区直各部门主动公开政府信息1822条，占53%", "53", ["主动公开政府信息", "占"], []),
        ("总阅读量111万次，同比增长18.6%；", "18.6", ["总阅读量", "同比增长"], []),
        ("全年累计发布信息300次，1236条，阅读量约27余万人次", "1236", ["发布信息"], ["阅读"]),
        ("细化出3类22项推送类目", "22", ["细化出", "推送类目"], []),
        ("**1.政策解读形式更加丰富。**全区共发布政策解读73份", "73", ["发布政策解读"], ["*", "1."]),
    ],
)
def test_labels(text: str, value: str, contains: list[str], excludes: list[str]) -> None:
    label = by_value(text, value).label
    for word in contains:
        assert word in label, label
    for word in excludes:
        assert word not in label, label


def test_compound_counts() -> None:
    fact = one("对“26+10”本级政务公开事项标准目录进行本地化处理，共梳理出“1537+122”个事项。")
    assert (fact.value, fact.unit, fact.number) == ("1537+122", "个", 1659.0)
    assert "梳理" in fact.label


@pytest.mark.parametrize(
    "text",
    [
        "2024年，我办认真贯彻新要求。",
        "2024 年度晋江市人民政府办公室无收取信息处理费情况。",
        "数据统计期限自2024年1月1日至2024年12月31日。",
        "于8月-11月期间充分依托全市各单位业务骨干。",
        "“金井镇12月10日-14日核酸采样便民服务指南”。",
        "（国办公开办函〔2021〕30号）要求编制。",
        "《中华人民共和国政府信息公开条例》（国务院令 第 711 号）",
        "电话：0595—85662126",
        "邮编：362200",
        "电话：85738005，电子邮箱：2282247544@qq.com)。",
        "请访问 www.jinjiang.gov.cn/zwgk/2024/123条 了解",
        "<http://www.pingtan.gov.cn/zwgk/202103/t20210305_80595.htm>",
        "对政府门户网站、第三方专业网站及各类政务新媒体进行采集。",
        "依据第二十条第（一）项和第3条规定。",
        "1. 日常工作稳步开展。",
        "12345便民服务热线及时回应诉求。",
        "继续运用图文、H5 等数字化形式开展政策解读，引入“政府网站 AI 问答”。",
        "建设5G基站。",
        "下发了《关于印发3项制度的通知》。",
        "电话/传真：0591-23165370",
        "本报告共分为第6部分。",
        "采购总金额政府集中采购39573802895.90元三、收到和处理政府信息公开申请情况",
        "联系手机13812345678，工作时间8:30-17:30。",
    ],
)
def test_never_facts(text: str) -> None:
    assert facts(text) == []


def test_quote_is_sentence_and_long_ones_are_cut() -> None:
    text = "前言。" + "，".join(f"第{c}项工作稳步推进" for c in "一二三四五六七八九十") + \
        "，全年主动公开政府信息475条，" + "，".join("各项工作持续优化提升" for _ in range(8)) + "。后记。"
    fact = one(text)
    assert len(fact.quote) <= MAX_QUOTE and "475条" in fact.quote and fact.quote in text
    assert fact.quote.startswith("第十项工作稳步推进")
    assert one("甲。依法办结20件！乙").quote == "依法办结20件"


def _paragraphs(path: Path) -> list[str]:
    """Blank-line separated blocks, table lines dropped, wrapped lines joined (as a loader would)."""
    out = []
    for block in re.split(r"\n\s*\n", path.read_text(encoding="utf-8")):
        lines = [ln.strip() for ln in block.splitlines()
                 if ln.strip() and "\t" not in ln and not ln.strip().startswith("|")]
        if lines:
            out.append("".join(lines))
    return out


@pytest.mark.parametrize("name", sorted(p.name for p in CORPUS.glob("*.txt")))
def test_every_seed_paragraph(name: str) -> None:
    found = [f for text in _paragraphs(CORPUS / name) for f in prose_facts(Paragraph(text, ()))]
    assert len(found) >= 10
    for fact in found:
        assert fact.value and fact.unit and fact.quote and fact.number is not None
        assert not re.fullmatch(r"(19|20)\d\d", fact.value) or fact.unit != "年"
    values = {f.value for f in found}
    assert not values & {"362200", "85662126", "85738005", "2282247544", "711"}


def test_seed_000_active_disclosure_paragraph() -> None:
    lines = (CORPUS / "000_ec6fb3118189600a.txt").read_text(encoding="utf-8").splitlines()
    start, end = lines.index("（一）主动公开情况"), lines.index("（二）依申请公开情况")
    text = "".join(ln.strip() for ln in lines[start + 1:end])
    found = prose_facts(Paragraph(text, SECTION))
    assert [(f.value, f.unit) for f in found[:6]] == [
        ("1335", "条"), ("475", "条"), ("595", "条"), ("796", "篇"), ("164", "条"), ("90", "万人次")]
    assert [f.value for f in found[6:]] == ["8", "12", "9", "6"]
    assert found[0].label == "市政府办公室全年制作政府信息"
    assert [f.approx for f in found[:6]] == [False] * 5 + [True]
    assert all(f.section == SECTION for f in found)


@pytest.mark.parametrize(
    ("name", "value", "unit", "words"),
    [
        ("004_3a640c0e6a422263.txt", "6422", "人", "新增粉丝"),
        ("004_3a640c0e6a422263.txt", "493", "件", "12345便民服务平台受理有效诉求"),
        ("002_c04ce978e6e30015.txt", "21", "条", "安全生产、应急管理类信息数"),
        ("001_0ec7f487509b9c4f.txt", "352107", "件", "便民服务热线处理有效事件"),
        ("001_0ec7f487509b9c4f.txt", "2298", "份", "制发公文信息"),
        ("003_5740ebcb6cddfa85.txt", "73", "份", "发布政策解读"),
    ],
)
def test_seed_questions_find_their_numbers(name: str, value: str, unit: str, words: str) -> None:
    found = [f for text in _paragraphs(CORPUS / name) for f in prose_facts(Paragraph(text, ()))]
    assert any(f.value == value and f.unit == unit and words in f.label for f in found)


@pytest.mark.parametrize("text", ["统计期限自2023年1月1日起", "文件编号为2023，", "联系电话：23158668；",
                                  "占比达51.85。", "第3次会议"])
def test_numbers_without_a_unit_or_count_word_are_not_facts(text: str) -> None:
    assert prose_facts(Paragraph(text, SECTION)) == []
