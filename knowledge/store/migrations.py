"""数据库结构：按名称、按顺序执行的迁移（sqlite-utils Migrations）。"""
from __future__ import annotations

from sqlite_utils import Database, Migrations

migrations = Migrations("reportbot")


@migrations()
def m001_reports_sections_facts(db: Database) -> None:
    """Reports keyed by content hash, their outline, and their facts with match tokens."""
    db["reports"].create(
        {"id": int, "sha256": str, "source": str, "title": str, "agency": str, "year": int,
         "loaded_at": str, "n_facts": int, "n_warnings": int},
        pk="id", not_null={"sha256", "title"},
    )
    db["reports"].create_index(["sha256"], unique=True)
    db["reports"].create_index(["title"])
    db["reports"].create_index(["agency", "year"])
    db["sections"].create(
        {"report_id": int, "ordinal": int, "path": str, "level": int},
        pk=("report_id", "ordinal"), foreign_keys=[("report_id", "reports", "id")],
    )
    db["facts"].create(
        {"id": int, "report_id": int, "fid": str, "value": str, "number": float, "unit": str,
         "label": str, "section": str, "quote": str, "kind": str, "tbl": str, "row": str,
         "col": str, "approx": int, "is_primary": int, "warnings": str,
         "label_tokens": str, "section_tokens": str},
        pk="id", foreign_keys=[("report_id", "reports", "id")],
    )
    db["facts"].create_index(["report_id"])
    db["facts"].create_index(["fid"], unique=True)
    db.execute(
        "CREATE VIRTUAL TABLE facts_fts USING fts5(label_tokens, content='facts', content_rowid='id')"
    )


@migrations()
def m002_questions_feedback(db: Database) -> None:
    """Questions asked (for /stats) and 👍/👎 feedback on answers."""
    db["questions"].create(
        {"id": int, "asked_at": str, "question": str, "status": str, "fid": str, "channel": str},
        pk="id",
    )
    db["questions"].create_index(["status"])
    db["feedback"].create(
        {"id": int, "at": str, "user_id": int, "question": str, "fid": str, "vote": int},
        pk="id",
    )


@migrations()
def m003_reports_source_index(db: Database) -> None:
    """Find a report by file path without scanning (a changed file replaces its old report)."""
    db["reports"].create_index(["source"])


_TABLE_COL = "CASE WHEN coalesce(row, '') = '' THEN label ELSE substr(label, length(row) + 4) END"
"""A table cell's column path from label = row › col (NULL col in m003 rows)."""


