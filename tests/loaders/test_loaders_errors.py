"""loaders: which inputs are refused, with which exception, and how the registry picks readers."""
from __future__ import annotations

from pathlib import Path

import pytest

from loaders import (
    READERS,
    SUPPORTED_SUFFIXES,
    EmptyReportError,
    LoaderError,
    MalformedReportError,
    UnsupportedFormatError,
    load_document,
    read_document,
)
from tests.conftest import ROOT

CORPUS = ROOT / "knowledge" / "corpus"
REPORT = "某某局2023年政府信息公开工作年度报告\n\n一、总体情况\n\n无。\n"


def one_line(exc: pytest.ExceptionInfo[LoaderError]) -> str:
    message = str(exc.value)
    assert message and "\n" not in message
    return message


def test_supported_suffixes() -> None:
    assert set(SUPPORTED_SUFFIXES) == {".txt", ".md", ".markdown", ".text", ".html", ".htm", ".shtml",
                                       ".pdf", ".docx"}
    assert set(READERS) == set(SUPPORTED_SUFFIXES)


def test_content_picks_the_reader_before_the_name() -> None:
    # a PDF named .txt is read (and refused) as a PDF, not as garbled text
    with pytest.raises(MalformedReportError) as exc:
        read_document(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "report.txt")
    assert "PDF" in one_line(exc) and "report.txt" in one_line(exc)
    html = f"<!DOCTYPE html><html><body><h1>{REPORT.splitlines()[0]}</h1><p>一、总体情况</p></body></html>"
    doc = read_document(html.encode(), "page.txt")
    assert (doc.agency, doc.year) == ("某某局", 2023)
    # an encrypted or legacy Word file named .docx is refused clearly
    with pytest.raises(UnsupportedFormatError) as exc:
        read_document(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512, "report.docx")
    assert "Word" in one_line(exc)


@pytest.mark.parametrize("name", ["report.pdf", "report.DOCX"])
def test_text_under_a_binary_name_is_read_as_text(name: str) -> None:
    doc = read_document(REPORT.encode(), name)
    assert (doc.agency, doc.year) == ("某某局", 2023)
    assert any("内容是文本" in w for w in doc.warnings)


@pytest.mark.parametrize("data", [b"", b"   \n\t\r\n", "\u3000\u3000\n".encode(), b"\xef\xbb\xbf \n"])
def test_empty(data: bytes) -> None:
    with pytest.raises(EmptyReportError) as exc:
        read_document(data, "report.txt")
    assert "report.txt" in one_line(exc)


@pytest.mark.parametrize(
    ("data", "name"),
    [
        (b"abc\x00def\x00" * 10, "report.txt"),
        (b"PK\x03\x04\x14\x00\x06\x00", "report.dat"),
        (b"MZ\x90\x00\x03\x00\x00\x00", "setup"),
        (bytes(range(128, 256)) * 4, "report.txt"),  # neither UTF-8 nor GB18030
    ],
)
def test_binary_content(data: bytes, name: str) -> None:
    with pytest.raises(UnsupportedFormatError) as exc:
        read_document(data, name)
    assert name in one_line(exc)


@pytest.mark.parametrize("name", ["report.exe", "report.zip", "report.doc", "report.xlsx"])
def test_unknown_or_not_yet_supported_suffix(name: str) -> None:
    with pytest.raises(UnsupportedFormatError) as exc:
        read_document(REPORT.encode(), name)
    assert Path(name).suffix.lower() in one_line(exc)


def test_unknown_suffix_with_text_is_read_as_text() -> None:
    doc = read_document(REPORT.encode(), "report.bak")
    assert (doc.agency, doc.year) == ("某某局", 2023)
    doc = read_document(REPORT.encode(), "README")
    assert doc.title == "某某局2023年政府信息公开工作年度报告"


@pytest.mark.parametrize(
    "text",
    [
        "一、总体情况\n\n本年主动公开信息 12 条。\n",
        "泉州市鲤城区人民政府办公室关于转发鲤城区2024年政府信息公开工作年度报告的通知\n\n一、总体情况\n",
        "现将《鲤城区2024年政府信息公开工作年度报告》转发给你们。\n",
    ],
)
def test_no_report_title_is_malformed(text: str) -> None:
    with pytest.raises(MalformedReportError) as exc:
        read_document(text.encode(), "notes.txt")
    assert "notes.txt" in one_line(exc)


def test_errors_are_loader_errors() -> None:
    for cls in (EmptyReportError, UnsupportedFormatError, MalformedReportError):
        assert issubclass(cls, LoaderError)


def test_load_document_uses_file_name_as_source(tmp_path: Path) -> None:
    path = tmp_path / "某局年报.md"
    path.write_text(REPORT, encoding="gb18030")
    doc = load_document(path)
    assert doc.source == "某局年报.md"
    assert doc.sections[0].title == "一、总体情况"


def test_corpus_files_all_load() -> None:
    files = sorted(CORPUS.glob("*.txt"))
    assert len(files) >= 5
    for path in files:
        doc = load_document(path)
        assert doc.title.endswith("政府信息公开工作年度报告")
        assert doc.year is not None
        assert doc.tables and doc.sections and doc.paragraphs
