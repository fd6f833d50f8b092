"""The SQLite store: idempotent, transactional loading; a changed file replaces its facts."""
from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from sqlite_utils import Database

from knowledge import SEP, Store, bundled_corpus, load_paths
from knowledge.facts import document_facts
from knowledge.ingest.loading import prepare, rebuild
from knowledge.store.migrations import migrations
from knowledge.text.tokenize import canonical_tokens
from loaders import read_document

SEED = "000_ec6fb3118189600a.txt"


def _facts(store: Store) -> int:
    return store.db.execute("SELECT count(*) FROM facts").fetchone()[0]


def test_same_file_twice_is_one_report(tmp_path: Path) -> None:
    store = Store(tmp_path / "a.db")
    first = load_paths(store, [bundled_corpus() / SEED])
    n = _facts(store)
    second = load_paths(store, [bundled_corpus() / SEED])
    assert first.loaded and not first.failed
    assert second.unchanged and not second.loaded
    assert len(store.reports()) == 1 and _facts(store) == n > 20


def test_changed_file_replaces_old_facts(tmp_path: Path) -> None:
    report = tmp_path / "r.txt"
    text = (bundled_corpus() / SEED).read_text(encoding="utf-8")
    report.write_text(text, encoding="utf-8")
    store = Store(tmp_path / "a.db")
    load_paths(store, [report])
    report.write_text(text.replace("受理信息公开申请20件", "受理信息公开申请23件"), encoding="utf-8")
    result = load_paths(store, [report])
    assert result.loaded == [str(report)]
    assert len(store.reports()) == 1
    values = {r[0] for r in store.db.execute("SELECT value FROM fact_rows WHERE label LIKE '%受理信息公开申请%'")}
    assert "23" in values and "20" not in values
    assert store.reports_matching(canonical_tokens("受理信息公开申请")) == [store.reports()[0].id], "the token index follows the new facts"


