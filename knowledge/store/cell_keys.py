"""对齐的单元格键：同一个表格格子不论哪一年、哪种模板、规范性文件还是行政规范性文件，都得到同一个键
（表名 | 行的概念 | 列的概念），存进 labels.ckey，历年、排名直接在 SQLite 里按键取数。"""
from __future__ import annotations

from collections.abc import Sequence

from sqlite_utils import Database

from knowledge.model import SEP
from knowledge.store.fact_rows import FACT_COLUMNS, StoredFact, fact_from_row
from knowledge.text.lexicon import concept_ids
from knowledge.text.normalize import normalize_text


def cell_key(kind: str, table: str, row: str, col: str) -> str | None:
    """The aligned key of a table cell's label (row and column paths joined by ' › '), or None
    for prose. The row is named by its last part's concepts, the column by its path's concepts;
    a part without a concept keeps its own words."""
    if kind != "table" or not table:
        return None
    leaf = row.split(SEP)[-1] if row else ""
    row_part = "+".join(sorted(concept_ids(leaf))) or normalize_text(leaf)
    col_part = "+".join(sorted(concept_ids(col))) or normalize_text(col)
    return f"{table}|{row_part}|{col_part}"


def _cells_sql(report_ids: Sequence[int]) -> str:
    marks = ",".join("?" * len(report_ids))
    return (f"SELECT f.id FROM facts f JOIN labels l ON l.id = f.label_id WHERE l.ckey = ? "
            f"AND f.report_id IN ({marks}) AND f.number IS NOT NULL")


def facts_by_key(db: Database, ckey: str, report_ids: Sequence[int], top: int | None = None) -> list[StoredFact]:
    """The cells with one aligned key and a value in the given reports, in one query (`top`: only
    the largest that many, largest first)."""
    if not report_ids:
        return []
    ids_sql = _cells_sql(report_ids) + (f" ORDER BY f.number DESC, f.id LIMIT {int(top)}" if top else "")
    ids = [r[0] for r in db.execute(ids_sql, [ckey, *report_ids]).fetchall()]
    if not ids:
        return []
    cur = db.execute(f"SELECT {FACT_COLUMNS} FROM fact_rows WHERE id IN ({','.join('?' * len(ids))})", ids)
    rows = {r[0]: fact_from_row(r) for r in cur.fetchall()}
    return [rows[i] for i in ids if i in rows]


def reports_with_key(db: Database, ckey: str, report_ids: Sequence[int]) -> set[int]:
    """Which of the given reports have a value in the aligned cell."""
    if not report_ids:
        return set()
    sql = _cells_sql(report_ids).replace("SELECT f.id", "SELECT DISTINCT f.report_id", 1)
    return {r[0] for r in db.execute(sql, [ckey, *report_ids]).fetchall()}
