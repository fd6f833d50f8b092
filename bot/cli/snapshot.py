"""`reportbot snapshot DEST`：把数据库写成一个自足的单文件，供复制到只读副本（见 deploy/replicas.md）。

A live database is in WAL mode: committed data may still sit in reportbot.db-wal, so copying
reportbot.db alone can ship an old or inconsistent state. This command copies through SQLite
(the backup API: one read transaction, so a consistent state even while the bot writes its log
or a `load` runs), brings the copy's schema up to date, switches it to journal_mode=DELETE (a
reader in a read-only directory needs no -wal or -shm file) and checks it. The copy is written
beside DEST and renamed over it only when complete; a stale DEST-wal / -shm / -journal (left by
readers of the file being replaced) is removed first, as `load --replace` does, so no reader
applies them to the new file. Readers of DEST notice the swap on their next question.
"""
from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import click

from bot.cli.options import db_option
from knowledge import ReportbotError, Store, default_db_path


def _sidecars(path: Path) -> list[Path]:
    return [Path(f"{path}{suffix}") for suffix in ("-wal", "-shm", "-journal")]


def _fsync(path: Path, directory: bool = False) -> None:
    fd = os.open(path, os.O_RDONLY | (os.O_DIRECTORY if directory else 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_snapshot(source: Path, dest: Path) -> int:
    """Write a consistent single-file copy of `source` to `dest` (atomically); the number of reports."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = dest.with_name(dest.name + ".snapshot")
    for stale in (tmp, *_sidecars(tmp)):
        stale.unlink(missing_ok=True)
    try:
        src = sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True)
        try:
            src.execute("PRAGMA busy_timeout = 60000")
            src.execute("SELECT count(*) FROM reports").fetchone()  # a reportbot database at all?
            out = sqlite3.connect(tmp)
            try:
                src.backup(out)
            finally:
                out.close()
        finally:
            src.close()
        store = Store(tmp)  # pending migrations run here, not on a read-only replica
        try:
            store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            mode = store.db.execute("PRAGMA journal_mode=DELETE").fetchone()[0]
            check = store.db.execute("PRAGMA quick_check").fetchone()[0]
            n_reports = store.db["reports"].count
        finally:
            store.close()
        if mode != "delete" or check != "ok":
            raise sqlite3.DatabaseError(f"journal_mode={mode}, quick_check: {check}")
        _fsync(tmp)
        for side in _sidecars(dest):
            side.unlink(missing_ok=True)
        os.replace(tmp, dest)
        _fsync(dest.parent, directory=True)
    except BaseException:
        for partial in (tmp, *_sidecars(tmp)):
            partial.unlink(missing_ok=True)
        raise
    return n_reports


@click.command()
@click.argument("dest", type=click.Path(dir_okay=False, path_type=Path))
@db_option
def snapshot(dest: Path, db: Path | None) -> None:
    """把数据库一致地写成单个文件 DEST（不依赖 -wal/-shm），可复制到只读副本；写完才原子换入。"""
    source = db or default_db_path()
    if not source.is_file():
        raise click.ClickException(f"数据库 {source} 不存在。")
    if dest.exists() and dest.resolve() == source.resolve():
        raise click.ClickException("DEST 不能是数据库本身。")
    try:
        n_reports = write_snapshot(source, dest)
    except (ReportbotError, sqlite3.Error, OSError) as exc:
        raise click.ClickException(f"无法写出快照 {dest}：{exc}") from exc
    size = dest.stat().st_size / 1e6
    click.echo(f"已写出 {dest}：{n_reports} 份报告，{size:.1f} MB，单个文件，可复制到副本。")
