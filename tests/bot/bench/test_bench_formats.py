"""The benchmark's HTML and PDF variants: real files, read back with every answer right."""
from __future__ import annotations

import pytest

from bot.bench.run import run_bench
from bot.bench.formats import render_file
from bot.bench.generator import generate_corpus
from loaders import read_document


def _trimmed(rows: tuple[tuple[str, ...], ...]) -> list[tuple[str, ...]]:
    """Rows without trailing blank cells (a PDF grid pads short rows)."""
    out = []
    for row in rows:
        cells = list(row)
        while cells and not cells[-1]:
            cells.pop()
        out.append(tuple(cells))
    return out


@pytest.mark.parametrize(("fmt", "magic"), [("html", b"<!DOCTYPE html"), ("pdf", b"%PDF")])
def test_variant_files_are_real_and_read_the_same(fmt: str, magic: bytes) -> None:
    report = generate_corpus(1, seed=3)[0]
    name, data = render_file(report.file_name, report.text, fmt)
    assert name.endswith("." + fmt) and data.lstrip().upper().startswith(magic.upper())
    text_doc = read_document(report.text.encode(), report.file_name)
    rich_doc = read_document(data, name)
    assert (rich_doc.title, rich_doc.year) == (text_doc.title, text_doc.year)
    assert [_trimmed(t.rows) for t in rich_doc.tables] == [_trimmed(t.rows) for t in text_doc.tables]
    assert {t.layout for t in rich_doc.tables} == {fmt}


@pytest.mark.parametrize("fmt", ["html", "pdf"])
def test_variant_bench_answers_every_question(fmt: str) -> None:
    result = run_bench(reports=4, seed=5, fmt=fmt)
    assert result.reports == 4 and result.questions > 0
    assert result.correct == result.questions, result.failures
