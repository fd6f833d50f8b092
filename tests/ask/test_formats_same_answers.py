"""One report, four file formats: the same questions get the same answers with the same section paths.

The sample reports are written as real files — text, a saved government web page (rowspan /
colspan, digits split across <span>s), a ruled PDF (reportlab, CID font) and a Word file with
merged cells (python-docx) — each loaded through `load_paths` (content sniffing, the reader
registry) into its own database, then asked the same questions through `ask`.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from knowledge import Store, ask, load_paths
from loaders.blocks import blocks_to_text
from bot.bench.writers.docx import write_docx
from bot.bench.writers.html import write_html
from bot.bench.writers.pdf import write_pdf
from tests.report_blocks import JINJIANG_2024, LICHENG_2024, seed_blocks

WRITERS = {
    "txt": lambda blocks: blocks_to_text(blocks).encode("utf-8"),
    "html": lambda blocks: write_html(blocks),
    "pdf": lambda blocks: write_pdf(blocks),
    "docx": lambda blocks: write_docx(blocks),
}

QUESTIONS = {
    JINJIANG_2024: [
        ("2024年晋江依申请公开多少件", "20"),
        ("晋江市政府办公室2024年主动公开政府信息多少条", "475"),
        ("2024年晋江市人民政府办公室行政规范性文件现行有效多少件", "69"),
        ("2024年晋江市人民政府办公室本年新收政府信息公开申请数量是多少", "17"),
        ("2024年晋江市人民政府办公室行政复议结果维持几件", "1"),
    ],
    LICHENG_2024: [
        ("鲤城区2024年行政许可处理决定数量", "56200"),
        ("鲤城区2024年行政事业性收费金额是多少", "149.876378"),
        ("鲤城区2024年收到政府信息公开申请多少件", "81"),
        # 表三 cells under merged labels (rowspan / vMerge in the rich files)
        ("鲤城区2024年因本机关不掌握相关政府信息无法提供的申请有几件", "35"),
        ("鲤城区2024年不予公开属于行政查询事项的有多少件", None),
        ("鲤城区2024年予以公开的申请法人或其他组织商业企业多少件", None),
    ],
}
"""Questions per sample; a value is the expected answer, None means "whatever the text file says"."""


@pytest.fixture(scope="module")
def stores(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], Store]:
    out: dict[tuple[str, str], Store] = {}
    root = tmp_path_factory.mktemp("formats")
    for seed in QUESTIONS:
        blocks = seed_blocks(seed)
        for fmt, write in WRITERS.items():
            path = root / f"{Path(seed).stem}.{fmt}"
            path.write_bytes(write(blocks))
            store = Store(root / f"{Path(seed).stem}-{fmt}.db")
            result = load_paths(store, [path])
            assert not result.failed, (fmt, result.failed)
            out[(seed, fmt)] = store
    return out


def _answer(store: Store, question: str) -> tuple[str, str | None, str | None, tuple[str, ...]]:
    got = ask(store, question)
    best = got.best.fact if got.best else None
    return got.status, best and best.value, best and best.unit, best.section if best else ()


@pytest.mark.parametrize("seed", list(QUESTIONS))
@pytest.mark.parametrize("fmt", ["html", "pdf", "docx"])
def test_same_answers_as_the_text_file(stores: dict[tuple[str, str], Store], seed: str, fmt: str) -> None:
    for question, expected in QUESTIONS[seed]:
        text = _answer(stores[(seed, "txt")], question)
        rich = _answer(stores[(seed, fmt)], question)
        assert text[0] == "answered", (question, text)
        if expected is not None:
            assert text[1] == expected, (question, text)
        assert rich == text, (fmt, question)


@pytest.mark.parametrize("seed", list(QUESTIONS))
def test_same_reports_and_fact_counts(stores: dict[tuple[str, str], Store], seed: str) -> None:
    infos = {fmt: stores[(seed, fmt)].reports()[0] for fmt in WRITERS}
    assert len({(i.title, i.agency, i.year) for i in infos.values()}) == 1
    counts = {fmt: (i.facts, i.warnings) for fmt, i in infos.items()}
    assert len(set(counts.values())) == 1, counts
