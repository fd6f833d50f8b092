"""The SQLite store: idempotent, transactional loading; a changed file replaces its facts."""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from knowledge import Store, bundled_corpus, load_paths
from knowledge.facts import document_facts
from knowledge.loading import prepare, rebuild
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
    values = {r[0] for r in store.db.execute("SELECT value FROM facts WHERE label LIKE '%受理信息公开申请%'")}
    assert "23" in values and "20" not in values
    fts = store.db.execute("SELECT count(*) FROM facts_fts").fetchone()[0]
    assert fts == _facts(store), "the token index follows the replaced facts"


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
    derived = store.db.execute("SELECT count(*) FROM facts WHERE kind = 'table' AND quote IS NULL").fetchone()[0]
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
