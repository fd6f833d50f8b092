"""事实抽取：把 Document 的正文数字和表格单元格变成 Fact（正文在前，表格在后，按阅读顺序）。"""
from __future__ import annotations

from dataclasses import dataclass, field

from knowledge.model import Fact
from loaders.model import Document

EXTRACTOR_VERSION = "6"
"""Bump when loaders or fact extraction change what a file yields: stored reports indexed by an
older version are re-read on the next load instead of being kept as 'unchanged'."""


@dataclass(frozen=True)
class Extraction:
    """What one report yields: its facts and the report-level notes about its data."""

    facts: list[Fact]
    notes: list[str] = field(default_factory=list)
    """Table findings (alignments, glued digits that could not be split, unreadable rows) and
    the loader's own warnings, once each — also for cells that got no value and so no fact."""


def extract(doc: Document) -> Extraction:
    """Facts and notes of one document (see `document_facts`)."""
    from knowledge.facts.prose import prose_facts
    from knowledge.facts.table_split import place_by_kind, split_by_content
    from knowledge.facts.tables import table_facts, table_kind

    facts: list[Fact] = []
    for paragraph in doc.paragraphs:
        facts += prose_facts(paragraph)
    known: dict[str, tuple[str, ...]] = {}
    for fact in facts:
        known[fact.value] = (*known.get(fact.value, ()), fact.label)
    notes: list[str] = list(doc.warnings)
    tables = [piece for table in doc.tables for piece in split_by_content(table)]
    for table in tables:
        result = table_facts(place_by_kind(table, table_kind(table), doc), known)
        facts += result.facts
        notes += result.warnings
    return Extraction(facts, list(dict.fromkeys(notes)))


def document_facts(doc: Document) -> list[Fact]:
    """Every prose number and every table cell with a value, in reading order."""
    return extract(doc).facts
