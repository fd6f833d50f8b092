"""SQLite 知识库（sqlite-utils）：报告、章节、事实和检索用的 FTS5 词索引。

Loading is an upsert keyed by the file's content hash: the same bytes twice are one report; a
changed file with the same title replaces the old report's facts, atomically. Bulk loads group
many reports in one transaction (`Store.batch`), each report still all-or-nothing (a savepoint).

Fact rows are compact: the label (with its table, row and column paths and match tokens) and the
heading path (with its tokens) are shared rows that facts point to, so the 表三 labels repeated in
every report are stored and indexed once; a cell's quote is NULL when it is just "表三 › label",
warnings NULL when none. The view fact_rows shows facts with every column spelled out.
"""
from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING

from sqlite_utils import Database

from knowledge.store import agency_terms
from knowledge.store.catalog import Catalog
from knowledge.errors import StoreError
from knowledge.store.fact_rows import (  # noqa: F401 - re-exported: the store's row types
    _FACT_INSERT, FACT_COLUMNS, FactRow, HeadingKey, LabelKey, NewReport, StoredFact, fact_from_row,
    fact_id, fact_row,
)
from knowledge.store.migrations import migrations
from knowledge.store.shared_rows import SharedRows
from knowledge.model import SEP, ReportInfo
from knowledge.store.transactions import locked_message, lock_wait, write_transaction

if TYPE_CHECKING:
    from knowledge.names.places import Gazetteer

READ_CACHE_KB = 4096
"""SQLite page cache of a reading connection (KB): a question reads a few index pages and one
report's facts; the rest come from the operating system's file cache, shared by every process."""
WRITE_CACHE_KB = 32768
"""Page cache once a connection bulk-loads (Store.batch): index pages updated by every report
stay cached."""
FACT_CACHE_REPORTS = 16
"""Reports whose facts a Store keeps in memory (least recently used dropped first): a question
reads one to a few dozen reports, and ~0.5 MB per report keeps memory flat in corpus size."""


def _gazetteer() -> Gazetteer:
    """The gazetteer, imported on first need: only a new agency's terms read it."""
    from knowledge.names.places import gazetteer

    return gazetteer()


