"""机关词表的存取：每个已加载机关的词（knowledge.names.terms 推导）存在 SQLite 表 agency_terms 里。

Answering used to build an alias index of every loaded agency in memory, which grows with the
corpus (~3.4 KB per agency). Instead the writer stores each agency's terms once, when its first
report is stored, in the same transaction, and drops them with its last report. The derivation's
fingerprint is kept in table `derived`; a store whose fingerprint differs derives every agency's
terms again when it opens (ensure).
"""
from __future__ import annotations

import json
import logging
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager

from knowledge.errors import StoreError
from knowledge.names.agencies import group_key
from knowledge.names.places import Gazetteer
from knowledge.names.terms import GROUP, Row, terms_of, version

SCHEMA = (("CREATE TABLE IF NOT EXISTS agency_terms (kind TEXT NOT NULL, term TEXT NOT NULL, "
           "agency TEXT NOT NULL, strength INTEGER NOT NULL DEFAULT 0, value TEXT NOT NULL DEFAULT '', "
           "PRIMARY KEY (kind, term, agency, value)) WITHOUT ROWID"),
          "CREATE TABLE IF NOT EXISTS derived (name TEXT PRIMARY KEY, version TEXT NOT NULL)")
log = logging.getLogger(__name__)
_IN = "SELECT value FROM json_each(?)"
_LAST = "\U0010ffff"


def _insert(db: sqlite3.Connection, rows: Iterable[Row], table: str = "agency_terms") -> None:
    db.executemany(f"INSERT OR IGNORE INTO {table} VALUES (?, ?, ?, ?, ?)", rows)


def has_terms(db: sqlite3.Connection, agency: str) -> bool:
    """Whether `agency`'s terms are stored."""
    return db.execute("SELECT 1 FROM agency_terms WHERE kind = ? AND term = ? AND agency = ?",
                      [GROUP, group_key(agency), agency]).fetchone() is not None


def add_agency(db: sqlite3.Connection, agency: str, gazetteer: Callable[[], Gazetteer | None]) -> None:
    """Store `agency`'s terms unless they are there (inside the caller's transaction)."""
    if agency and not has_terms(db, agency):
        _insert(db, terms_of(agency, gazetteer()))


def drop_agency(db: sqlite3.Connection, agency: str, gazetteer: Callable[[], Gazetteer | None]) -> None:
    """Remove `agency`'s terms once it has no report left (inside the caller's transaction)."""
    if not agency or db.execute("SELECT 1 FROM reports WHERE agency = ?", [agency]).fetchone():
        return
    db.executemany("DELETE FROM agency_terms WHERE kind = ? AND term = ? AND agency = ? AND value = ?",
                   [(k, t, a, v) for k, t, a, _s, v in terms_of(agency, gazetteer())])


def fill(db: sqlite3.Connection, agencies: Iterable[str], gazetteer: Gazetteer | None,
         table: str = "agency_terms") -> None:
    """Insert the terms of `agencies` into an empty terms table."""
    for agency in agencies:
        if agency:
            _insert(db, terms_of(agency, gazetteer), table)


def stored_version(db: sqlite3.Connection) -> str | None:
    """The fingerprint the stored terms were derived with (None: never derived)."""
    row = db.execute("SELECT version FROM derived WHERE name = 'agency_terms'").fetchone()
    return row[0] if row else None


def rebuild(db: sqlite3.Connection, gazetteer: Callable[[], Gazetteer | None], current: str,
            table: str = "agency_terms") -> None:
    """Derive every loaded agency's terms afresh (inside the caller's write transaction)."""
    db.execute(f"DELETE FROM {table}")
    agencies = [r[0] for r in db.execute("SELECT DISTINCT agency FROM main.reports").fetchall()]
    fill(db, agencies, gazetteer() if agencies else None, table)
    if table != "agency_terms":
        return
    db.execute("INSERT OR REPLACE INTO derived (name, version) VALUES ('agency_terms', ?)", [current])


def ensure(db: sqlite3.Connection, write: Callable[[], AbstractContextManager[None]],
           gazetteer: Callable[[], Gazetteer | None]) -> None:
    """Derive the stored terms afresh when their fingerprint is not the current one. A store
    that cannot be written (a read-only replica of another version, or one locked by a long
    load) derives them into a temporary table of this connection instead, and says so."""
    current = version()
    if stored_version(db) == current:
        return
    try:
        with write():
            rebuild(db, gazetteer, current)
    except (sqlite3.OperationalError, StoreError) as exc:
        log.warning("agency terms derived in memory (%s): the store could not be written", exc)
        db.execute(SCHEMA[0].replace("CREATE TABLE", "CREATE TEMP TABLE"))
        rebuild(db, gazetteer, current, "temp.agency_terms")


class TermRows:
    """The look-ups answering makes in agency_terms, one query each, on one connection."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db

    @classmethod
    def of(cls, agencies: Iterable[str], gazetteer: Gazetteer | None) -> TermRows:
        """The terms of `agencies`, derived into a private in-memory database (tests and tools)."""
        db = sqlite3.connect(":memory:")
        for statement in SCHEMA:
            db.execute(statement)
        fill(db, sorted(set(agencies)), gazetteer)
        return cls(db)

    def among(self, columns: str, kinds: tuple[str, ...], words: Iterable[str]) -> sqlite3.Cursor:
        """`columns` of the rows of these kinds whose term is one of `words`."""
        marks = ", ".join("?" * len(kinds))
        return self.db.execute(f"SELECT {columns} FROM agency_terms WHERE kind IN ({marks}) AND term IN ({_IN})",
                               [*kinds, json.dumps(list(words), ensure_ascii=False)])

    def has(self, kind: str, term: str) -> bool:
        """Whether some row of `kind` has `term`."""
        return self.db.execute("SELECT 1 FROM agency_terms WHERE kind = ? AND term = ? LIMIT 1",
                               [kind, term]).fetchone() is not None

    def has_prefix(self, kind: str, prefix: str) -> bool:
        """Whether some term of `kind` starts with `prefix` (one range of the primary key)."""
        return self.db.execute("SELECT 1 FROM agency_terms WHERE kind = ? AND term >= ? AND term < ? LIMIT 1",
                               [kind, prefix, prefix + _LAST]).fetchone() is not None

    def longest(self, kind: str) -> int:
        """The length of the longest term of `kind` (0 when none)."""
        return self.db.execute("SELECT coalesce(max(length(term)), 0) FROM agency_terms WHERE kind = ?",
                               [kind]).fetchone()[0]

    def value(self, kind: str, term: str) -> str | None:
        """The value of the first row of `kind` and `term` (by agency, then strength), or None."""
        row = self.db.execute("SELECT value FROM agency_terms WHERE kind = ? AND term = ? "
                              "ORDER BY agency, strength LIMIT 1", [kind, term]).fetchone()
        return row[0] if row else None

    def terms(self, kind: str) -> Iterator[str]:
        """The distinct terms of `kind`."""
        return (r[0] for r in self.db.execute("SELECT DISTINCT term FROM agency_terms WHERE kind = ?", [kind]))

    def count(self, kind: str) -> int:
        """How many distinct terms `kind` has."""
        return self.db.execute("SELECT count(DISTINCT term) FROM agency_terms WHERE kind = ?", [kind]).fetchone()[0]
