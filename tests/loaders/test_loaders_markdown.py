"""loaders on the Markdown-converted samples (001 晋江 2020, 003 鲤城 2024, 004 金井 2022)."""
from __future__ import annotations

from pathlib import Path

import pytest

from loaders import COVER_SECTION, load_document, read_document
from loaders.model import Document
from tests.conftest import ROOT

CORPUS = ROOT / "knowledge" / "corpus"


def sample(prefix: str) -> Path:
    (path,) = CORPUS.glob(f"{prefix}_*.txt")
    return path


@pytest.fixture(scope="module")
def doc001() -> Document:
    return load_document(sample("001"))


@pytest.fixture(scope="module")
def doc003() -> Document:
    return load_document(sample("003"))


@pytest.fixture(scope="module")
def doc004() -> Document:
    return load_document(sample("004"))


def paragraph_with(doc: Document, needle: str):
    hits = [p for p in doc.paragraphs if needle in p.text]
    assert len(hits) == 1, f"{needle!r} in {len(hits)} paragraphs"
    return hits[0]


def test_numbering_decides_level_not_hashes(doc001: Document) -> None:
    by_title = {s.title: s for s in doc001.sections}
    # "## 2." sits under "（二）" although it has fewer '#' than "### 1."
    two = by_title["2. 科学设计“目录+内容+参数”架构"]
    assert two.path == ("一、总体情况", "（二）完成“两化”工作部署", "2. 科学设计“目录+内容+参数”架构")
    # "### 三、" and "#### 四、" are top-level parts
    assert by_title["三、收到和处理政府信息公开申请情况"].level == 1
    assert by_title["四、政府信息公开行政复议、行政诉讼情况"].level == 1
    assert by_title["六、其他需要报告的事项"].level == 1  # "## **六、…**"


def test_bold_run_headings(doc001: Document) -> None:
    titles = [s.title for s in doc001.sections]
    assert "(1) 围绕上级要求，力求全面" in titles
    assert "（4）坚持试点先行，创新争优" in titles
    assert "(1) 本地化处理事项标准目录" in titles  # "(1) **本地化处理事项标准目录。**通过…"
    para = paragraph_with(doc001, "邀请编办负责同志")
    assert para.text.startswith("邀请编办负责同志")
    assert para.section[-1] == "(1) 围绕上级要求，力求全面"
    assert para.section[:3] == ("一、总体情况", "（二）完成“两化”工作部署", "1. 遵循“四步走”工作思路")


def test_heading_sentence_then_body(doc001: Document) -> None:
    para = paragraph_with(doc001, "受理信息公开申请 264 件")
    assert para.section == ("一、总体情况", "（一）扎实做好全市政府信息公开日常工作")
    assert para.text.startswith("2020 年晋江市制发公文信息 2298 份")
    # "…部署。全面推进基层政务公开标" + blank + "准化规范化工作"
    para = paragraph_with(doc001, "全面推进基层政务公开标准化规范化工作")
    assert para.section == ("一、总体情况", "（二）完成“两化”工作部署")


def test_paragraph_under_bold_level2_heading(doc001: Document) -> None:
    para = paragraph_with(doc001, "2.7 万余条")
    assert para.section[0] == "一、总体情况"
    assert "（三）依规改版，打造全新政府门户" in para.section
    assert para.text.startswith("根据 2020 年度福建省电子政务绩效考核指标")


def test_long_numbered_item_keeps_whole_text(doc001: Document) -> None:
    para = paragraph_with(doc001, "并提供手机端直接导航")
    assert para.text.startswith("在信息化栏目中通过在线地图展示信息公开查阅点")
    assert para.section[-1].startswith("（5）在信息化栏目中")
    assert len(para.section[-1]) <= 40
    assert "**" not in para.text


def test_pipe_table2_joined_with_its_continuation(doc001: Document) -> None:
    table2 = doc001.tables[0]
    assert table2.layout == "pipe"
    assert table2.section == ("二、主动公开政府信息情况",)
    assert table2.rows[1] == ("信息内容", "本年新制作数量", "本年新公开数量", "对外公开总数量(2019 年起)")
    header = table2.rows.index(("信息内容", "采购项目数", "采购总金额", ""))
    # the continuation's empty header row is gone; the stray 量 row is kept as printed
    assert table2.rows[header + 1] == ("", "量", "")
    row = table2.rows[header + 2]
    assert row[0] == "政府集中采购" and "271" in row and "249887966.42" in row


