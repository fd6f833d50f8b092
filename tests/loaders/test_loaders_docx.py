"""loaders.docx: real .docx files written from the sample reports read back like the text loader."""
from __future__ import annotations

import io
import zipfile
from collections import Counter
from dataclasses import replace
from functools import cache

import docx
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from knowledge.facts import document_facts
from knowledge.model import Fact
from loaders.blocks import document_from_blocks
from loaders.docx import read_docx
from loaders.errors import EmptyReportError, MalformedReportError, UnsupportedFormatError
from loaders.model import Document
from bot.bench.writers.docx import write_docx
from tests.report_blocks import (
    JINJIANG_2020,
    JINJIANG_2024,
    JINJIANG_2024_TITLE,
    LICHENG_2024,
    SEEDS,
    seed_blocks,
    seed_document,
)

W = nsdecls("w")
TITLE = JINJIANG_2024_TITLE


@cache
def docx_bytes(name: str) -> bytes:
    return write_docx(seed_blocks(name))


@cache
def docx_doc(name: str) -> Document:
    return read_docx(docx_bytes(name), name)


def fact_keys(facts: list[Fact], kind: str | None = None) -> Counter:
    """Values with their section, table, row and column paths (a multiset)."""
    return Counter((f.kind, f.value, f.unit, f.section, f.table, f.row, f.col, f.primary)
                   for f in facts if kind is None or f.kind == kind)


def relabel(doc: Document, like: Document) -> Document:
    """`doc` with the table layouts of `like` (the facts layer reads 'pipe' grids loosely)."""
    tables = tuple(replace(t, layout=o.layout) for t, o in zip(doc.tables, like.tables))
    return replace(doc, tables=tables)


@pytest.mark.parametrize("name", SEEDS)
def test_same_document_as_the_blocks(name: str) -> None:
    # The text loader reading the same blocks (the bridge) gives exactly this Document.
    assert docx_doc(name) == document_from_blocks(seed_blocks(name), name, "docx")


@pytest.mark.parametrize("name", SEEDS)
def test_metadata_sections_and_grids_match_text_loader(name: str) -> None:
    doc, text = docx_doc(name), seed_document(name)
    assert (doc.title, doc.agency, doc.year) == (text.title, text.agency, text.year)
    # seed_blocks puts the cover letter after the title, so only 封面 may be missing here
    assert [s.path for s in doc.sections] == [s.path for s in text.sections if s.path != ("封面",)]
    assert [(t.rows, t.section) for t in doc.tables] == [(t.rows, t.section) for t in text.tables]
    assert {t.layout for t in doc.tables} == {"docx"}


@pytest.mark.parametrize("name", SEEDS)
def test_table_facts_match_text_loader(name: str) -> None:
    doc, text = docx_doc(name), seed_document(name)
    expected = fact_keys(document_facts(text), "table")
    assert fact_keys(document_facts(relabel(doc, text)), "table") == expected
    if {t.layout for t in text.tables} == {"tab"}:  # positions are real in tab grids too
        assert fact_keys(document_facts(doc), "table") == expected


@pytest.mark.parametrize("name", (JINJIANG_2024, LICHENG_2024))
def test_prose_facts_match_text_loader(name: str) -> None:
    doc, text = docx_doc(name), seed_document(name)
    assert fact_keys(document_facts(doc), "text") == fact_keys(document_facts(text), "text")


def test_file_really_has_merged_cells() -> None:
    xml = zipfile.ZipFile(io.BytesIO(docx_bytes(LICHENG_2024))).read("word/document.xml")
    assert xml.count(b"<w:vMerge") > 20 and xml.count(b"<w:gridSpan") > 5
    assert b"<w:gridAfter" in xml  # ragged rows stay ragged


def test_table3_merged_labels_not_doubled() -> None:
    grid = docx_doc(LICHENG_2024).tables[1].rows
    seed = seed_document(LICHENG_2024).tables[1].rows
    assert grid == seed
    cells = Counter(c for row in grid for c in row if c)
    assert cells["三、本年度办理结果"] == 1 and cells["申请人情况"] == 1
    # python-docx's row.cells repeats a merged cell: the naive reading would double labels
    table = docx.Document(io.BytesIO(docx_bytes(LICHENG_2024))).tables[1]
    naive = Counter(c.text for row in table.rows for c in row.cells)
    assert naive["三、本年度办理结果"] > 1
    facts = [f for f in document_facts(docx_doc(LICHENG_2024)) if f.table == "表三"]
    keys = Counter((f.row, f.col) for f in facts)
    assert max(keys.values()) == 1
    assert any(f.row[:1] == ("三、本年度办理结果",) and len(f.row) > 1 for f in facts)


# --- small hand-built files -------------------------------------------------------------


