"""The stored form of facts and reports: the row a worker builds for each fact (fact_row), the
row a reader turns back into a fact (fact_from_row), and the report ready to write (NewReport).

Kept apart from knowledge.store.store so that parser workers, cluster workers and readers share one
definition of a row without the Store around it.
"""
from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass

from knowledge.model import SEP, Fact

LabelKey = tuple[str, str, str, str, str, str]
"""(kind, table, label, row path, column path, label tokens): one shared labels row."""
HeadingKey = tuple[str, str]
"""(section path, section tokens): one shared headings row."""
FactRow = tuple
"""(fid, value, number, unit, LabelKey, HeadingKey, quote, approx, is_primary, warnings), see fact_row."""

_FACT_INSERT = ("INSERT INTO facts (report_id, fid, value, number, unit, label_id, heading_id, quote, approx, "
                "is_primary, warnings) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
FACT_COLUMNS = ("id, report_id, fid, value, number, unit, label, section, quote, kind, tbl, row, col, "
                 "approx, is_primary, warnings, label_tokens, section_tokens")
"""Columns of the fact_rows view, in _fact_from_row order."""


def fact_id(sha256: str, ordinal: int, attempt: int = 0) -> str:
    """A short id for a fact, stable for the same file content (letters and digits only).

    `attempt` > 0 gives the alternatives used when the 40-bit id is already taken.
    """
    key = f"{sha256}:{ordinal}" + (f":{attempt}" if attempt else "")
    return hashlib.blake2b(key.encode(), digest_size=5).hexdigest()


def _table_quote(table: str, label: str) -> str:
    return SEP.join((table, label))


def fact_row(f: Fact, fid: str, label_tokens: str, heading: HeadingKey) -> FactRow:
    """The stored form of one fact (built in worker processes; `heading` may be shared)."""
    quote = None if f.kind == "table" and f.quote == _table_quote(f.table, f.label) else f.quote
    warnings = json.dumps(list(f.warnings), ensure_ascii=False) if f.warnings else None
    label = (f.kind, f.table, f.label, SEP.join(f.row), SEP.join(f.col), label_tokens)
    return (fid, f.value, f.number, f.unit, label, heading, quote, int(f.approx), int(f.primary), warnings)


@dataclass(frozen=True)
class StoredFact:
    """A fact row as the matcher needs it: the fact, its ids and its match tokens."""

    fact: Fact
    fid: str
    report_id: int
    label_tokens: tuple[str, ...]
    section_tokens: tuple[str, ...]


@dataclass(frozen=True)
class NewReport:
    """Everything needed to write one report: metadata, outline and fact rows (see fact_row)."""

    sha256: str
    source: str
    title: str
    agency: str
    year: int | None
    sections: Sequence[tuple[str, ...]]
    rows: Sequence[FactRow]
    n_warnings: int = 0
    """How many facts carry a warning."""
    notes: Sequence[str] = ()
    """Report-level data notes."""
    extractor: str = ""
    """The extractor version that read it (knowledge.facts.EXTRACTOR_VERSION)."""


def fact_from_row(row: sqlite3.Row | tuple, shared: dict | None = None) -> StoredFact:
    """A stored fact from its row. `shared` (one dict for the rows of a few reports) makes equal
    headings, row and column paths and token lists one object each: a report's cells repeat them."""
    (_id, report_id, fid, value, number, unit, label, section, quote, kind, tbl, r, c, approx,
     primary, warnings, ltok, stok) = row
    if quote is None and kind == "table":
        quote = _table_quote(tbl, label)
    one = shared if shared is not None else {}

    def split(text: str | None, sep: str | None = SEP) -> tuple[str, ...]:
        key = (sep, text)
        got = one.get(key)
        if got is None:
            got = one[key] = tuple(text.split(sep)) if text else ()
        return got

    fact = Fact(value=value, unit=one.setdefault(unit or "", unit or ""), label=label, section=split(section),
                quote=quote or "", kind=one.setdefault(kind, kind), number=number,
                table=one.setdefault(tbl or "", tbl or ""), row=split(r), col=split(c),
                approx=bool(approx), primary=bool(primary),
                warnings=tuple(json.loads(warnings)) if warnings else ())
    return StoredFact(fact, fid, report_id, split(ltok, None), split(stok, None))