def test_pipe_table3_joined_into_one_grid(doc001: Document) -> None:
    table3 = doc001.tables[1]
    assert table3.section == ("三、收到和处理政府信息公开申请情况",)
    firsts = [r[0] for r in table3.rows]
    assert firsts[3] == "一、本年新收政府信息公开申请数量"
    assert firsts[-1] == "四、结转下年度继续办理"
    assert any(r[1] == "(七) 总计" and r[2] == "215" for r in table3.rows)
    assert any("2. 没有现成信息需要另行制作" in r for r in table3.rows)
    assert not any(all(c == "" for c in r) for r in table3.rows)
    assert not any(set(c) <= set("-:") and c for r in table3.rows for c in r)


def test_pipe_table4_shape(doc001: Document) -> None:
    table4 = doc001.tables[2]
    assert len(table4.rows) == 4
    assert table4.rows[-1] == ("2", "0", "0", "0", "2", "0", "0", "1", "4", "5", "1", "2", "2", "0", "5")


def test_cover_letter_section(doc003: Document) -> None:
    assert doc003.sections[0].title == COVER_SECTION
    assert doc003.sections[0].level == 1
    cover = [p.text for p in doc003.paragraphs if p.section == (COVER_SECTION,)]
    assert any(t.startswith("现将《鲤城区2024年政府信息公开工作年度报告》转发给你们") for t in cover)
    assert "泉鲤政办〔2025〕1号" in cover
    # the report's preamble is not part of the cover
    assert paragraph_with(doc003, "本报告依据").section == ()


def test_inline_bold_headings_split(doc003: Document) -> None:
    by_title = {s.title: s for s in doc003.sections}
    two = by_title["2.深化规范政策文件发布工作"]
    assert two.path == ("一、总体情况", "（一）抓细抓实，公开基础持续夯实", "2.深化规范政策文件发布工作")
    para = paragraph_with(doc003, "共公开区级现行有效规范性文件40份")
    assert para.section == two.path
    assert para.text.startswith("“全生命周期”管理规范性文件公开工作")
    # the paragraph before the bold run ends where the bold heading begins
    before = paragraph_with(doc003, "有力保障群众的知情权")
    assert before.text.endswith("参与权与监督权。")


def test_bold_hash_heading_and_policy_paragraph(doc003: Document) -> None:
    para = paragraph_with(doc003, "政策解读73份")
    assert "（二）创新赋能，公开活力持续迸发" in para.section
    assert para.section[-1] == "1.政策解读形式更加丰富"


def test_loose_label_and_number_after_tab_table(doc003: Document) -> None:
    table2 = doc003.tables[0]
    assert table2.rows[-1] == ("行政事业性收费", "149.876378")
    assert not any("149.876378" in p.text for p in doc003.paragraphs)
    assert doc003.tables[1].section == ("三、收到和处理政府信息公开申请情况",)


def test_unbolded_prose_marks(doc003: Document) -> None:
    para = paragraph_with(doc003, "一是政策解读的优化")
    assert para.text.startswith("存在的主要问题：一是")
    assert para.section == ("五、存在的主要问题及改进情况",)


def test_spaced_title_rules_and_links(doc004: Document) -> None:
    assert doc004.title == "晋江市金井镇人民政府2022年政府信息公开工作年度报告"
    assert COVER_SECTION not in {s.title for s in doc004.sections}
    preamble = doc004.paragraphs[0]
    assert "（www.jinjiang.gov.cn）政府信息公开专栏" in preamble.text
    assert "](" not in preamble.text
    assert not any(p.text.strip("-") == "" for p in doc004.paragraphs)


def test_hash_levels_ignored_for_numbered_items(doc004: Document) -> None:
    by_title = {s.title: s for s in doc004.sections}
    assert by_title["3. 公共查阅点"].path == ("一、总体情况", "(四) 平台建设", "3. 公共查阅点")
    assert by_title["（五）监督保障"].path == ("一、总体情况", "（五）监督保障")
    assert by_title["三、收到和处理政府信息公开申请情况"].level == 1


def test_md_suffix_and_unnumbered_hash_heading() -> None:
    text = (
        "# 某某局2023年政府信息公开工作年度报告\n\n## 一、总体情况\n\n### 工作亮点\n\n"
        "见[网站](http://x.cn)。<br>\n\n### 其他亮点\n\n无。\n\n## 二、主动公开政府信息情况\n\n"
        "| 信息内容 | 本年制发件数 |\n|---|---|\n| **规章** | 1 |\n"
    )
    doc = read_document(text.encode(), "report.md")
    paths = [s.path for s in doc.sections]
    assert paths == [
        ("一、总体情况",),
        ("一、总体情况", "工作亮点"),
        ("一、总体情况", "其他亮点"),
        ("二、主动公开政府信息情况",),
    ]
    assert doc.paragraphs[0].text == "见网站。"
    assert doc.tables[0].rows == (("信息内容", "本年制发件数"), ("规章", "1"))
