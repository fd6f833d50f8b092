"""解析一份报告：文件的字节 → loader → Document → facts → 可以存进知识库的 NewReport。

Runs in the parser workers (knowledge.ingest.guard, or a Dask worker: knowledge.ingest.cluster);
writing the result is knowledge.ingest.loading's.
"""
from __future__ import annotations

import hashlib

from knowledge.facts import EXTRACTOR_VERSION, extract
from knowledge.ingest.guard import GuardedPool
from knowledge.model import SEP, Fact
from knowledge.store.fact_rows import NewReport, fact_id, fact_row
from knowledge.text.tokenize import canonical_tokens
from loaders import read_document
from loaders.errors import LoaderError

WARM = "knowledge.ingest.parser_warm"
"""Imported before parser workers start, so they start with jieba loaded."""


def _rows(sha: str, facts: list[Fact]) -> list[tuple]:
    """Stored rows of a report's facts (a section's heading key is built once and shared)."""
    headings: dict[tuple[str, ...], tuple[str, str]] = {}
    rows = []
    for i, f in enumerate(facts):
        heading = headings.get(f.section)
        if heading is None:
            tokens = " ".join(canonical_tokens(" ".join(f.section)))
            heading = headings[f.section] = (SEP.join(f.section), tokens)
        rows.append(fact_row(f, fact_id(sha, i), " ".join(canonical_tokens(f.label)), heading))
    return rows


def parse_report(data: bytes, name: str, source: str) -> NewReport:
    """Parse one file's bytes into a report ready to store, in this process (raises
    LoaderError, or anything a library raises on a hostile file): for trusted bytes only."""
    sha = hashlib.sha256(data).hexdigest()
    doc = read_document(data, name)
    found = extract(doc)
    facts = found.facts
    return NewReport(sha256=sha, source=source, title=doc.title, agency=doc.agency or doc.title,
                     year=doc.year, sections=[s.path for s in doc.sections], rows=_rows(sha, facts),
                     n_warnings=sum(1 for f in facts if f.warnings), notes=found.notes,
                     extractor=EXTRACTOR_VERSION)


def prepare(data: bytes, name: str, source: str) -> NewReport:
    """Parse one file's bytes into a report ready to store, in a guarded worker process
    (knowledge.ingest.guard: memory and time limits); raises LoaderError with the reason."""
    with GuardedPool(prepare_safe, warm=WARM) as pool:
        report = next(pool.map([(data, name, source)]))
    if isinstance(report, str):
        raise LoaderError(report)
    return report


def prepare_safe(job: tuple[bytes, str, str]) -> NewReport | str:
    """prepare() for a worker process: the report, or the reason it failed. Any exception of
    one file (a library's NotImplementedError, RecursionError…) is that file's reason, named by
    its type; MemoryError is left to the worker (knowledge.ingest.guard), which then exits."""
    try:
        return parse_report(*job)
    except MemoryError:
        raise
    except Exception as exc:  # noqa: BLE001 - one bad file must not stop the others
        return failure_reason(exc)


def failure_reason(exc: Exception) -> str:
    """A file's failure as one line: a LoaderError's message, else the exception's type and text."""
    message = " ".join(str(exc).split())[:200]
    if isinstance(exc, LoaderError):
        return message or type(exc).__name__
    return f"读取出错（{type(exc).__name__}）{': ' + message if message else ''}"

