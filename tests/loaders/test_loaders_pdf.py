"""loaders.pdf on PDFs written from the bundled samples (bot.bench.writers.pdf): the PDF reader must
give the same report as the text loader — metadata, outline, facts — with ruled and
borderless tables, merged label cells, tables split over pages, headers and page numbers."""
from __future__ import annotations

import io
import re
from functools import cache

import pdfplumber
import pytest
from PIL import Image
from reportlab.lib import pdfencrypt
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from knowledge.facts import document_facts
from knowledge.model import Fact
from loaders import COVER_SECTION, Document
from loaders.blocks import document_from_blocks
from loaders.errors import EmptyReportError, LoaderError, MalformedReportError, UnsupportedFormatError
from loaders.pdf import read_pdf
from loaders.pdf_layout import is_page_number
from bot.bench.writers import pdf as pdf_writer
from bot.bench.writers.pdf import FONT, write_pdf
from tests.report_blocks import JINJIANG_2020, JINJIANG_2024, LICHENG_2024, SEEDS, seed_blocks, seed_document

SPLIT_HEIGHT = 600.0
"""A page height at which 表三 of every seed (and 表二 of the 晋江 ones) runs over a page break."""
VARIANTS = [pytest.param(ruled, id="ruled" if ruled else "unruled") for ruled in (True, False)]
HEIGHTS = [pytest.param(None, id="A4"), pytest.param(SPLIT_HEIGHT, id="short-pages")]


@cache
def pdf_bytes(name: str, ruled: bool, height: float | None = None) -> bytes:
    return write_pdf(seed_blocks(name), ruled=ruled, page_height=height)


@cache
def pdf_doc(name: str, ruled: bool, height: float | None = None) -> Document:
    return read_pdf(pdf_bytes(name, ruled, height), name.replace(".txt", ".pdf"))


@cache
def bridge_doc(name: str) -> Document:
    """What loaders.blocks makes of the seed's blocks: the best any rich reader can do."""
    return document_from_blocks(seed_blocks(name), name, "pdf")


def fact_key(fact: Fact) -> tuple[object, ...]:
    """Everything a fact says; labels without spaces (a PDF line break drops 「H5 解读」's space)."""
    return (fact.kind, fact.table, fact.section, fact.row, fact.col, fact.value, fact.unit,
            re.sub(r"\s+", "", fact.label), fact.number, fact.approx, fact.primary, fact.warnings)


def fact_keys(doc: Document) -> list[tuple[object, ...]]:
    return [fact_key(f) for f in document_facts(doc)]


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def pages_with(data: bytes, needle: str) -> list[int]:
    """Pages (from 0) whose extracted text holds `needle`, spaces and line breaks ignored."""
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return [i for i, page in enumerate(pdf.pages) if needle in squeeze(page.extract_text() or "")]


@pytest.mark.parametrize("height", HEIGHTS)
@pytest.mark.parametrize("ruled", VARIANTS)
@pytest.mark.parametrize("name", SEEDS)
def test_same_report_as_text_loader(name: str, ruled: bool, height: float | None) -> None:
    doc, text = pdf_doc(name, ruled, height), seed_document(name)
    assert (doc.title, doc.agency, doc.year) == (text.title, text.agency, text.year)
    # the seed blocks put the cover letter after the title, so it is no cover section any more
    assert [s.path for s in doc.sections] == [s.path for s in text.sections if s.path != (COVER_SECTION,)]
    assert [s.path for s in doc.sections] == [s.path for s in bridge_doc(name).sections]
    assert fact_keys(doc) == fact_keys(bridge_doc(name))
    got, want = fact_keys(doc), fact_keys(text)
    if name == JINJIANG_2020:
        # its Markdown (pipe) 表三 reads the short row 四、结转… differently from a grid (the
        # fact layer's layout rule, not the PDF): one cell lands in another column, and the
        # column rules then warn on other cells (blank zeros filled, one cell of that row is
        # still read differently); all values and paths are otherwise equal
        got, want = [k[:-1] for k in got], [k[:-1] for k in want]
        odd = set(got) ^ set(want)
        assert 1 <= len(odd) <= 2 and all(k[3] == ("四、结转下年度继续办理",) for k in odd)
        got, want = [k for k in got if k not in odd], [k for k in want if k not in odd]
    assert got == want


@pytest.mark.parametrize("ruled", VARIANTS)
@pytest.mark.parametrize("name", SEEDS)
def test_tables_as_grids_with_layout_pdf(name: str, ruled: bool) -> None:
    doc, bridge = pdf_doc(name, ruled), bridge_doc(name)
    assert [t.section for t in doc.tables] == [t.section for t in bridge.tables]
    assert {t.layout for t in doc.tables} == {"pdf"}
    for got, want in zip(doc.tables, bridge.tables, strict=True):
        width = max(len(r) for r in want.rows)
        assert [tuple(map(squeeze, r)) for r in got.rows] == [
            tuple(map(squeeze, r)) + ("",) * (width - len(r)) for r in want.rows]


