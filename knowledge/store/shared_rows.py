"""Ids of the shared label and heading rows a writer points facts at, through bounded caches.

The 表三 labels and section paths recur in every report, so they are kept as ids; but the prose
labels of real reports are mostly their own (~20 new ones a report), so holding every id ever
written would grow with the corpus: 2 million labels at 100,000 real reports. The caches keep the
most recently used ID_CACHE keys and look the rest up by the tables' unique indexes.
"""
from __future__ import annotations

import sqlite3
from itertools import islice

from knowledge.store.cell_keys import cell_key
from knowledge.store.fact_rows import HeadingKey, LabelKey

ID_CACHE = 65536
"""Keys of each kind whose ids a writer keeps (the oldest half is dropped when full)."""


def _remember(cache: dict, key: tuple, value: int) -> None:
    if len(cache) >= ID_CACHE:
        for old in list(islice(cache, len(cache) // 2)):
            del cache[old]
    cache[key] = value


class SharedRows:
    """Label and heading ids for one connection's writes, inserting the rows that are new."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self.labels: dict[LabelKey, int] = {}
        self.headings: dict[HeadingKey, int] = {}

    def clear(self) -> None:
        """Forget every id (after a rollback the rows they named may be gone)."""
        self.labels.clear()
        self.headings.clear()

    def label(self, key: LabelKey) -> int:
        """The id of the labels row `key`, inserted (with its token index entry) when new."""
        lid = self.labels.get(key)
        if lid is None:
            row = self.conn.execute("SELECT id FROM labels WHERE kind = ? AND tbl = ? AND label = ? AND row = ? "
                                    "AND col = ? AND tokens = ?", key).fetchone()
            if row is not None:
                lid = row[0]
            else:
                lid = self.conn.execute("INSERT INTO labels (kind, tbl, label, row, col, tokens, ckey) "
                                        "VALUES (?, ?, ?, ?, ?, ?, ?)",
                                        [*key, cell_key(key[0], key[1], key[3], key[4])]).lastrowid
                self.conn.execute("INSERT INTO labels_fts (rowid, tokens) VALUES (?, ?)", [lid, key[-1]])
            _remember(self.labels, key, lid)
        return lid

    def heading(self, key: HeadingKey) -> int:
        """The id of the headings row `key`, inserted when new."""
        hid = self.headings.get(key)
        if hid is None:
            self.conn.execute("INSERT OR IGNORE INTO headings (path, tokens) VALUES (?, ?)", key)
            hid = self.conn.execute("SELECT id FROM headings WHERE path = ? AND tokens = ?", key).fetchone()[0]
            _remember(self.headings, key, hid)
        return hid
