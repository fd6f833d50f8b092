"""The agency terms in SQLite: written with each new agency's first report, dropped with its last,
derived afresh when their derivation changes, and answering the same as a derivation from a list."""
from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
from pathlib import Path

from knowledge import Store, ask, load_paths
from knowledge.store import agency_terms as terms
from knowledge.understand.agency_index import AgencyIndex
from knowledge.ingest.loading import bundled_corpus
from knowledge.names.places import gazetteer
from knowledge.names.terms import ALIAS, terms_of
from tests.conftest import reportbot_cmd
from tests.bot.cli.test_snapshot import _unprivileged, writable


def _rows(store: Store) -> set[tuple]:
    return set(store.db.execute("SELECT kind, term, agency, strength, value FROM agency_terms").fetchall())


def _agencies(store: Store) -> list[str]:
    return sorted({r[0] for r in store.db.execute("SELECT agency FROM reports")})


def test_stored_terms_are_those_of_the_loaded_agencies(sample_store: Store) -> None:
    agencies = _agencies(sample_store)
    assert len(agencies) >= 4
    assert _rows(sample_store) == {row for a in agencies for row in terms_of(a, gazetteer())}


def test_the_store_index_finds_what_an_index_of_the_agency_list_finds(sample_store: Store) -> None:
    agencies = _agencies(sample_store)
    stored = AgencyIndex(gazetteer=gazetteer(), db=sample_store.db.conn)
    listed = AgencyIndex(agencies, gazetteer())
    questions = [q for a in agencies for alias in [r[1] for r in terms_of(a, None) if r[0] == ALIAS]
                 for q in (f"2023年{alias}依申请公开多少件", f"{alias}和厦门市2020年相比行政复议多少")]
    questions += ["泉州市各区县哪个行政复议最多", "石狮2024年收到申请多少件", "Jinjiang 2024年主动公开", "灵原街道"]
    assert len(questions) > 40
    for q in questions:
        assert stored.find(q) == listed.find(q), q
        assert stored.find_each(q) == listed.find_each(q), q
        assert stored.unknown_place(q) == listed.unknown_place(q), q
        assert stored.departments_only(q) == listed.departments_only(q), q
        assert stored.romanized(q) == listed.romanized(q), q
    assert stored.find("2024年晋江依申请公开多少件").best, "the sample corpus has 晋江"


def test_terms_follow_a_report_whose_agency_changes(tmp_path: Path) -> None:
    sample = next(p for p in sorted(bundled_corpus().glob("*.txt")) if "晋江市人民政府办公室" in p.read_text("utf-8"))
    report = tmp_path / "reports" / sample.name
    report.parent.mkdir()
    report.write_text(sample.read_text("utf-8"), "utf-8")
    store = Store(tmp_path / "t.db")
    load_paths(store, [report.parent])
    assert terms.has_terms(store.db.conn, "晋江市人民政府办公室")
    assert ask(store, "2024年晋江依申请公开多少件").status == "answered"

    report.write_text(sample.read_text("utf-8").replace("晋江市", "石狮市"), "utf-8")
    assert load_paths(store, [report.parent]).loaded == [str(report)]
    assert not terms.has_terms(store.db.conn, "晋江市人民政府办公室"), "its only report was replaced"
    assert terms.has_terms(store.db.conn, "石狮市人民政府办公室")
    assert _rows(store) == {row for a in _agencies(store) for row in terms_of(a, gazetteer())}
    assert ask(store, "2024年石狮依申请公开多少件").status == "answered"
    assert ask(store, "2024年晋江市依申请公开多少件").status == "not_found"
    store.close()


def _age(path: Path) -> None:
    """Make a database look derived by another version: other fingerprint, no terms."""
    store = Store(path)
    with store.db.conn:
        store.db.execute("DELETE FROM agency_terms")
        store.db.execute("UPDATE derived SET version = 'another version' WHERE name = 'agency_terms'")
    store.close()


def test_a_store_derived_by_another_version_derives_its_terms_again(sample_db: Path, tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    shutil.copy(sample_db, path)
    _age(path)
    store = Store(path)
    assert terms.stored_version(store.db.conn) == terms.version()
    assert _rows(store) == {row for a in _agencies(store) for row in terms_of(a, gazetteer())}
    assert ask(store, "2024年晋江依申请公开多少件").best.fact.value == "20"
    store.close()


def test_a_read_only_store_of_another_version_answers_from_terms_derived_in_memory(sample_db: Path,
                                                                                  tmp_path: Path) -> None:
    folder = tmp_path / "replica"
    folder.mkdir()
    path = folder / "reportbot.db"
    shutil.copy(sample_db, path)
    _age(path)
    with sqlite3.connect(path) as db:  # as `reportbot snapshot` ships it (deploy/replicas.md)
        db.execute("PRAGMA journal_mode=DELETE")
    prefix = _unprivileged()
    path.chmod(0o444)
    folder.chmod(0o555)
    try:
        out = subprocess.run([*prefix, *reportbot_cmd(), "ask", "--json", "--db", str(path),
                              "2024年晋江依申请公开多少件"], capture_output=True, text=True, timeout=120)
    finally:
        with writable(folder):
            path.chmod(0o644)
    assert out.returncode == 0, out.stderr
    answer = json.loads(out.stdout)
    assert answer["status"] == "answered" and answer["answer"]["value"] == "20", answer
    assert "derived in memory" in out.stderr
    assert terms.stored_version(Store(path).db.conn) == terms.version(), "a writable open derives them for good"