def test_failed_file_is_reported_and_others_load(tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x01\x02 binary")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    store = Store(tmp_path / "a.db")
    result = load_paths(store, [bad, empty, bundled_corpus() / SEED])
    assert {p for p, _ in result.failed} == {str(bad), str(empty)}
    assert all(reason for _, reason in result.failed)
    assert len(store.reports()) == 1


def test_rebuild_swaps_and_failed_rebuild_keeps_old(tmp_path: Path) -> None:
    db = tmp_path / "live.db"
    assert rebuild(db, [bundled_corpus()]).loaded
    store = Store(db)
    assert len(store.reports()) == 5
    store.close()
    junk = tmp_path / "junk"
    junk.mkdir()
    (junk / "x.txt").write_bytes(b"")
    result = rebuild(db, [junk])
    assert result.failed and not result.loaded
    store = Store(db)
    assert len(store.reports()) == 5, "a failed rebuild leaves the old index serving"
    store.close()



def test_compact_rows_read_back_as_written(tmp_path: Path) -> None:
    data = (bundled_corpus() / SEED).read_bytes()
    store = Store(tmp_path / "a.db")
    store.put_report(prepare(data, SEED, "x"))
    stored = store.facts_of([r.id for r in store.reports()])
    assert [s.fact for s in stored] == document_facts(read_document(data, SEED))
    derived = store.db.execute("SELECT count(*) FROM fact_rows WHERE kind = 'table' AND quote IS NULL").fetchone()[0]
    assert derived > 0, "a table cell's usual quote is derived on reading, not stored"


def test_taken_fact_ids_get_alternatives(tmp_path: Path) -> None:
    data = (bundled_corpus() / SEED).read_bytes()
    store = Store(tmp_path / "a.db")
    first = prepare(data, SEED, "a")
    store.put_report(first)
    taken = first.rows[0][0]
    clash = replace(prepare(data + b"\n", "b.txt", "b"), title="另一份报告")
    clash = replace(clash, rows=[(taken, *r[1:]) for r in clash.rows])  # every id already taken
    assert store.put_report(clash) == "loaded"
    fids = [r[0] for r in store.db.execute("SELECT fid FROM facts")]
    assert len(fids) == len(set(fids)) == 2 * len(first.rows)
    assert store.report(store.fact_by_fid(taken).report_id).source == "a"


def test_migration_keeps_facts_of_an_old_database(tmp_path: Path) -> None:
    data = (bundled_corpus() / SEED).read_bytes()
    facts = document_facts(read_document(data, SEED))
    db = Database(tmp_path / "old.db")
    migrations.apply(db, stop_before="m003_reports_source_index")
    rid = db["reports"].insert({"sha256": "x", "source": "s", "title": "t", "agency": "a", "year": 2024,
                                "n_facts": len(facts), "n_warnings": 0}).last_pk
    rows = [{"report_id": rid, "fid": f"f{i}", "value": f.value, "number": f.number, "unit": f.unit,
             "label": f.label, "section": SEP.join(f.section), "quote": f.quote, "kind": f.kind, "tbl": f.table,
             "row": SEP.join(f.row), "col": SEP.join(f.col), "approx": int(f.approx), "is_primary": int(f.primary),
             "warnings": json.dumps(list(f.warnings), ensure_ascii=False), "label_tokens": " ".join(canonical_tokens(f.label)),
             "section_tokens": " ".join(canonical_tokens(" ".join(f.section)))} for i, f in enumerate(facts)]
    db["facts"].insert_all(rows)
    db.execute("INSERT INTO facts_fts (facts_fts) VALUES ('rebuild')")
    db.close()
    store = Store(tmp_path / "old.db")
    assert [s.fact for s in store.facts_of([rid])] == facts
    assert store.fact_by_fid("f3").fact == facts[3]
    assert store.reports_matching(canonical_tokens(facts[0].label)) == [rid]


def test_rolled_back_batch_leaves_no_stale_label_ids(tmp_path: Path) -> None:
    data = (bundled_corpus() / SEED).read_bytes()
    store = Store(tmp_path / "a.db")
    with pytest.raises(RuntimeError), store.batch():
        store.put_report(prepare(data, SEED, "a"))
        raise RuntimeError("disk full")
    assert not store.reports() and not store.db.execute("SELECT count(*) FROM labels").fetchone()[0]
    assert store.put_report(prepare(data, SEED, "a")) == "loaded"
    assert [s.fact for s in store.facts_of([store.reports()[0].id])] == document_facts(read_document(data, SEED))


def test_report_notes_are_kept_and_an_older_extractor_is_read_again(tmp_path: Path) -> None:
    from tests.conftest import shared_path

    load = load_paths
    report = shared_path("real", "reports", "pingtan_2021.txt")
    store = Store(tmp_path / "notes.db")
    assert load(store, [report]).loaded
    info = store.reports()[0]
    # the 表二 row whose glued digits have several splits gets no fact, but the report says so
    assert any("693665" in note and "未取值" in note for note in info.notes)
    assert load(store, [report]).unchanged
    store.db.execute("UPDATE reports SET extractor = '0'")
    store.db.conn.commit()
    again = load(store, [report])
    assert again.loaded and not again.unchanged, again
    assert len(store.reports()) == 1 and load(store, [report]).unchanged


def test_aligned_cells_are_read_from_the_covering_index_alone(sample_store) -> None:
    """Series and rankings read one cell of thousands of reports: no fact row is visited."""
    from knowledge.store.cell_keys import _cells_sql

    ids = [r.id for r in sample_store.reports()]
    plan = " ".join(r[3] for r in sample_store.db.execute(
        "EXPLAIN QUERY PLAN " + _cells_sql(ids) + " ORDER BY f.number DESC, f.id LIMIT 200", ["表三|x|y", *ids]))
    assert "COVERING INDEX idx_facts_label_cell" in plan, plan