def build(fill) -> bytes:
    """A .docx with the report title and 一、总体情况, then whatever `fill(document)` adds."""
    document = docx.Document()
    document.add_paragraph(TITLE, style="Title")
    document.add_heading("一、总体情况", level=1)
    fill(document)
    return saved(document)


def saved(document) -> bytes:
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def all_cells(doc: Document) -> Counter:
    return Counter(c for t in doc.tables for row in t.rows for c in row if c)


def test_nested_table_is_its_own_table_once() -> None:
    def fill(document) -> None:
        outer = document.add_table(rows=2, cols=2)
        outer.cell(0, 0).text, outer.cell(0, 1).text = "信息内容", "本年处理决定数量"
        outer.cell(1, 0).text = "行政许可"
        inner = outer.cell(1, 1).add_table(rows=1, cols=2)
        inner.cell(0, 0).text, inner.cell(0, 1).text = "1234", "5678"
    doc = read_docx(build(fill), "nested.docx")
    cells = all_cells(doc)
    assert cells["1234"] == 1 and cells["5678"] == 1 and cells["行政许可"] == 1
    assert ("1234", "5678") in [row for t in doc.tables for row in t.rows]
    assert not any("12345678" in c for c in cells)


def test_one_cell_frame_table_is_unwrapped() -> None:
    def fill(document) -> None:
        frame = document.add_table(rows=1, cols=1).cell(0, 0)
        frame.paragraphs[0].text = "（一）主动公开"
        frame.add_paragraph("本年主动公开政府信息475条。")
        inner = frame.add_table(rows=2, cols=2)
        for (r, c), text in {(0, 0): "信息内容", (0, 1): "本年制发件数",
                             (1, 0): "规章", (1, 1): "3"}.items():
            inner.cell(r, c).text = text
    doc = read_docx(build(fill), "frame.docx")
    assert [s.title for s in doc.sections] == ["一、总体情况", "（一）主动公开"]
    assert doc.paragraphs[0].text == "本年主动公开政府信息475条。"
    assert doc.tables[0].rows == (("信息内容", "本年制发件数"), ("规章", "3"))


def test_grid_before_legacy_hmerge_and_copied_vmerge_text() -> None:
    def fill(document) -> None:
        table = document.add_table(rows=3, cols=3)
        for r, row in enumerate((("甲", "乙", "丙"), ("办理结果", "1", "2"), ("办理结果", "3", "4"))):
            for c, text in enumerate(row):
                table.cell(r, c).text = text
        table.cell(0, 1).add_paragraph("丁")  # a cell's paragraphs join without a separator
        first, second = table.rows[1]._tr.tc_lst[0], table.rows[2]._tr.tc_lst[0]
        first.get_or_add_tcPr().append(parse_xml(f'<w:vMerge {W} w:val="restart"/>'))
        second.get_or_add_tcPr().append(parse_xml(f'<w:vMerge {W}/>'))  # text kept
        table.rows[0]._tr.tc_lst[2].get_or_add_tcPr().append(parse_xml(f'<w:hMerge {W}/>'))
        tr = table.rows[0]._tr
        tr.remove(tr.tc_lst[0])
        tr.get_or_add_trPr().append(parse_xml(f'<w:gridBefore {W} w:val="1"/>'))
    doc = read_docx(build(fill), "grid.docx")
    assert doc.tables[0].rows == (("", "乙丁", ""), ("办理结果", "1", "2"), ("", "3", "4"))

TEXT_BOX = (f'<w:r {W}><w:pict><v:shape xmlns:v="urn:schemas-microsoft-com:vml"><v:textbox>'
            f'<w:txbxContent><w:p><w:r><w:t>框内99件</w:t></w:r></w:p></w:txbxContent>'
            f'</v:textbox></v:shape></w:pict></w:r>')


def test_runs_breaks_deletions_and_text_boxes() -> None:
    def fill(document) -> None:
        heading = document.add_heading("（一）主动公开", level=2)
        heading.runs[0].add_break()
        heading.add_run("情况")
        body = document.add_paragraph("本年主动公开政府")
        body.runs[0].add_break()
        body.add_run("信息475条。")
        body._p.append(parse_xml(f'<w:del {W} w:id="1" w:author="x" w:date="2024-01-01T00:00:00Z">'
                                 f'<w:r><w:delText>删去88条</w:delText></w:r></w:del>'))
        body._p.append(parse_xml(TEXT_BOX))
    doc = read_docx(build(fill), "runs.docx")
    assert doc.sections[-1].title == "（一）主动公开情况"
    assert [p.text for p in doc.paragraphs] == ["本年主动公开政府信息475条。"]


NUMBERING = f"""<w:abstractNum {W} w:abstractNumId="90">
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>
    <w:lvlText w:val="%1、"/></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>
    <w:lvlText w:val="（%2）"/></w:lvl>
  <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/>
    <w:lvlText w:val="%3."/><w:suff w:val="space"/></w:lvl>
</w:abstractNum>"""


