"""loaders on the plain-text samples (000 晋江市人民政府办公室, 002 灵源) and the pingtan crawler file."""
from __future__ import annotations

from pathlib import Path

import pytest

from loaders import COVER_SECTION, load_document, read_document
from loaders.model import Document
from tests.conftest import ROOT, shared_path

CORPUS = ROOT / "knowledge" / "corpus"


def sample(prefix: str) -> Path:
    (path,) = CORPUS.glob(f"{prefix}_*.txt")
    return path


@pytest.fixture(scope="module")
def doc000() -> Document:
    return load_document(sample("000"))


@pytest.fixture(scope="module")
def doc002() -> Document:
    return load_document(sample("002"))


def paragraph_with(doc: Document, needle: str):
    hits = [p for p in doc.paragraphs if needle in p.text]
    assert len(hits) == 1, f"{needle!r} in {len(hits)} paragraphs"
    return hits[0]


@pytest.mark.parametrize(
    ("prefix", "title", "agency", "year"),
    [
        ("000", "晋江市人民政府办公室2024年政府信息公开工作年度报告", "晋江市人民政府办公室", 2024),
        ("001", "晋江市人民政府2020年政府信息公开工作年度报告", "晋江市人民政府", 2020),
        ("002", "晋江市人民政府灵源街道办事处2023年政府信息公开工作年度报告",
         "晋江市人民政府灵源街道办事处", 2023),
        ("003", "鲤城区2024年政府信息公开工作年度报告", "鲤城区", 2024),
        ("004", "晋江市金井镇人民政府2022年政府信息公开工作年度报告", "晋江市金井镇人民政府", 2022),
    ],
)
def test_title_agency_year(prefix: str, title: str, agency: str, year: int) -> None:
    doc = load_document(sample(prefix))
    assert (doc.title, doc.agency, doc.year) == (title, agency, year)
    assert doc.source == sample(prefix).name


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_three_tables_under_their_headings(prefix: str) -> None:
    doc = load_document(sample(prefix))
    assert len(doc.tables) == 3
    first, second, third = (t.section for t in doc.tables)
    assert first[0].startswith("二、") and "主动公开政府信息情况" in first[0]
    assert second[0].startswith("三、") and "收到和处理政府信息公开申请情况" in second[0]
    assert third[0].startswith("四、") and "行政复议" in third[0]


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_six_parts_in_order(prefix: str) -> None:
    doc = load_document(sample(prefix))
    tops = [s.title[:2] for s in doc.sections if s.level == 1 and s.title != COVER_SECTION]
    assert tops == ["一、", "二、", "三、", "四、", "五、", "六、"]


def test_heading_with_body_is_split(doc000: Document) -> None:
    para = paragraph_with(doc000, "1335 条")
    assert para.section == ("一、总体情况", "（一）主动公开情况", "1. 日常工作稳步开展")
    # joined across the blank line, no space between Chinese and digits added or lost
    assert para.text.startswith("市政府办公室全年制作政府信息1335 条，其中主动公开 475 条")


def test_section_of_applications_paragraph(doc000: Document) -> None:
    para = paragraph_with(doc000, "受理信息公开申请20件")
    assert para.section == ("一、总体情况", "（二）依申请公开情况")


def test_levels_and_paths(doc000: Document) -> None:
    by_title = {s.title: s for s in doc000.sections}
    sub = by_title["2. 网微融合、协同发力"]
    assert sub.path == ("一、总体情况", "（四）政府信息公开平台建设", "2. 网微融合、协同发力")
    assert sub.level == 3
    assert doc000.children(("一、总体情况",))[0].title == "（一）主动公开情况"


def test_bullets_are_paragraphs_of_their_own(doc000: Document) -> None:
    under = [p.text for p in doc000.paragraphs if p.section == ("一、总体情况", "（五）监督保障")]
    assert len(under) == 2
    assert under[0].startswith("提升公开信息宣传制作水平。")
    assert under[1].startswith("对镇（街道）")


def test_letterhead_alone_is_dropped(doc000: Document) -> None:
    assert COVER_SECTION not in {s.title for s in doc000.sections}
    assert doc000.paragraphs[0].text.startswith("本报告系根据")
    assert doc000.paragraphs[0].section == ()
    assert "<http" not in doc000.paragraphs[0].text
    assert "http://www.jinjiang.gov.cn/" in doc000.paragraphs[0].text


def test_contact_lines_stay_apart(doc000: Document) -> None:
    texts = [p.text for p in doc000.paragraphs[:6]]
    assert "地址：福建省晋江市世纪大道南1号" in texts
    assert "电话：0595—85662126" in texts


def test_tab_table_keeps_empty_cells(doc000: Document) -> None:
    table3 = doc000.tables[1]
    assert table3.layout == "tab"
    assert table3.rows[1] == ("", "", "自然人", "法人或其他组织", "", "", "", "", "总计")
    assert ("", "(三) 不予公开", "1.属于国家秘密", "1", "0", "0", "0", "0", "1") in table3.rows
    assert table3.rows[-1] == ("四、结转下年度继续办理", "", "2", "0", "0", "0", "0", "0", "2")
    # trailing empty cells trimmed
    assert doc000.tables[0].rows[0] == ("第二十条第（一）项",)