@pytest.mark.parametrize("ruled", VARIANTS)
def test_table3_cells_under_merged_labels(ruled: bool) -> None:
    facts = {(f.row, f.col): f.value for f in document_facts(pdf_doc(LICHENG_2024, ruled)) if f.table == "表三"}
    natural = ("申请人情况", "自然人")
    assert facts[(("三、本年度办理结果", "（三）不予公开", "8.属于行政查询事项"), natural)] == "2"
    assert facts[(("三、本年度办理结果", "（四）无法提供", "1.本机关不掌握相关政府信息"), ("总计",))] == "35"
    assert facts[(("三、本年度办理结果", "（五）不予处理", "2.重复申请"), natural)] == "2"
    assert facts[(("三、本年度办理结果", "（七）总计"), ("总计",))] == "101"


def test_merged_label_drawn_once_without_inner_line() -> None:
    with pdfplumber.open(io.BytesIO(pdf_bytes(LICHENG_2024, True))) as pdf:
        rows = [row for page in pdf.pages for table in page.find_tables() for row in table.extract()]
    label = [i for i, row in enumerate(rows) if row[1] == "(三) 不予公开"]
    assert len(label) == 1
    # the 7 rows below share the merged cell (pdfplumber gives None: no cell of their own),
    # except where the page breaks the span: the rest is an empty cell on the next page
    below = [rows[i][1] for i in range(label[0] + 1, label[0] + 8)]
    assert set(below) <= {None, ""} and below.count(None) >= 5
    assert sum(1 for row in rows if row[0] == "三、本年度办理结果") == 1


@pytest.mark.parametrize("ruled", VARIANTS)
@pytest.mark.parametrize("name", SEEDS)
def test_table_split_over_pages_is_one_grid(name: str, ruled: bool) -> None:
    data = pdf_bytes(name, ruled, SPLIT_HEIGHT)
    first, last = pages_with(data, "一、本年新收"), pages_with(data, "四、结转")
    assert len(first) == len(last) == 1 and first[0] < last[0]
    doc = pdf_doc(name, ruled, SPLIT_HEIGHT)
    assert len(doc.tables) == 3
    table3 = doc.tables[1]
    assert table3.rows[3][0] == "一、本年新收政府信息公开申请数量"
    assert table3.rows[-1][0] == "四、结转下年度继续办理"
    assert len(table3.rows) == len(bridge_doc(name).tables[1].rows)


@pytest.mark.parametrize("ruled", VARIANTS)
@pytest.mark.parametrize("name", SEEDS)
def test_no_headers_page_numbers_or_table_text_in_prose(name: str, ruled: bool) -> None:
    doc = pdf_doc(name, ruled, SPLIT_HEIGHT)
    texts = [p.text for p in doc.paragraphs]
    assert not any(is_page_number(t) or re.search(r"-\s*\d+\s*-", t) for t in texts)
    assert doc.title not in {squeeze(t) for t in texts}  # the running header line
    for cell in ("属于行政执法案卷", "本年度办理结果", "社会公益组织", "第二十条第（一）项", "尚未审结"):
        assert not any(cell in squeeze(t) for t in texts), cell


@pytest.mark.parametrize("ruled", VARIANTS)
@pytest.mark.parametrize("name", SEEDS)
def test_prose_in_reading_order_per_section(name: str, ruled: bool) -> None:
    """Wrapped lines, paragraphs running over a page break: each section's prose comes back
    in order (the text reader may split a paragraph where a printed line ends with 「。」)."""
    doc, text = pdf_doc(name, ruled, SPLIT_HEIGHT), bridge_doc(name)

    def prose(d: Document) -> dict[tuple[str, ...], str]:
        out: dict[tuple[str, ...], str] = {}
        for p in d.paragraphs:
            out[p.section] = out.get(p.section, "") + squeeze(p.text)
        return out

    assert prose(doc) == prose(text)
    long = [p for p in doc.paragraphs if len(p.text) > 100]
    assert long and all("\n" not in p.text for p in long)


@pytest.mark.parametrize("footer", ["第 {n} 页", "{n} / 12", "— {n} —"])
def test_other_page_number_styles(footer: str) -> None:
    data = write_pdf(seed_blocks(JINJIANG_2024), page_height=SPLIT_HEIGHT, footer=footer)
    doc = read_pdf(data, "x.pdf")
    assert fact_keys(doc) == fact_keys(bridge_doc(JINJIANG_2024))
    assert not any(re.search(r"第\s*\d+\s*页|\d+\s*/\s*12|—", p.text) for p in doc.paragraphs)


