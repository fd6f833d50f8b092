"""PDF layouts from real WPS-made reports, written with the project's PDF writer: prose pages
inside a ruled frame (pdfplumber sees a table whose cells hold sentences and headings), and a
表二 block continued on a new piece whose first header cell (「信息内容」) came back empty."""
from __future__ import annotations

from functools import cache

from bot.bench.writers import pdf as pdf_writer
from knowledge.facts import document_facts
from loaders import Document
from loaders.blocks import Block, TableBlock
from loaders.pdf import read_pdf
from loaders.pdf_tables import _prose_runs
from tests.report_blocks import JINJIANG_2024, seed_blocks

PART2 = "二、主动公开政府信息情况"


def _indent(text: str) -> float:
    return 0.0 if text.startswith(("一、", "（", "1.", "2.", "3.", "4.")) else 2 * pdf_writer.CELL


def framed_blocks() -> list[Block]:
    """The 晋江 2024 seed with 一、总体情况 printed inside a one-column frame (a row per printed
    line, as WPS does), and the 二、 heading in the first row of 表二's frame."""
    blocks = seed_blocks(JINJIANG_2024)
    k = blocks.index(PART2)
    prose = [b for b in blocks[1:k] if isinstance(b, str)]
    lines = tuple((line,) for text in prose
                  for line in pdf_writer.wrap(text, pdf_writer.BODY_W - 10, pdf_writer.CELL, _indent(text)))
    table2 = blocks[k + 1]
    assert isinstance(table2, TableBlock)
    width = max(len(r) for r in table2.rows)
    framed2 = TableBlock(((PART2,) + ("",) * (width - 1),)
                         + tuple(tuple(r) + ("",) * (width - len(r)) for r in table2.rows))
    return [blocks[0], TableBlock(lines), framed2, *blocks[k + 2:]]


@cache
def plain_doc() -> Document:
    return read_pdf(pdf_writer.write_pdf(seed_blocks(JINJIANG_2024)), "plain.pdf")


@cache
def framed_doc() -> Document:
    return read_pdf(pdf_writer.write_pdf(framed_blocks()), "framed.pdf")


def table_facts(doc: Document) -> list[tuple[object, ...]]:
    return [(f.table, f.section, f.row, f.col, f.value) for f in document_facts(doc) if f.kind == "table"]


def test_framed_prose_gives_the_outline() -> None:
    assert [s.path for s in framed_doc().sections] == [s.path for s in plain_doc().sections]
    assert (PART2,) in [s.path for s in framed_doc().sections]


def test_framed_prose_is_indexed_under_its_headings() -> None:
    paras = {p.section: p.text for p in framed_doc().paragraphs}
    assert "受理信息公开申请20件" in paras[("一、总体情况", "（二）依申请公开情况")].replace(" ", "")


def test_table_in_a_frame_keeps_its_cells_and_section() -> None:
    facts = table_facts(framed_doc())
    assert facts == table_facts(plain_doc())
    assert {f[1] for f in facts if f[0] == "表二"} == {(PART2,)}


def test_table_rows_are_not_prose() -> None:
    rows = [("一、本年新收政府信息公开申请数量", "", ""), ("三、本年度办理结果", "", ""),
            ("第二十条第（一）项", "", ""), ("信息内容", "本年制发件数", "现行有效件数")]
    assert _prose_runs(rows) == set()
    prose = [("（三）政府信息管理情况。加强区政府门户网站及政务新媒", ""), ("体日常管理。", ""), (PART2, "")]
    assert _prose_runs(prose + rows) == {0, 1, 2}


def blank_header_blocks() -> list[Block]:
    """The seed with 表二 cut before 第二十条第（六）项 and that block's 「信息内容」 cell empty."""
    blocks = seed_blocks(JINJIANG_2024)
    k = blocks.index(PART2) + 1
    rows = list(blocks[k].rows)  # type: ignore[union-attr]
    cut = rows.index(("第二十条第（六）项",))
    assert rows[cut + 1][0] == "信息内容"
    rows[cut + 1] = ("",) + tuple(rows[cut + 1][1:])
    return [*blocks[:k], TableBlock(tuple(rows[:cut])), TableBlock(tuple(rows[cut:])), *blocks[k + 1:]]


def test_continued_table2_with_blank_first_header_cell() -> None:
    doc = read_pdf(pdf_writer.write_pdf(blank_header_blocks()), "blank-header.pdf")
    got = [f for f in table_facts(doc) if f[0] == "表二"]
    assert got == [f for f in table_facts(plain_doc()) if f[0] == "表二"]
    assert (("第二十条第（六）项", "行政处罚"), ("本年处理决定数量",)) in [(f[2], f[3]) for f in got]


def test_cell_text_pdfplumber_misses_is_read_from_the_cell_box() -> None:
    """A cell that comes back empty although its characters are on the page (as at a page break)
    is read again from the characters inside the cell's box."""
    import io

    import pdfplumber

    from loaders.pdf_tables import LINE_SETTINGS, _recovered

    data = pdf_writer.write_pdf(seed_blocks(JINJIANG_2024))
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        page = next(p for p in pdf.pages if p.find_tables(LINE_SETTINGS))
        table = page.find_tables(LINE_SETTINGS)[0]
        rows = tuple(tuple((c or "").strip() for c in row) for row in table.extract())
        i, j = next((i, j) for i, row in enumerate(rows) for j, c in enumerate(row)
                    if c and table.rows[i].cells[j] is not None)
        blanked = tuple(tuple("" if (a, b) == (i, j) else c for b, c in enumerate(row)) for a, row in enumerate(rows))
        assert _recovered(page, table, blanked)[i][j].replace(" ", "") == rows[i][j].replace(" ", "")
