"""事实抽取：把 Document 的正文数字和表格单元格变成 Fact（正文在前，表格在后，按阅读顺序）。"""
from __future__ import annotations

from knowledge.model import Fact
from loaders.model import Document


def document_facts(doc: Document) -> list[Fact]:
    """Every prose number and every table cell with a value, in reading order."""
    from knowledge.facts.prose import prose_facts
    from knowledge.facts.tables import table_facts

    facts: list[Fact] = []
    for paragraph in doc.paragraphs:
        facts += prose_facts(paragraph)
    known: dict[str, tuple[str, ...]] = {}
    for fact in facts:
        known[fact.value] = (*known.get(fact.value, ()), fact.label)
    for table in doc.tables:
        facts += table_facts(table, known).facts
    return facts