@pytest.mark.parametrize("name", [LICHENG_2024, JINJIANG_2020])
def test_borderless_tables_in_body_font_size(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Table text as large as the prose: the part headings between the tables stay headings."""
    monkeypatch.setattr(pdf_writer, "CELL", 11.0)
    monkeypatch.setattr(pdf_writer, "CELL_LEADING", 13.0)
    doc = read_pdf(write_pdf(seed_blocks(name), ruled=False), "big.pdf")
    assert [s.path for s in doc.sections] == [s.path for s in bridge_doc(name).sections]
    assert fact_keys(doc) == fact_keys(bridge_doc(name))


def test_letter_spaced_text_has_no_spaces() -> None:
    def page(c: Canvas) -> None:
        for y, text, space in ((700, "某某局2023年政府信息公开工作年度报告", 0.0), (670, "一、总体情况", 0.0),
                               (640, "全年主动公开政府信息 12 条，AI 问答 3 次。", 2.0)):
            line = c.beginText(72, y)
            line.setFont(FONT, 12)
            line.setCharSpace(space)
            line.textOut(text)
            c.drawText(line)

    doc = read_pdf(canvas_pdf(page), "spaced.pdf")
    assert [p.text for p in doc.paragraphs] == ["全年主动公开政府信息 12 条，AI 问答 3 次。"]
    assert [f.value for f in document_facts(doc)] == ["12", "3"]


def canvas_pdf(draw, **kwargs) -> bytes:
    buf = io.BytesIO()
    canvas = Canvas(buf, **kwargs)
    draw(canvas)
    canvas.showPage()
    canvas.save()
    return buf.getvalue()


def image_pdf() -> bytes:
    """A "scanned" page: one picture, no text."""
    png = io.BytesIO()
    Image.new("RGB", (400, 200), "white").save(png, "PNG")
    png.seek(0)
    return canvas_pdf(lambda c: (c.rect(60, 600, 300, 100), c.drawImage(ImageReader(png), 60, 300, 400, 200)))


def one_line(exc: pytest.ExceptionInfo[LoaderError]) -> str:
    message = str(exc.value)
    assert message and "\n" not in message
    return message


def test_truncated_pdf_is_malformed() -> None:
    data = pdf_bytes(JINJIANG_2024, True)
    with pytest.raises(MalformedReportError) as exc:
        read_pdf(data[: len(data) // 2], "cut.pdf")
    assert "cut.pdf" in one_line(exc) and "截断" in one_line(exc)


def test_corrupt_body_is_malformed() -> None:
    data = pdf_bytes(JINJIANG_2024, True)
    with pytest.raises(MalformedReportError) as exc:
        read_pdf(data[: len(data) // 2] + b"\n%%EOF\n", "broken.pdf")
    assert "PDF 文件损坏" in one_line(exc)
    with pytest.raises(MalformedReportError) as exc:
        read_pdf(b"plain text, not a PDF", "fake.pdf")
    assert "%PDF" in one_line(exc)


@pytest.mark.parametrize("data", [
    pytest.param(image_pdf(), id="image"),
    pytest.param(canvas_pdf(lambda c: (c.rect(100, 100, 200, 200, fill=1), c.line(50, 50, 500, 50))), id="shapes"),
])
def test_no_text_layer_is_unsupported(data: bytes) -> None:
    with pytest.raises(UnsupportedFormatError) as exc:
        read_pdf(data, "scan.pdf")
    assert "没有文字层" in one_line(exc) and "OCR" in one_line(exc)


def test_zero_bytes_is_empty() -> None:
    with pytest.raises(EmptyReportError):
        read_pdf(b"", "empty.pdf")


def test_encrypted_pdf() -> None:
    def hello(c: Canvas) -> None:
        c.setFont(FONT, 12)
        c.drawString(72, 700, "某某局2023年政府信息公开工作年度报告")

    locked = canvas_pdf(hello, encrypt=pdfencrypt.StandardEncryption("secret", "owner"))
    with pytest.raises(UnsupportedFormatError) as exc:
        read_pdf(locked, "locked.pdf")
    assert "加密" in one_line(exc) and "密码" in one_line(exc)
    # an owner password alone does not stop reading; pdfminer then gets reportlab's CID font
    # as (cid:N) codes, which is said as such rather than read as an empty report
    with pytest.raises(UnsupportedFormatError) as exc:
        read_pdf(canvas_pdf(hello, encrypt=pdfencrypt.StandardEncryption("", "owner")), "open.pdf")
    assert "(cid:N)" in one_line(exc) and "加密" not in one_line(exc)


def test_scanned_page_among_text_pages_is_a_warning() -> None:
    def pages(c: Canvas) -> None:
        c.setFont(FONT, 12)
        c.drawString(72, 700, "某某局2023年政府信息公开工作年度报告")
        c.drawString(72, 670, "一、总体情况")
        c.drawString(72, 640, "全年主动公开政府信息 12 条。")
        c.showPage()
        c.rect(60, 300, 400, 300, fill=1)

    doc = read_pdf(canvas_pdf(pages), "mixed.pdf")
    assert doc.year == 2023 and [s.title for s in doc.sections] == ["一、总体情况"]
    assert any("第 2 页没有文字层" in w for w in doc.warnings)
