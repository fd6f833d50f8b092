"""Test helper: a bundled sample report as reading-order blocks (bot.bench.writers.blocks), the common content from which
the format tests write real HTML, PDF and DOCX files (so all formats carry the same report)."""
from __future__ import annotations

from pathlib import Path

from bot.bench.writers.blocks import document_blocks, merged_spans
from knowledge import bundled_corpus
from loaders import Document, load_document
from loaders.blocks import Block

JINJIANG_2024 = "000_ec6fb3118189600a.txt"
"""晋江市人民政府办公室2024年 (2021 template, tab tables)."""
JINJIANG_2020 = "001_0ec7f487509b9c4f.txt"
"""晋江市人民政府2020年 (2019 template, Markdown tables)."""
LICHENG_2024 = "003_5740ebcb6cddfa85.txt"
"""鲤城区2024年 (cover letter, 表三 with merged labels)."""
SEEDS = (JINJIANG_2024, LICHENG_2024, JINJIANG_2020)
"""The three samples every format test writes."""
JINJIANG_2024_TITLE = "晋江市人民政府办公室2024年政府信息公开工作年度报告"


def seed_document(name: str) -> Document:
    """The text loader's Document of one bundled sample report."""
    return load_document(Path(bundled_corpus()) / name)


def seed_blocks(name: str) -> list[Block]:
    """`document_blocks` of a bundled sample report."""
    return document_blocks(seed_document(name))


__all__ = ["SEEDS", "document_blocks", "merged_spans", "seed_blocks", "seed_document"]
