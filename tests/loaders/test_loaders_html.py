"""loaders.html: sample reports written as saved government web pages read back like text."""
from __future__ import annotations

from functools import lru_cache

import pytest

from knowledge.facts import document_facts
from knowledge.model import Fact
from loaders.blocks import TableBlock, document_from_blocks
from loaders.errors import (
    EmptyReportError,
    LoaderError,
    MalformedReportError,
    UnsupportedFormatError,
)
from loaders.html import decode_html, read_html
from loaders.model import Document
from bot.bench.writers.html import page_blocks, write_html
from tests.report_blocks import (
    JINJIANG_2020,
    JINJIANG_2024,
    JINJIANG_2024_TITLE,
    LICHENG_2024,
    SEEDS,
    seed_blocks,
    seed_document,
)

VARIANTS = {
    "page": {},
    "gbk": {"encoding": "gbk"},
    "bare": {"whole_page": False},
    "layout": {"layout_table": True},
}
TITLE = JINJIANG_2024_TITLE


@lru_cache(maxsize=None)
def html_doc(name: str, variant: str) -> Document:
    return read_html(write_html(seed_blocks(name), **VARIANTS[variant]), name)


@lru_cache(maxsize=None)
def text_doc(name: str) -> Document:
    return seed_document(name)


def key(fact: Fact) -> tuple:
    return (fact.value, fact.unit, fact.label, fact.section, fact.table, fact.row, fact.col,
            fact.kind, fact.primary, fact.approx, fact.number)


def facts(doc: Document, kind: str) -> list[tuple]:
    return [key(f) for f in document_facts(doc) if f.kind == kind]


def page(body: str, charset: str = "utf-8", title: str = "") -> bytes:
    head = f'<meta charset="{charset}"><title>{title}</title>'
    return f"<html><head>{head}</head><body>{body}</body></html>".encode(charset)


def cell(doc: Document, label: str) -> str:
    (value,) = [f.value for f in document_facts(doc) if f.kind == "table" and f.label == label]
    return value


@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize("name", SEEDS)
def test_same_report_as_text_loader(name: str, variant: str) -> None:
    doc, text = html_doc(name, variant), text_doc(name)
    assert (doc.title, doc.agency, doc.year) == (text.title, text.agency, text.year)
    assert [s.path for s in doc.sections] == [s.path for s in text.sections]
    assert [t.rows for t in doc.tables] == [t.rows for t in text.tables]
    assert [t.section for t in doc.tables] == [t.section for t in text.tables]
    assert {t.layout for t in doc.tables} == {"html"}
    assert facts(doc, "text") == facts(text, "text")


@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize("name", SEEDS)
def test_nothing_but_the_report(name: str, variant: str) -> None:
    """Page chrome (nav, 发布时间/浏览次数 line, share/print bars, related links, footer, the
    索引号 table) leaves no trace: the Document is the text reader's on the page's blocks."""
    blocks = page_blocks(seed_blocks(name))
    assert html_doc(name, variant) == document_from_blocks(blocks, name, "html")


@pytest.mark.parametrize("name", (JINJIANG_2024, LICHENG_2024))
def test_table_facts_as_text_loader(name: str) -> None:
    assert facts(html_doc(name, "page"), "table") == facts(text_doc(name), "table")


def test_table_facts_2020_as_text_loader_but_the_converter_shifted_row() -> None:
    """The 2020 Markdown source has a pipe row shifted by one cell (四、结转…), which the pipe
    reading repairs; the same grid in HTML is read by position. Every other cell agrees."""
    ours = facts(html_doc(JINJIANG_2020, "page"), "table")
    theirs = facts(text_doc(JINJIANG_2020), "table")
    assert abs(len(ours) - len(theirs)) <= 1
    differ = set(ours) ^ set(theirs)
    assert 1 <= len(differ) <= 2 and all(f[2].startswith("四、结转下年度继续办理") for f in differ)


def test_merged_label_cells_in_table_three() -> None:
    licheng = html_doc(LICHENG_2024, "page")
    assert cell(licheng, "三、本年度办理结果 › （三）不予公开 › 8.属于行政查询事项 › 总计") == "2"
    assert cell(licheng, "三、本年度办理结果 › （四）无法提供 › 1.本机关不掌握相关政府信息 › 总计") == "35"
    assert cell(licheng, "三、本年度办理结果 › （五）不予处理 › 2.重复申请 › 总计") == "2"
    jinjiang = html_doc(JINJIANG_2020, "gbk")
    assert cell(jinjiang, "三、本年度办理结果 › （四）无法提供 › 2.没有现成信息需要另行制作 › 总计") == "23"
    html = write_html(seed_blocks(LICHENG_2024)).decode()
    for mark in ('rowspan="18"', 'rowspan="8"', 'colspan="6"', "<br>", '<span lang="EN-US">'):
        assert mark in html