class Store:
    """The knowledge base in one SQLite file (or ':memory:')."""

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        opened = self._identity() if self.path != ":memory:" else None  # taken before opening: a file
        # swapped in while we open is still noticed by the next refresh
        try:
            if str(path) != ":memory:":
                Path(path).parent.mkdir(parents=True, exist_ok=True)
            self.db = Database(str(path))
            self.db.execute(f"PRAGMA busy_timeout = {int(lock_wait() * 1000)}")  # writers wait for each other
            if str(path) != ":memory:":
                try:
                    self.db.enable_wal()
                except sqlite3.OperationalError as exc:  # a read-only copy (a replica, see
                    if "readonly" not in str(exc):  # deploy/replicas.md) is read in its own mode
                        raise
                self.db.execute("PRAGMA synchronous=NORMAL")  # safe with WAL; no fsync per report
            self.db.execute(f"PRAGMA cache_size=-{READ_CACHE_KB}")
            self.db.execute("PRAGMA temp_store=MEMORY")
            if migrations.pending(self.db) or "_sqlite_migrations" not in self.db.table_names():
                with self._write():  # two processes opening a new database: one migrates, one waits
                    migrations.apply(self.db)
            agency_terms.ensure(self.db.conn, self._write, _gazetteer)
        except sqlite3.OperationalError as exc:
            raise StoreError(locked_message(path) if "locked" in str(exc) else f"无法打开数据库 {path}：{exc}") from exc
        except (sqlite3.Error, OSError) as exc:
            raise StoreError(f"无法打开数据库 {path}：{exc}") from exc
        self._opened = opened if opened is not None or self.path == ":memory:" else self._identity()
        self._fact_cache: dict[int, list[StoredFact]] = {}
        self._bulk = False
        self._version = self.db.execute("PRAGMA data_version").fetchone()[0]
        self._signature = self._reports_signature()
        self._shared = SharedRows(self.db.conn)
        """Ids of the shared labels and headings rows this connection writes facts with."""
        self.cache: dict[str, object] = {}
        """Objects the layers above build on this store (the catalog, agency index and speller: SQL
        look-ups with bounded caches); cleared on every load."""

    def close(self) -> None:
        """Close the connection."""
        self.db.close()

    def _identity(self) -> tuple[int, int] | None:
        try:
            st = os.stat(self.path)
        except (OSError, AttributeError):
            return None
        return st.st_dev, st.st_ino

    def refresh(self) -> bool:
        """Reopen when another process swapped a new database file in (`load --replace`): a
        long-lived reader (the bot, `chat`) then reads the new index; True when it did."""
        now = self._identity()
        if now is None or now == self._opened:
            self._notice_loads()
            return False
        self.db.close()
        self.__init__(self.path)  # type: ignore[misc]  # same path, the new file
        return True

    def _notice_loads(self) -> None:
        """Drop the cached report list and facts when another process loaded or replaced reports
        in this file (a plain `load`): SQLite's data_version moves on any other connection's
        commit, and only then are the reports counted."""
        version = self.db.execute("PRAGMA data_version").fetchone()[0]
        if version == self._version:
            return
        self._version = version
        signature = self._reports_signature()
        if signature != self._signature:
            self._signature = signature
            self._fact_cache.clear()
            self.cache.clear()

    def _reports_signature(self) -> tuple[int, int]:
        return tuple(self.db.execute("SELECT count(*), coalesce(max(id), 0) FROM reports").fetchone())

    @contextmanager
    def _write(self) -> Iterator[None]:
        """A write transaction taking the write lock at once (see knowledge.store.transactions)."""
        with write_transaction(self.db, getattr(self, "path", "")):
            yield

    @contextmanager
    def batch(self) -> Iterator[None]:
        """One transaction around several put_report calls (bulk loading: far fewer commits).

        Each report still goes in or not at all (a savepoint); an exception rolls back the batch.
        """
        if not self._bulk:
            self._bulk = True
            self.db.execute(f"PRAGMA cache_size=-{WRITE_CACHE_KB}")
        try:
            with self._write():
                yield
        except BaseException:
            self._shared.clear()  # rows these ids named may have been rolled back
            raise

    # -- reports -----------------------------------------------------------------------------
    def reports(self) -> list[ReportInfo]:
        """All loaded reports, by agency then year (answering reads them through catalog())."""
        return list(self.catalog())

    def catalog(self) -> Catalog:
        """The loaded reports, read from SQLite as questions need them."""
        return Catalog(self.db.conn)

    def report(self, report_id: int) -> ReportInfo:
        """One report by id."""
        return self.catalog().by_id[report_id]

    def has_sha(self, sha256: str, extractor: str | None = None) -> bool:
        """Whether a report with exactly this content is loaded (and, given `extractor`, was read
        by that extractor version — else it is due to be read again)."""
        row = self.db.execute("SELECT extractor FROM reports WHERE sha256 = ?", [sha256]).fetchone()
        return row is not None and (extractor is None or row[0] == extractor)

    def put_report(self, new: NewReport) -> str:
        """Insert or replace one report atomically; returns 'unchanged', 'replaced' or 'loaded'."""
        if self.has_sha(new.sha256, new.extractor or None):
            return "unchanged"
        now = datetime.now(timezone.utc).isoformat(timespec="seconds")
        conn = self.db.conn
        try:
            with self._write():
                old = dict(conn.execute(
                    "SELECT id, agency FROM reports WHERE title = ? UNION SELECT id, agency FROM reports WHERE "
                    "source = ? UNION SELECT id, agency FROM reports WHERE sha256 = ?",
                    [new.title, new.source, new.sha256]).fetchall())
                for rid in old:
                    for table in ("facts", "sections"):
                        conn.execute(f"DELETE FROM {table} WHERE report_id = ?", [rid])
                    conn.execute("DELETE FROM reports WHERE id = ?", [rid])
                rid = conn.execute(
                    "INSERT INTO reports (sha256, source, title, agency, year, loaded_at, n_facts, n_warnings, "
                    "notes, extractor) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [new.sha256, new.source, new.title, new.agency, new.year, now, len(new.rows),
                     new.n_warnings, json.dumps(list(new.notes), ensure_ascii=False) if new.notes else None,
                     new.extractor or None]).lastrowid
                conn.executemany("INSERT INTO sections (report_id, ordinal, path, level) VALUES (?, ?, ?, ?)",
                                 [(rid, i, SEP.join(p), len(p)) for i, p in enumerate(new.sections)])
                self._insert_facts(rid, new)
                agency_terms.add_agency(conn, new.agency, _gazetteer)
                for agency in set(old.values()) - {new.agency}:
                    agency_terms.drop_agency(conn, agency, _gazetteer)
        except BaseException:
            self._shared.clear()
            raise
        finally:
            self._fact_cache.clear()
            self.cache.clear()
        return "replaced" if old else "loaded"

    def _insert_facts(self, rid: int, new: NewReport) -> None:
        """Insert the fact rows; ids already taken (40-bit ids do collide, rarely) get alternatives."""
        shared = self._shared
        rows = [(rid, fid, value, number, unit, shared.label(lk), shared.heading(hk), *rest)
                for fid, value, number, unit, lk, hk, *rest in new.rows]
        try:
            self.db.conn.executemany(_FACT_INSERT, rows)
        except sqlite3.IntegrityError:
            self.db.conn.execute("DELETE FROM facts WHERE report_id = ?", [rid])
            self.db.conn.executemany(_FACT_INSERT, self._unique_fids(new.sha256, rows))

    def _unique_fids(self, sha256: str, rows: list[tuple]) -> list[tuple]:
        """`rows` with each fid already in the database (or repeated) replaced by an alternative."""
        taken = {r[0] for r in self.db.conn.execute(
            "SELECT fid FROM facts WHERE fid IN (SELECT value FROM json_each(?))", [json.dumps([r[1] for r in rows])])}
        out = []
        for i, (rid, fid, *rest) in enumerate(rows):
            attempt = 0
            while fid in taken:
                attempt += 1
                fid = fact_id(sha256, i, attempt)
            taken.add(fid)
            out.append((rid, fid, *rest))
        return out

    def sections(self, report_id: int) -> list[tuple[str, ...]]:
        """The outline of one report, in reading order."""
        rows = self.db.query("SELECT path FROM sections WHERE report_id = ? ORDER BY ordinal", [report_id])
        return [tuple(r["path"].split(SEP)) for r in rows]

    # -- facts -------------------------------------------------------------------------------
    def facts_of(self, report_ids: Iterable[int]) -> list[StoredFact]:
        """Every fact of the given reports (the FACT_CACHE_REPORTS most recently used reports'
        facts stay cached: reports change only on load)."""
        out: list[StoredFact] = []
        shared: dict = {}
        for rid in report_ids:
            facts = self._fact_cache.pop(rid, None)
            if facts is None:
                while len(self._fact_cache) >= FACT_CACHE_REPORTS:
                    del self._fact_cache[next(iter(self._fact_cache))]  # the least recently used
                cur = self.db.execute(f"SELECT {FACT_COLUMNS} FROM fact_rows WHERE report_id = ? ORDER BY id",
                                      [rid])
                facts = [fact_from_row(r, shared) for r in cur.fetchall()]
            self._fact_cache[rid] = facts  # (re)inserted last: dicts keep insertion order
            out.extend(facts)
        return out

    def fact_by_fid(self, fid: str) -> StoredFact | None:
        """One fact by its short id."""
        cur = self.db.execute(f"SELECT {FACT_COLUMNS} FROM fact_rows WHERE fid = ?", [fid])
        row = cur.fetchone()
        return fact_from_row(row) if row else None

    def reports_matching(self, tokens: Sequence[str], report_ids: Sequence[int] | None = None,
                         limit: int = 50) -> list[int]:
        """Report ids whose fact labels contain any of `tokens` (FTS5), most hits first."""
        terms = [t.replace('"', "") for t in tokens if t.strip()]
        if not terms:
            return []
        match = " OR ".join(f'"{t}"' for t in terms)
        sql = ("SELECT f.report_id, count(*) AS n FROM labels_fts JOIN facts f ON f.label_id = labels_fts.rowid "
               "WHERE labels_fts MATCH ?")
        params: list = [match]
        if report_ids is not None:
            sql += f" AND f.report_id IN ({','.join('?' * len(report_ids))})"
            params += list(report_ids)
        sql += " GROUP BY f.report_id ORDER BY n DESC, f.report_id LIMIT ?"
        return [r[0] for r in self.db.execute(sql, params + [limit]).fetchall()]