def test_automatic_list_numbering_gives_sections() -> None:
    document = docx.Document()
    document.add_paragraph(TITLE, style="Title")
    numbering = document.part.numbering_part.element
    numbering.insert(0, parse_xml(NUMBERING))
    numbering.append(parse_xml(f'<w:num {W} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
    for level, text in ((0, "总体情况"), (1, "主动公开"), (2, "规章"), (2, "规范性文件"),
                        (1, "依申请公开"), (0, "主动公开政府信息情况"), (None, "本年无新增。")):
        p = document.add_paragraph(text)
        if level is not None:
            p._p.get_or_add_pPr().append(parse_xml(
                f'<w:numPr {W}><w:ilvl w:val="{level}"/><w:numId w:val="90"/></w:numPr>'))
    doc = read_docx(saved(document), "numbered.docx")
    assert [s.path for s in doc.sections] == [
        ("一、总体情况",), ("一、总体情况", "（一）主动公开"),
        ("一、总体情况", "（一）主动公开", "1. 规章"),
        ("一、总体情况", "（一）主动公开", "2. 规范性文件"),
        ("一、总体情况", "（二）依申请公开"), ("二、主动公开政府信息情况",)]


# --- errors ------------------------------------------------------------------------------


def one_line(exc: pytest.ExceptionInfo) -> str:
    message = str(exc.value)
    assert message and "\n" not in message
    return message


def zipped(files: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return out.getvalue()


@pytest.mark.parametrize("cut", (0.5, 0.9, 0.99))
def test_truncated_docx_is_malformed(cut: float) -> None:
    data = docx_bytes(JINJIANG_2024)
    with pytest.raises(MalformedReportError) as exc:
        read_docx(data[: int(len(data) * cut)], "cut.docx")
    assert "cut.docx" in one_line(exc)


def with_document_xml(edit) -> bytes:
    """A sample .docx whose word/document.xml is replaced by `edit(xml)`."""
    with zipfile.ZipFile(io.BytesIO(docx_bytes(JINJIANG_2024))) as archive:
        files = {n: archive.read(n) for n in archive.namelist()}
    files["word/document.xml"] = edit(files["word/document.xml"])
    return zipped(files)


def test_broken_document_xml_is_malformed() -> None:
    with pytest.raises(MalformedReportError) as exc:
        read_docx(with_document_xml(lambda xml: xml[:500]), "broken.docx")
    one_line(exc)


def test_corrupted_bytes_are_malformed() -> None:
    data = bytearray(docx_bytes(JINJIANG_2024))
    start = zipfile.ZipFile(io.BytesIO(bytes(data))).getinfo("word/document.xml").header_offset
    data[start + 100: start + 400] = bytes(300)  # inside the compressed document.xml
    with pytest.raises(MalformedReportError) as exc:
        read_docx(bytes(data), "flipped.docx")
    one_line(exc)


def test_strict_open_xml_is_unsupported() -> None:
    data = with_document_xml(lambda xml: xml.replace(
        b"http://schemas.openxmlformats.org/wordprocessingml/2006/main",
        b"http://purl.oclc.org/ooxml/wordprocessingml/main"))
    with pytest.raises(UnsupportedFormatError) as exc:
        read_docx(data, "strict.docx")
    assert "Strict" in one_line(exc)


@pytest.mark.parametrize("files", (
    {"hello.txt": b"not a report"},
    {"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>"},
))
def test_zip_that_is_not_word_is_unsupported(files: dict[str, bytes]) -> None:
    with pytest.raises(UnsupportedFormatError) as exc:
        read_docx(zipped(files), "other.docx")
    assert "Word" in one_line(exc)


def test_zero_bytes_and_empty_document() -> None:
    with pytest.raises(EmptyReportError) as exc:
        read_docx(b"", "empty.docx")
    one_line(exc)
    with pytest.raises(EmptyReportError):
        read_docx(saved(docx.Document()), "blank.docx")


def test_no_title_is_malformed() -> None:
    document = docx.Document()
    document.add_paragraph("会议纪要")
    with pytest.raises(MalformedReportError) as exc:
        read_docx(saved(document), "memo.docx")
    assert "年度报告" in one_line(exc)


def test_ole_container_is_unsupported() -> None:
    data = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504  # .doc / encrypted .docx
    with pytest.raises(UnsupportedFormatError) as exc:
        read_docx(data, "old.docx")
    message = one_line(exc)
    assert "加密或旧版 Word 文件" in message and "save as .docx" in message


@pytest.mark.parametrize("data", (b"%PDF-1.7\n...", "晋江市政府信息公开工作年度报告".encode()))
def test_not_a_zip_is_malformed(data: bytes) -> None:
    with pytest.raises(MalformedReportError) as exc:
        read_docx(data, "fake.docx")
    one_line(exc)
