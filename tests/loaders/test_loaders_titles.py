"""Titles as PDF-to-text conversions and crawlers leave them: a stray first line (「正文」), the
title wrapped over two lines, or no title at all in a body that is plainly an annual report."""
from __future__ import annotations

from pathlib import Path

import pytest

from bot.bench.writers.pdf import write_pdf
from knowledge import bundled_corpus
from loaders import read_document
from loaders.errors import MalformedReportError
from loaders.pdf import read_pdf
from tests.report_blocks import JINJIANG_2024, seed_blocks

TITLE = "晋江市人民政府办公室 2024年政府信息公开工作年度报告"


def body() -> str:
    """The bundled 晋江 2024 report without its title line (and what is above it)."""
    text = (Path(bundled_corpus()) / JINJIANG_2024).read_text(encoding="utf-8")
    return text[text.index(TITLE) + len(TITLE):]


def read(text: str, name: str = "report.txt"):
    return read_document(text.encode("utf-8"), name)


@pytest.mark.parametrize("head", [
    "正文\n\n2024 年晋江市人民政府办公室政府信息公开\n工作年度报告\n",
    "正文\n晋江市人民政府办公室2024年政府\n信息公开工作年度报告\n",
    "2024 年 晋江市人民政府办公室\n政府信息公开工作\n年度报告\n",
])
def test_wrapped_title(head: str) -> None:
    doc = read(head + body())
    assert (doc.agency, doc.year) == ("晋江市人民政府办公室", 2024)
    assert "正文" not in doc.title and doc.title.endswith("政府信息公开工作年度报告")
    assert any("标题分在几行" in w for w in doc.warnings)
    assert len(doc.tables) == 3 and doc.sections[0].title == "一、总体情况"


def test_missing_title_agency_from_file_name() -> None:
    doc = read("正文\n" + body(), "2024年晋江市人民政府办公室政府信息公开工作年度报告.txt")
    assert (doc.agency, doc.year) == ("晋江市人民政府办公室", 2024)
    notes = " ".join(doc.warnings)
    assert "没有标题行" in notes and "取自文件名" in notes and "取自统计期限" in notes
    assert len(doc.tables) == 3


def test_missing_title_agency_from_opening_paragraph() -> None:
    opening = ("正文\n本报告由晋江市人民政府办公室根据《中华人民共和国政府信息公开条例》要求编制。"
               "报告中所列数据统计期限自2024年1月1日起至2024年12月31日止。\n")
    doc = read(opening + body(), "untitled.txt")
    assert (doc.agency, doc.year) == ("晋江市人民政府办公室", 2024)
    assert any("取自开头段落" in w for w in doc.warnings)


def test_text_without_report_parts_is_still_refused() -> None:
    with pytest.raises(MalformedReportError) as exc:
        read("正文\n一、工作总结\n今年我们做了很多工作。\n二、明年计划\n继续努力。\n", "memo.txt")
    message = str(exc.value)
    assert "不是政府信息公开工作年度报告" in message and "no title" not in message


def test_wrapped_title_in_a_pdf() -> None:
    blocks = seed_blocks(JINJIANG_2024)
    wrapped = ["正文", "2024 年晋江市人民政府办公室政府信息公开", "工作年度报告", *blocks[1:]]
    doc = read_pdf(write_pdf(wrapped), "wrapped.pdf")
    assert (doc.agency, doc.year) == ("晋江市人民政府办公室", 2024)
    assert len(doc.tables) == 3


def test_missing_title_in_a_pdf() -> None:
    blocks = seed_blocks(JINJIANG_2024)
    doc = read_pdf(write_pdf(["正文", *blocks[1:]]), "2024年晋江市人民政府办公室政府信息公开工作年度报告.pdf")
    assert (doc.agency, doc.year) == ("晋江市人民政府办公室", 2024)
    assert len(doc.tables) == 3


def test_text_file_named_pdf_is_read_as_text() -> None:
    text = (Path(bundled_corpus()) / JINJIANG_2024).read_bytes()
    doc = read_document(text, "report.pdf")
    assert doc.year == 2024 and any("内容是文本" in w for w in doc.warnings)


def test_text_file_named_pdf_that_is_no_report_is_not_called_a_broken_pdf() -> None:
    with pytest.raises(MalformedReportError) as exc:
        read_document("会议通知：请各单位准时参加。".encode("utf-8"), "notice.pdf")
    message = str(exc.value)
    assert "内容是文本文件" in message and "不是损坏的 PDF" in message and "notice.pdf" in message


def test_broken_pdf_is_called_a_pdf() -> None:
    data = write_pdf(seed_blocks(JINJIANG_2024))
    with pytest.raises(MalformedReportError) as exc:
        read_document(data[: len(data) // 2], "cut.pdf")
    assert "PDF 文件不完整" in str(exc.value) and "截断" in str(exc.value)