def test_table_rows_are_never_headings(doc000: Document) -> None:
    titles = {s.title for s in doc000.sections}
    assert "一、本年新收政府信息公开申请数量" not in titles
    assert not any("结转下年度继续办理" in t for t in titles)


def test_broken_syllables_joined(doc002: Document) -> None:
    para = paragraph_with(doc002, "民政扶贫救灾")
    assert (
        "为民办实事类信息数2条，民政扶贫救灾社会保障就业类信息数 43条，"
        "国土资源城乡建设环保能源类信息数 14 条，科教文体卫生类信息数 8 条" in para.text
    )
    assert para.section == ("一、总体情况", "（一）主动公开方面", "2. 主动公开政府信息的类别")


def test_page_break_join_across_several_blank_lines(doc002: Document) -> None:
    para = paragraph_with(doc002, "稳岗用工补贴政策解读")
    assert "税费政策解读、稳岗用工补贴政策解读" in para.text
    assert "产业服务等各类惠企服务" in para.text


def test_trailing_full_stop_heading_and_table_after_it(doc002: Document) -> None:
    titles = [s.title for s in doc002.sections]
    assert "三、行政机关收到和处理政府信息公开申请情况" in titles
    assert "六、其他需要报告的事项" in titles
    assert doc002.tables[1].section == ("三、行政机关收到和处理政府信息公开申请情况",)


def test_table_continues_over_blank_line(doc002: Document) -> None:
    table2 = doc002.tables[0]
    assert ("行政许可", "0") in table2.rows
    assert table2.rows[-1] == ("行政事业性收费", "0")
    table3 = doc002.tables[1]
    assert ("", "(五)不予处理", "1.信访举报投诉类申请", "0", "0", "0", "0", "0", "0", "0") in table3.rows


def test_signature_lines_not_glued(doc002: Document) -> None:
    texts = [p.text for p in doc002.paragraphs]
    assert "晋江市人民政府灵源街道办事处" in texts
    assert "2024年1月1日" in texts


def test_plain_text_with_unknown_suffix_and_gbk() -> None:
    text = sample("000").read_text(encoding="utf-8").replace("\n", "\r\n")
    doc = read_document(text.encode("gb18030"), "report.dat")
    assert doc.title == "晋江市人民政府办公室2024年政府信息公开工作年度报告"
    assert len(doc.tables) == 3
    assert paragraph_with(doc, "受理信息公开申请20件").section == (
        "一、总体情况",
        "（二）依申请公开情况",
    )


def test_full_width_spaces_and_bom() -> None:
    data = (
        "\ufeff某某局\u30002023年政府信息公开工作年度报告\r\n\r\n一、总体情况\r\n\r\n"
        "本年主动公开\xa0信息 12 条。\r\n"
    ).encode("utf-8")
    doc = read_document(data, "x.txt")
    assert (doc.title, doc.agency, doc.year) == ("某某局2023年政府信息公开工作年度报告", "某某局", 2023)
    assert doc.paragraphs[0].text == "本年主动公开 信息 12 条。"


def test_year_from_statistics_period() -> None:
    data = (
        "某某镇政府信息公开工作年度报告\n\n本报告所列数据统计期限自2021年1月1日至2021年12月31日。\n\n"
        "一、总体情况\n\n无。\n"
    ).encode()
    doc = read_document(data, "x.txt")
    assert (doc.agency, doc.year) == ("某某镇", 2021)


def test_pingtan_crawler_one_line_body() -> None:
    doc = load_document(shared_path("real", "reports", "pingtan_2023.txt"))
    assert doc.title == "平潭综合实验区2023年度政府信息公开工作年度报告"
    assert (doc.agency, doc.year) == ("平潭综合实验区", 2023)
    tops = [s.title for s in doc.sections if s.level == 1]
    assert tops == [
        "一、总体情况",
        "二、主动公开政府信息情况",
        "三、收到和处理政府信息公开申请情况",
        "四、政府信息公开行政复议、行政诉讼情况",
        "五、存在的主要问题及改进情况",
        "六、其他需要报告的事项",
    ]
    assert ("一、总体情况", "（一）主动公开方面") in {s.path for s in doc.sections}
    para = paragraph_with(doc, "共主动公开政府信息13561条")
    assert para.section == ("一、总体情况", "（一）主动公开方面")
    assert para.text.startswith("平潭综合实验区切实落实")
    # the crawler header is not prose; the flattened tables become 'flat' tables, not prose
    assert not any(p.text.startswith("标题") or "原文链接" in p.text for p in doc.paragraphs)
    assert not any("行政事业性收费" in p.text for p in doc.paragraphs)
    assert [(t.section[0][:2], t.layout) for t in doc.tables] == [
        ("二、", "flat"), ("三、", "flat"), ("四、", "flat")]
    assert ("行政规范性文件", "77132470") in doc.tables[0].rows
    # "一是", "（一）予以公开" inside flattened tables are not headings
    assert not any(s.title.startswith(("一是", "（一）予以公开")) for s in doc.sections)
