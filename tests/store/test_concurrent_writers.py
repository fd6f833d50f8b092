"""Two writers on one database: both loads finish (the second waits), migrations run once when two
processes open a new database together, and a lock that outlasts the wait is one clear line."""
from __future__ import annotations

import os
import sqlite3
import subprocess
from pathlib import Path

from knowledge import Store, bundled_corpus
from tests.conftest import reportbot_cmd, shared_path


def _load(db: Path, folder: Path, **env: str) -> subprocess.Popen:
    return subprocess.Popen([*reportbot_cmd(), "load", "--db", str(db), str(folder)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env={**os.environ, **env})


def test_two_loads_into_one_new_database_both_finish(tmp_path: Path) -> None:
    db = tmp_path / "shared.db"
    real = shared_path("real", "reports")
    first, second = _load(db, bundled_corpus()), _load(db, real)
    results = [p.communicate(timeout=300) + (p.returncode,) for p in (first, second)]
    for out, err, code in results:
        assert code == 0, err
        assert "locked" not in err and "already exists" not in err and "Traceback" not in err
    store = Store(db)
    agencies = {r.agency for r in store.reports()}
    store.close()
    assert len(agencies) >= 6 and any("平潭" in a for a in agencies) and any("鲤城" in a for a in agencies)


def test_a_lock_that_outlasts_the_wait_is_one_clear_line(tmp_path: Path) -> None:
    db = tmp_path / "busy.db"
    Store(db).close()  # migrated, empty
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another writer holds the lock
    try:
        proc = _load(db, bundled_corpus(), REPORTBOT_LOCK_WAIT="1")
        out, err = proc.communicate(timeout=120)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert proc.returncode != 0
    assert "Traceback" not in err and "正被另一个进程写入" in out + err
    assert len([line for line in err.splitlines() if line.strip()]) <= 3


def test_a_long_lived_reader_notices_a_replace_from_another_process(tmp_path: Path) -> None:
    """The bot or `chat` keeps its Store open; after a CLI `load --replace` swapped the file, the
    next question reads the new index."""
    from knowledge import ask, load_paths

    db = tmp_path / "live.db"
    store = Store(db)
    load_paths(store, [bundled_corpus()])
    before = ask(store, "2021年平潭综合实验区行政强制多少件")
    assert before.status == "not_found"  # the samples have no 平潭 report
    swap = subprocess.run([*reportbot_cmd(), "load", "--replace", "--db", str(db), str(shared_path("real", "reports"))],
                          capture_output=True, text=True, timeout=300)
    assert swap.returncode == 0, swap.stderr
    after = ask(store, "2021年平潭综合实验区行政强制多少件")
    store.close()
    assert after.status == "answered" and after.best is not None and after.best.fact.value == "42"