def test_rowspan_colspan_expanded_once() -> None:
    body = """<p>晋江市2024年政府信息公开工作年度报告</p><h2>三、收到和处理政府信息公开申请情况</h2>
    <table><tr><td rowspan="2" colspan="2">项目</td><th colspan="3">申请人情况</th></tr>
    <tr><td>自然人</td><td>法人</td><td>总计</td></tr>
    <tr><td rowspan="2">三、本年度办理结果</td><td>(一) 予以公开</td><td>1</td><td>2</td><td>3</td></tr>
    <tr><td>(二) 部分公开</td><td>4</td><td>0</td><td rowspan="0">4</td></tr></table>"""
    (table,) = read_html(page(body)).tables
    assert table.rows == (
        ("项目", "", "申请人情况", "", ""),
        ("", "", "自然人", "法人", "总计"),
        ("三、本年度办理结果", "(一) 予以公开", "1", "2", "3"),
        ("", "(二) 部分公开", "4", "0", "4"),
    )


def test_split_digits_breaks_and_wrapped_source() -> None:
    body = """<h1>晋江市2024年政府信息公开工作年度报告</h1><h2>一、总体情况</h2>
    <p>全年主动公开政府信息<span>1</span><span>3</span><span>35</span> 条，网站访问量
    增长明显。</p><h2>二、主动公开政府信息情况</h2>
    <table><tr><td>信息内容</td><td>本年处理<br>决定数量</td></tr>
    <tr><td>行政<br/>\n 许可</td><td><p><span>56</span><span>200</span></p></td></tr></table>"""
    doc = read_html(page(body))
    assert doc.paragraphs[0].text == "全年主动公开政府信息1335 条，网站访问量增长明显。"
    assert doc.tables[0].rows == (("信息内容", "本年处理决定数量"), ("行政许可", "56200"))
    assert [f.value for f in document_facts(doc)][:2] == ["1335", "56200"]


def test_bold_numbered_run_is_a_heading() -> None:
    body = """<p>晋江市2024年政府信息公开工作年度报告</p><p><b>一、总体情况</b></p>
    <p><strong>（一）主动公开情况。</strong>全年主动公开信息<span>4</span><span>75</span>条。</p>
    <p><b>一是</b>加强培训。</p>"""
    doc = read_html(page(body))
    assert [s.path for s in doc.sections] == [("一、总体情况",), ("一、总体情况", "（一）主动公开情况")]
    assert [p.text for p in doc.paragraphs] == ["全年主动公开信息475条。", "一是加强培训。"]
    (fact,) = document_facts(doc)
    assert (fact.value, fact.section[-1]) == ("475", "（一）主动公开情况")


def test_encodings() -> None:
    gbk = write_html(seed_blocks(JINJIANG_2024), encoding="gbk")
    assert b'charset="gbk"' in gbk
    with pytest.raises(UnicodeDecodeError):
        gbk.decode("utf-8")
    body = "<p>晋江市2024年政府信息公开工作年度报告</p><p>一、总体情况</p><p>受理申请20件。</p>"
    http_equiv = ('<html><head><meta http-equiv="Content-Type" content="text/html; '
                  f'charset=GB2312"></head><body>{body}</body></html>').encode("gb2312")
    assert read_html(http_equiv).title == "晋江市2024年政府信息公开工作年度报告"
    mislabelled = page(body, charset="utf-8").replace(b"utf-8", b"gbk")
    assert read_html(mislabelled).paragraphs[0].text == "受理申请20件。"
    assert decode_html(b"\xef\xbb\xbf" + body.encode()) == body
    assert decode_html(body.encode("gb18030")) == body  # no meta, not UTF-8
    latin = page(body, charset="gbk").replace(b"gbk", b"iso-8859-1")
    assert read_html(latin).agency == "晋江市"
    big5 = '<meta charset="big5"><p>晉江市政府資訊公開</p>'
    assert decode_html(big5.encode("big5")) == big5


def test_layout_tables_do_not_hide_the_report() -> None:
    body = f"""<table width="980"><tr><td><a href="/">首页</a> | <a href="/x">信息公开</a></td></tr>
    <tr><td><table><tr><td width="200"><a href="/1">机构概况</a><br><a href="/2">政策</a></td>
    <td><p align="center">{TITLE}</p><p>一、总体情况</p><p>受理申请20件。</p>
    <p>二、主动公开政府信息情况</p><table><tr><td>信息内容</td><td>本年处理决定数量</td></tr>
    <tr><td>行政处罚</td><td>644</td></tr></table></td></tr></table></td></tr>
    <tr><td>版权所有：晋江市人民政府 闽ICP备05012345号</td></tr></table>"""
    doc = read_html(page(body))
    assert doc.title == TITLE
    assert [t.rows for t in doc.tables] == [(("信息内容", "本年处理决定数量"), ("行政处罚", "644"))]
    assert [p.text for p in doc.paragraphs] == ["受理申请20件。"]


