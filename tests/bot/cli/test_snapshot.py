"""`reportbot snapshot DEST`: one self-contained file for read-only replicas (deploy/replicas.md).

A live database keeps committed data in its -wal file, so copying the main file alone ships an
old state; the snapshot has everything, in journal_mode=DELETE, and a reader (the real console)
opens it in a directory it cannot write (as root: without CAP_DAC_OVERRIDE), answers from it
without creating a file there, and notices when a newer snapshot is moved into place.
"""
from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from knowledge import Store, bundled_corpus
from tests.conftest import reportbot_cmd
from tests.store.test_many_readers import ENV, JINJIANG, Reader


def reportbot(*args: str) -> str:
    done = subprocess.run([*reportbot_cmd(), *args], env=ENV, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout


def n_reports(path: Path) -> int:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT count(*) FROM reports").fetchone()[0]
    finally:
        conn.close()


def header_journal_mode(path: Path) -> str:
    """The journal mode the file itself records (bytes 18–19: 1 rollback journal, 2 WAL)."""
    return {b"\x01\x01": "delete", b"\x02\x02": "wal"}[path.read_bytes()[18:20]]


def test_a_live_database_copied_as_one_file_misses_data_a_snapshot_has(tmp_path: Path) -> None:
    primary = tmp_path / "reportbot.db"
    Store(primary).close()  # migrated, no reports yet
    bot = sqlite3.connect(primary)  # a long-lived reader (the bot) in the middle of a read
    bot.execute("BEGIN")
    bot.execute("SELECT count(*) FROM reports").fetchone()
    try:
        reportbot("load", "--db", str(primary), str(bundled_corpus()))
        assert Path(f"{primary}-wal").stat().st_size > 0  # the loaded reports are still in the WAL
        naive = tmp_path / "copied.db"
        shutil.copyfile(primary, naive)  # the wrong way: the main file without its -wal
        out = reportbot("snapshot", str(tmp_path / "replica" / "reportbot.db"), "--db", str(primary))
    finally:
        bot.rollback()
        bot.close()
    snapshot = tmp_path / "replica" / "reportbot.db"
    assert "5 份报告" in out
    assert sorted(os.listdir(snapshot.parent)) == ["reportbot.db"]  # one file, no -wal, -shm or temp file
    assert header_journal_mode(snapshot) == "delete"
    assert n_reports(naive) == 0 and n_reports(snapshot) == 5


def test_a_snapshot_into_a_path_in_use_drops_the_old_files_wal(tmp_path: Path, sample_db: Path) -> None:
    """DEST may be a live database whose readers wrote to its WAL (the bot logs questions): the
    snapshot removes that -wal and -shm before renaming, so nothing of the old file is read into the new."""
    live = tmp_path / "live.db"
    shutil.copyfile(sample_db, live)
    other = tmp_path / "other"
    other.mkdir()
    good = next(bundled_corpus().glob("000*"))
    (other / good.name).write_text(good.read_text(encoding="utf-8"), encoding="utf-8")
    source = tmp_path / "source.db"
    reportbot("load", "--db", str(source), str(other))
    bot = Store(live)  # WAL mode, a question logged and not yet checkpointed
    try:
        bot.db["questions"].insert({"asked_at": "2026-01-01", "question": "q", "status": "answered", "channel": "cli"})
        assert Path(f"{live}-wal").stat().st_size > 0
        reportbot("snapshot", str(live), "--db", str(source))
        fresh = sqlite3.connect(live)
        try:
            assert fresh.execute("PRAGMA quick_check").fetchone()[0] == "ok"
            assert fresh.execute("SELECT count(*) FROM reports").fetchone()[0] == 1
            assert fresh.execute("SELECT count(*) FROM questions").fetchone()[0] == 0
        finally:
            fresh.close()
        assert bot.refresh()  # the old reader notices the new file
        assert len(bot.reports()) == 1
    finally:
        bot.close()


def _unprivileged() -> list[str]:
    """A command prefix that runs a reader subject to file modes. Root ignores them (capability
    CAP_DAC_OVERRIDE), so when the tests run as root the reader runs without that capability
    (setpriv): as the owner of a file with mode 444 in a folder with mode 555 it cannot write either."""
    if os.geteuid() != 0:
        return []
    if shutil.which("setpriv") is None:
        pytest.skip("running as root and setpriv is not available to drop CAP_DAC_OVERRIDE")
    prefix = ["setpriv", "--bounding-set=-dac_override,-fowner", "--"]
    probe = subprocess.run([*prefix, sys.executable, "-c", "pass"], capture_output=True, text=True, timeout=60)
    if probe.returncode != 0:
        pytest.skip(f"cannot drop CAP_DAC_OVERRIDE: {probe.stderr}")
    return prefix


@contextmanager
def writable(folder: Path) -> Iterator[None]:
    folder.chmod(0o755)
    try:
        yield
    finally:
        folder.chmod(0o555)


def ship(snapshot: Path, replica: Path) -> None:
    """What rsync/scp and then `mv` do: copy to a temporary name beside the live file, rename over it."""
    incoming = replica.with_name(f".{replica.name}.incoming")
    shutil.copyfile(snapshot, incoming)
    incoming.chmod(0o444)
    os.replace(incoming, replica)


def test_a_read_only_replica_answers_from_a_snapshot_and_notices_a_new_one(tmp_path: Path) -> None:
    primary = tmp_path / "primary" / "reportbot.db"
    snapshot = tmp_path / "outgoing" / "reportbot.db"
    reportbot("load", "--db", str(primary), str(bundled_corpus()))
    reportbot("snapshot", str(snapshot), "--db", str(primary))

    folder, scratch = tmp_path / "replica", tmp_path / "scratch"
    folder.mkdir()
    scratch.mkdir()
    console = None
    try:
        prefix = _unprivileged()
        replica = folder / "reportbot.db"
        ship(snapshot, replica)
        folder.chmod(0o555)
        env = {**ENV, "HOME": str(scratch), "TMPDIR": str(scratch), "MPLCONFIGDIR": str(scratch)}
        denied = subprocess.run([*prefix, sys.executable, "-c", "import sys; open(sys.argv[1], 'r+b')", str(replica)],
                                capture_output=True, text=True, timeout=60, env=env)
        assert denied.returncode != 0 and "PermissionError" in denied.stderr  # really read-only for it

        console = Reader("replica console", [*prefix, *reportbot_cmd(), "chat", "--db", str(replica)],
                         console=True, env=env, cwd=scratch)
        assert console.ask(JINJIANG).startswith("20件")

        changed = tmp_path / "changed"  # the primary is rebuilt from other files
        changed.mkdir()
        good = next(bundled_corpus().glob("000*"))
        (changed / good.name).write_text(good.read_text(encoding="utf-8").replace(
            "受理信息公开申请20件", "受理信息公开申请21件"), encoding="utf-8")
        reportbot("load", "--replace", "--db", str(primary), str(changed))
        reportbot("snapshot", str(snapshot), "--db", str(primary))
        with writable(folder):
            ship(snapshot, replica)

        assert console.ask(JINJIANG).startswith("21件")  # the replica's reader noticed the new file
        err = console.close()
        assert "Traceback" not in err and "无法打开" not in err, err
        assert sorted(os.listdir(folder)) == ["reportbot.db"]  # no -wal, -shm or -journal was made
        assert replica.read_bytes() == snapshot.read_bytes()  # and the file was not written
    finally:
        if console is not None and console.proc.poll() is None:
            console.proc.kill()
            console.proc.wait()
        folder.chmod(0o755)  # pytest can clean it up