@migrations()
def m004_shared_labels_and_headings(db: Database) -> None:
    """Facts point at shared label and heading rows (the same 表三 cell label and section path
    recur in every report); the token index covers each distinct label once."""
    db.execute("""CREATE TABLE labels (id INTEGER PRIMARY KEY, kind TEXT NOT NULL, tbl TEXT NOT NULL,
        label TEXT NOT NULL, row TEXT NOT NULL, col TEXT NOT NULL, tokens TEXT NOT NULL,
        UNIQUE (kind, tbl, label, row, col, tokens))""")
    db.execute("""CREATE TABLE headings (id INTEGER PRIMARY KEY, path TEXT NOT NULL, tokens TEXT NOT NULL,
        UNIQUE (path, tokens))""")
    db.execute("""CREATE TABLE facts_new (id INTEGER PRIMARY KEY, report_id INTEGER NOT NULL REFERENCES reports(id),
        fid TEXT NOT NULL, value TEXT, number FLOAT, unit TEXT, label_id INTEGER NOT NULL REFERENCES labels(id),
        heading_id INTEGER NOT NULL REFERENCES headings(id), quote TEXT, approx INTEGER, is_primary INTEGER,
        warnings TEXT)""")
    db.execute(f"""CREATE TEMP VIEW old_facts AS SELECT *, coalesce(kind, '') AS k, coalesce(tbl, '') AS t,
        coalesce(label, '') AS l, coalesce(row, '') AS r,
        coalesce(col, CASE WHEN kind = 'table' THEN {_TABLE_COL} END, '') AS c,
        coalesce(label_tokens, '') AS lt, coalesce(section, '') AS s, coalesce(section_tokens, '') AS st
        FROM facts""")
    db.execute("INSERT OR IGNORE INTO labels (kind, tbl, label, row, col, tokens) "
               "SELECT k, t, l, r, c, lt FROM old_facts ORDER BY id")
    db.execute("INSERT OR IGNORE INTO headings (path, tokens) SELECT s, st FROM old_facts ORDER BY id")
    db.execute("""INSERT INTO facts_new SELECT f.id, f.report_id, f.fid, f.value, f.number, f.unit, lb.id, h.id,
        CASE WHEN f.k = 'table' AND f.quote = f.t || ' › ' || f.l THEN NULL ELSE f.quote END,
        f.approx, f.is_primary, CASE WHEN f.warnings IN ('', '[]') THEN NULL ELSE f.warnings END
        FROM old_facts f
        JOIN labels lb ON (lb.kind, lb.tbl, lb.label, lb.row, lb.col, lb.tokens) = (f.k, f.t, f.l, f.r, f.c, f.lt)
        JOIN headings h ON (h.path, h.tokens) = (f.s, f.st)""")
    db.execute("DROP VIEW old_facts")
    db.execute("DROP TABLE facts_fts")
    db.execute("DROP TABLE facts")
    db.execute("ALTER TABLE facts_new RENAME TO facts")
    db.execute("CREATE INDEX idx_facts_report_id ON facts (report_id)")
    db.execute("CREATE UNIQUE INDEX idx_facts_fid ON facts (fid)")
    db.execute("CREATE INDEX idx_facts_label_id ON facts (label_id, report_id)")
    db.execute("CREATE VIRTUAL TABLE labels_fts USING fts5(tokens, content='labels', content_rowid='id')")
    db.execute("INSERT INTO labels_fts (labels_fts) VALUES ('rebuild')")
    db.execute("""CREATE VIEW fact_rows AS SELECT f.id, f.report_id, f.fid, f.value, f.number, f.unit, l.label,
        h.path AS section, f.quote, l.kind, l.tbl, l.row, l.col, f.approx, f.is_primary, f.warnings,
        l.tokens AS label_tokens, h.tokens AS section_tokens
        FROM facts f JOIN labels l ON l.id = f.label_id JOIN headings h ON h.id = f.heading_id""")


@migrations()
def m005_report_notes_and_extractor(db: Database) -> None:
    """Report-level data notes (JSON list) and the extractor version each report was read with."""
    db.execute("ALTER TABLE reports ADD COLUMN notes TEXT")
    db.execute("ALTER TABLE reports ADD COLUMN extractor TEXT")


@migrations()
def m006_aligned_cell_keys(db: Database) -> None:
    """labels.ckey: the aligned key of a table cell (knowledge.store.cell_keys), indexed, so series and
    rankings read the same cell of every report in one query."""
    from knowledge.store.cell_keys import cell_key

    db.execute("ALTER TABLE labels ADD COLUMN ckey TEXT")
    rows = db.execute("SELECT id, kind, tbl, row, col FROM labels WHERE kind = 'table'").fetchall()
    db.conn.executemany("UPDATE labels SET ckey = ? WHERE id = ?",
                        [(cell_key(kind, tbl, row, col), lid) for lid, kind, tbl, row, col in rows])
    db.execute("CREATE INDEX idx_labels_ckey ON labels (ckey)")


@migrations()
def m007_agency_terms(db: Database) -> None:
    """agency_terms: each loaded agency's aliases and place words (knowledge.store.agency_terms), which
    answering looks up instead of holding an index of every agency in memory. The rows are
    derived when the store opens (its fingerprint in `derived` is missing)."""
    from knowledge.store.agency_terms import SCHEMA

    for statement in SCHEMA:
        db.execute(statement)


@migrations()
def m008_covering_cell_index(db: Database) -> None:
    """facts (label_id, report_id, number): the aligned-cell queries of series and rankings read
    the index alone. A ranking reads one cell of ~14,000 reports; through the old (label_id,
    report_id) index each needed its fact row, scattered over the file: 11–27 s cold at 100,000
    reports, 0.2–1 s now. The old index is a prefix of this one and goes."""
    db.execute("CREATE INDEX idx_facts_label_cell ON facts (label_id, report_id, number)")
    db.execute("DROP INDEX idx_facts_label_id")


@migrations()
def m009_reports_by_year(db: Database) -> None:
    """reports (year, agency): a ranking reads one year's reports, in agency order, from the index."""
    db["reports"].create_index(["year", "agency"])