def test_title_repeated_in_the_body() -> None:
    body = f"""<div class="main"><h1>{TITLE}</h1><div class="info">发布时间：2025-01-02</div>
    <div class="TRS_Editor"><p align="center">{TITLE}</p><p>一、总体情况</p>
    <p>受理申请20件。</p></div></div>"""
    doc = read_html(page(body))
    assert (doc.title, doc.warnings) == (TITLE, ())
    assert [p.text for p in doc.paragraphs] == ["受理申请20件。"]


def test_title_only_in_the_info_table() -> None:
    body = f"""<table class="xxgk"><tr><td>索引号：</td><td>003612345/2025-00012</td></tr>
    <tr><td>标题：</td><td>{TITLE}</td></tr></table><div id="zoom"><p>一、总体情况</p>
    <p>受理申请20件。</p></div>"""
    doc = read_html(page(body))
    assert (doc.title, doc.tables) == (TITLE, ())
    assert [f.value for f in document_facts(doc)] == ["20"]


def test_two_line_title_and_word_markup() -> None:
    body = """<div class=WordSection1><p class=MsoNormal align=center><b>晋江市人民政府办公室<br>
    2024年政府信息公开工作年度报告<o:p></o:p></b></p><p class=MsoNormal><span>一、总体情况
    <o:p></o:p></span></p><p class=MsoNormal><span>全年受理申请<span lang=EN-US>2</span><span
    lang=EN-US>0</span>件。<o:p>&nbsp;</o:p></span></p><!--[if gte mso 9]><xml>x</xml><![endif]-->
    <table border=1><tr><th>信息内容</th><th>本年处理决定数量</th></tr><tr><td><p>行政许可<o:p>
    </o:p></p></td><td><p align=center><span lang=EN-US>1<o:p></o:p></span></p><p>&nbsp;</p>
    </td></tr></table></div>"""
    doc = read_html(page(body))
    assert (doc.title, doc.agency) == (TITLE, "晋江市人民政府办公室")
    assert [p.text for p in doc.paragraphs] == ["全年受理申请20件。"]
    assert doc.tables[0].rows == (("信息内容", "本年处理决定数量"), ("行政许可", "1"))


def test_chrome_left_out() -> None:
    doc = html_doc(JINJIANG_2024, "page")
    text = " ".join(p.text for p in doc.paragraphs)
    for chrome in ("浏览次数", "ICP", "相关链接", "打印本页", "首页", "索引号", "分享到"):
        assert chrome not in text
    assert "1234" not in {f.value for f in document_facts(doc)}
    assert not doc.warnings


def test_page_without_tables_keeps_its_prose() -> None:
    blocks = [b for b in seed_blocks(JINJIANG_2024) if not isinstance(b, TableBlock)]
    doc = read_html(write_html(blocks), "no-tables.html")
    assert doc.tables == ()
    assert doc.title == TITLE
    assert facts(doc, "text") == facts(text_doc(JINJIANG_2024), "text")
    assert ("主动公开", "475") in {(f.label[-4:], f.value) for f in document_facts(doc)}


def test_title_from_page_title_when_the_body_has_none() -> None:
    body = "<div id='zoom'><p>一、总体情况</p><p>受理信息公开申请20件。</p></div>"
    doc = read_html(page(body, title=f"{TITLE}_晋江市人民政府"))
    assert (doc.title, doc.year) == (TITLE, 2024)
    assert [f.value for f in document_facts(doc)] == ["20"]


def one_line(error: pytest.ExceptionInfo[LoaderError]) -> str:
    message = str(error.value)
    assert message and "\n" not in message
    return message


def test_page_without_report_title() -> None:
    """A body that is plainly an annual report loads without its title (a note says so); a page
    that is no report is refused in Chinese."""
    blocks = seed_blocks(JINJIANG_2024)[1:]
    doc = read_html(write_html(blocks), "news.html")
    assert len(doc.tables) == 3 and doc.sections[0].title == "一、总体情况"
    assert any("没有标题行" in w for w in doc.warnings) and any("找不到发布机关" in w for w in doc.warnings)
    with pytest.raises(MalformedReportError) as error:
        read_html(write_html(["一、工作总结", "今年我们做了很多工作。"]), "news.html")
    message = one_line(error)
    assert "news.html" in message and "年度报告" in message and "title" not in message


@pytest.mark.parametrize("data", [b"", b"  \r\n ", page("<script>var a = 1;</script>  "),
                                  page("<div class='footer'><a href='/'>首页</a></div>")])
def test_empty_pages(data: bytes) -> None:
    with pytest.raises(EmptyReportError) as error:
        read_html(data, "empty.html")
    assert "empty.html" in one_line(error)


@pytest.mark.parametrize("data", [b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", b"PK\x03\x04\x14\x00",
                                  bytes(range(256)) * 8])
def test_binary_junk(data: bytes) -> None:
    with pytest.raises(UnsupportedFormatError) as error:
        read_html(data, "junk.html")
    assert "junk.html" in one_line(error)


def test_undecodable_high_bytes_are_not_a_report() -> None:
    junk = bytes(range(0x80, 0x100)) * 40
    with pytest.raises(LoaderError) as error:
        read_html(junk, "junk.html")
    one_line(error)
