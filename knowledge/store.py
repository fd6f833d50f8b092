"""SQLite 知识库（sqlite-utils）：报告、章节、事实和检索用的 FTS5 词索引。

Loading is an upsert keyed by the file's content hash: the same bytes twice are one report; a
changed file with the same title replaces the old report's facts, atomically. Bulk loads group
many reports in one transaction (`Store.batch`), each report still all-or-nothing (a savepoint).

Fact rows are compact: a table cell's quote and column path are NULL when they follow from its
table and label ("表三 › label", label = row › col), warnings NULL when none; reads restore them.
"""
from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from sqlite_utils import Database

from knowledge.errors import StoreError
from knowledge.migrations import migrations
from knowledge.model import SEP, Fact, ReportInfo

FactRow = tuple
"""A facts row without report_id, in _FACT_INSERT order (built by fact_row, in worker processes)."""

_FACT_INSERT = ("report_id, fid, value, number, unit, label, section, quote, kind, tbl, row, col, "
                "approx, is_primary, warnings, label_tokens, section_tokens")
_FACT_COLUMNS = "id, " + _FACT_INSERT
_FID = 0
"""Position of fid in a FactRow."""


def fact_id(sha256: str, ordinal: int, attempt: int = 0) -> str:
    """A short id for a fact, stable for the same file content (letters and digits only).

    `attempt` > 0 gives the alternatives used when the 40-bit id is already taken.
    """
    key = f"{sha256}:{ordinal}" + (f":{attempt}" if attempt else "")
    return hashlib.blake2b(key.encode(), digest_size=5).hexdigest()


def _table_quote(table: str, label: str) -> str:
    return SEP.join((table, label))


def _table_col(label: str, row: str) -> str:
    return label[len(row) + len(SEP):] if row else label


def fact_row(f: Fact, fid: str, label_tokens: str, section: str, section_tokens: str) -> FactRow:
    """The stored form of one fact (section and tokens already joined, so callers can share them)."""
    row, col, quote = SEP.join(f.row), SEP.join(f.col), f.quote
    if f.kind == "table":
        quote = None if quote == _table_quote(f.table, f.label) else quote
        col = None if col and col == _table_col(f.label, row) else col
    warnings = json.dumps(list(f.warnings), ensure_ascii=False) if f.warnings else None
    return (fid, f.value, f.number, f.unit, f.label, section, quote, f.kind, f.table, row, col,
            int(f.approx), int(f.primary), warnings, label_tokens, section_tokens)


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


def _report_info(row: dict) -> ReportInfo:
    return ReportInfo(id=row["id"], title=row["title"], agency=row["agency"] or "", year=row["year"],
                      source=row["source"] or "", facts=row["n_facts"] or 0, warnings=row["n_warnings"] or 0)


def _split(path: str | None) -> tuple[str, ...]:
    return tuple(path.split(SEP)) if path else ()


def _fact_from_row(row: sqlite3.Row | tuple) -> StoredFact:
    (_id, report_id, fid, value, number, unit, label, section, quote, kind, tbl, r, c, approx,
     primary, warnings, ltok, stok) = row
    if kind == "table":
        quote = _table_quote(tbl, label) if quote is None else quote
        c = _table_col(label, r) if c is None else c
    fact = Fact(value=value, unit=unit or "", label=label, section=_split(section), quote=quote or "",
                kind=kind, number=number, table=tbl or "", row=_split(r), col=_split(c),
                approx=bool(approx), primary=bool(primary),
                warnings=tuple(json.loads(warnings)) if warnings else ())
    return StoredFact(fact, fid, report_id, tuple(ltok.split()), tuple(stok.split()))


