"""SQLite 知识库（sqlite-utils）：报告、章节、事实和检索用的 FTS5 词索引。

Loading is an upsert keyed by the file's content hash: the same bytes twice are one report; a
changed file with the same title replaces the old report's facts, in one transaction.
"""
from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from sqlite_utils import Database

from knowledge.errors import StoreError
from knowledge.migrations import migrations
from knowledge.model import SEP, Fact, ReportInfo


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
    """Everything needed to write one report: metadata, outline and facts with their tokens."""

    sha256: str
    source: str
    title: str
    agency: str
    year: int | None
    sections: Sequence[tuple[str, ...]]
    facts: Sequence[tuple[Fact, str, tuple[str, ...], tuple[str, ...]]]
    """(fact, fid, label tokens, section tokens) per fact."""


def _report_info(row: dict) -> ReportInfo:
    return ReportInfo(id=row["id"], title=row["title"], agency=row["agency"] or "", year=row["year"],
                      source=row["source"] or "", facts=row["n_facts"] or 0, warnings=row["n_warnings"] or 0)


def _fact_from_row(row: sqlite3.Row | tuple) -> StoredFact:
    (_id, report_id, fid, value, number, unit, label, section, quote, kind, tbl, r, c, approx,
     primary, warnings, ltok, stok) = row
    fact = Fact(value=value, unit=unit or "", label=label, section=tuple(section.split(SEP)) if section else (),
                quote=quote or "", kind=kind, number=number, table=tbl or "",
                row=tuple(r.split(SEP)) if r else (), col=tuple(c.split(SEP)) if c else (),
                approx=bool(approx), primary=bool(primary), warnings=tuple(json.loads(warnings or "[]")))
    return StoredFact(fact, fid, report_id, tuple(ltok.split()), tuple(stok.split()))


_FACT_COLUMNS = ("id, report_id, fid, value, number, unit, label, section, quote, kind, tbl, row, col, "
                 "approx, is_primary, warnings, label_tokens, section_tokens")


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
        return bool(list(self.db.query("SELECT 1 FROM reports WHERE sha256 = ?", [sha256])))

    def put_report(self, new: NewReport) -> str:
        """Insert or replace one report atomically; returns 'unchanged', 'replaced' or 'loaded'."""
        if self.has_sha(new.sha256):
            return "unchanged"
        now = datetime.now(timezone.utc).isoformat(timespec="seconds")
        n_warn = sum(1 for f, *_ in new.facts if f.warnings)
        with self.db.atomic():
            old = [r["id"] for r in self.db.query(
                "SELECT id FROM reports WHERE title = ? OR source = ?", [new.title, new.source])]
            for rid in old:
                self._delete_report(rid)
            rid = self.db["reports"].insert(
                {"sha256": new.sha256, "source": new.source, "title": new.title, "agency": new.agency,
                 "year": new.year, "loaded_at": now, "n_facts": len(new.facts), "n_warnings": n_warn}
            ).last_pk
            self.db.conn.executemany(
                "INSERT INTO sections (report_id, ordinal, path, level) VALUES (?, ?, ?, ?)",
                [(rid, i, SEP.join(p), len(p)) for i, p in enumerate(new.sections)])
            rows = [self._fact_row(rid, *item) for item in new.facts]
            if rows:
                cols = list(rows[0])
                self.db.conn.executemany(
                    f"INSERT INTO facts ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
                    [tuple(r[c] for c in cols) for r in rows])
            self.db.execute(
                "INSERT INTO facts_fts(rowid, label_tokens) SELECT id, label_tokens FROM facts WHERE report_id = ?",
                [rid])
        self._fact_cache.clear()
        self.cache.clear()
        return "replaced" if old else "loaded"

    @staticmethod
    def _fact_row(rid: int, f: Fact, fid: str, ltok: tuple[str, ...], stok: tuple[str, ...]) -> dict:
        return {"report_id": rid, "fid": fid, "value": f.value, "number": f.number, "unit": f.unit,
                "label": f.label, "section": SEP.join(f.section), "quote": f.quote, "kind": f.kind,
                "tbl": f.table, "row": SEP.join(f.row), "col": SEP.join(f.col), "approx": int(f.approx),
                "is_primary": int(f.primary), "warnings": json.dumps(list(f.warnings), ensure_ascii=False),
                "label_tokens": " ".join(ltok), "section_tokens": " ".join(stok)}

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
