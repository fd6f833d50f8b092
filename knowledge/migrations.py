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