class Store:
    """The knowledge base in one SQLite file (or ':memory:')."""

    def __init__(self, path: str | Path) -> None:
        try:
            if str(path) != ":memory:":
                Path(path).parent.mkdir(parents=True, exist_ok=True)
            self.db = Database(str(path))
            if str(path) != ":memory:":
                self.db.enable_wal()
                self.db.execute("PRAGMA synchronous=NORMAL")  # safe with WAL; no fsync per report
            self.db.execute("PRAGMA cache_size=-32768")  # 32 MB: the fid index outgrows the default
            self.db.execute("PRAGMA temp_store=MEMORY")
            migrations.apply(self.db)
        except (sqlite3.Error, OSError) as exc:
            raise StoreError(f"无法打开数据库 {path}：{exc}") from exc
        self.path = str(path)
        self._fact_cache: dict[int, list[StoredFact]] = {}
        self.cache: dict[str, object] = {}
        """Derived data (report list, agency aliases) for the layers above; cleared on every load."""

    def close(self) -> None:
        """Close the connection."""
        self.db.close()

    @contextmanager
    def batch(self) -> Iterator[None]:
        """One transaction around several put_report calls (bulk loading: far fewer commits).

        Each report still goes in or not at all (a savepoint); an exception rolls back the batch.
        """
        with self.db.atomic():
            yield

    # -- reports -----------------------------------------------------------------------------
    def reports(self) -> list[ReportInfo]:
        """All loaded reports, by agency then year."""
        rows = self.db.query("SELECT * FROM reports ORDER BY agency, year")
        return [_report_info(r) for r in rows]

    def report(self, report_id: int) -> ReportInfo:
        """One report by id."""
        return _report_info(self.db["reports"].get(report_id))

    def has_sha(self, sha256: str) -> bool:
        """Whether a report with exactly this content is loaded."""
        return self.db.execute("SELECT 1 FROM reports WHERE sha256 = ?", [sha256]).fetchone() is not None

    def put_report(self, new: NewReport) -> str:
        """Insert or replace one report atomically; returns 'unchanged', 'replaced' or 'loaded'."""
        if self.has_sha(new.sha256):
            return "unchanged"
        now = datetime.now(timezone.utc).isoformat(timespec="seconds")
        conn = self.db.conn
        with self.db.atomic():
            old = [r[0] for r in conn.execute(
                "SELECT id FROM reports WHERE title = ? UNION SELECT id FROM reports WHERE source = ?",
                [new.title, new.source])]
            for rid in old:
                self._delete_report(rid)
            rid = conn.execute(
                "INSERT INTO reports (sha256, source, title, agency, year, loaded_at, n_facts, n_warnings) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [new.sha256, new.source, new.title, new.agency, new.year, now, len(new.rows), new.n_warnings],
            ).lastrowid
            conn.executemany("INSERT INTO sections (report_id, ordinal, path, level) VALUES (?, ?, ?, ?)",
                             [(rid, i, SEP.join(p), len(p)) for i, p in enumerate(new.sections)])
            self._insert_facts(rid, new)
            conn.execute("INSERT INTO facts_fts(rowid, label_tokens) "
                         "SELECT id, label_tokens FROM facts WHERE report_id = ?", [rid])
        self._fact_cache.clear()
        self.cache.clear()
        return "replaced" if old else "loaded"

    def _insert_facts(self, rid: int, new: NewReport) -> None:
        """Insert the fact rows; ids already taken (40-bit ids do collide, rarely) get alternatives."""
        sql = f"INSERT INTO facts ({_FACT_INSERT}) VALUES ({', '.join('?' * 17)})"
        with self.db.atomic():
            try:
                self.db.conn.executemany(sql, [(rid, *r) for r in new.rows])
                return
            except sqlite3.IntegrityError:
                self.db.conn.execute("DELETE FROM facts WHERE report_id = ?", [rid])
        self.db.conn.executemany(sql, [(rid, *r) for r in self._unique_fids(new)])

    def _unique_fids(self, new: NewReport) -> list[FactRow]:
        taken = {r[0] for r in self.db.conn.execute(
            "SELECT fid FROM facts WHERE fid IN (SELECT value FROM json_each(?))",
            [json.dumps([r[_FID] for r in new.rows])])}
        out = []
        for i, r in enumerate(new.rows):
            fid, attempt = r[_FID], 0
            while fid in taken:
                attempt += 1
                fid = fact_id(new.sha256, i, attempt)
            taken.add(fid)
            out.append((fid, *r[_FID + 1:]))
        return out

    def _delete_report(self, rid: int) -> None:
        self.db.execute(
            "INSERT INTO facts_fts(facts_fts, rowid, label_tokens) "
            "SELECT 'delete', id, label_tokens FROM facts WHERE report_id = ?", [rid])
        for table in ("facts", "sections"):
            self.db.execute(f"DELETE FROM {table} WHERE report_id = ?", [rid])
        self.db.execute("DELETE FROM reports WHERE id = ?", [rid])

    def sections(self, report_id: int) -> list[tuple[str, ...]]:
        """The outline of one report, in reading order."""
        rows = self.db.query("SELECT path FROM sections WHERE report_id = ? ORDER BY ordinal", [report_id])
        return [tuple(r["path"].split(SEP)) for r in rows]

    # -- facts -------------------------------------------------------------------------------
    def facts_of(self, report_ids: Iterable[int]) -> list[StoredFact]:
        """Every fact of the given reports (cached per report: reports change only on load)."""
        out: list[StoredFact] = []
        for rid in report_ids:
            if rid not in self._fact_cache:
                if len(self._fact_cache) > 256:
                    self._fact_cache.clear()
                cur = self.db.execute(f"SELECT {_FACT_COLUMNS} FROM facts WHERE report_id = ? ORDER BY id", [rid])
                self._fact_cache[rid] = [_fact_from_row(r) for r in cur.fetchall()]
            out.extend(self._fact_cache[rid])
        return out

    def fact_by_fid(self, fid: str) -> StoredFact | None:
        """One fact by its short id."""
        cur = self.db.execute(f"SELECT {_FACT_COLUMNS} FROM facts WHERE fid = ?", [fid])
        row = cur.fetchone()
        return _fact_from_row(row) if row else None

    def reports_matching(self, tokens: Sequence[str], report_ids: Sequence[int] | None = None,
                         limit: int = 50) -> list[int]:
        """Report ids whose fact labels contain any of `tokens` (FTS5), most hits first."""
        terms = [t.replace('"', "") for t in tokens if t.strip()]
        if not terms:
            return []
        match = " OR ".join(f'"{t}"' for t in terms)
        sql = ("SELECT f.report_id, count(*) AS n FROM facts_fts JOIN facts f ON f.id = facts_fts.rowid "
               "WHERE facts_fts MATCH ?")
        params: list = [match]
        if report_ids is not None:
            sql += f" AND f.report_id IN ({','.join('?' * len(report_ids))})"
            params += list(report_ids)
        sql += " GROUP BY f.report_id ORDER BY n DESC LIMIT ?"
        return [r[0] for r in self.db.execute(sql, params + [limit]).fetchall()]
