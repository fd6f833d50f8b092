"""写事务：两个进程同时写一个数据库时，后来者等待（busy timeout），而不是失败。

Write transactions begin IMMEDIATE, so a writer takes the lock before it reads what it will
change and never fails half-way with 「database is locked」; a lock that outlasts the wait is a
clear StoreError naming the database.
"""
from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

from sqlite_utils import Database

from knowledge.errors import StoreError


def lock_wait() -> float:
    """Seconds a writer waits for another one ($REPORTBOT_LOCK_WAIT, default 60)."""
    try:
        return max(0.0, float(os.environ.get("REPORTBOT_LOCK_WAIT", "60")))
    except ValueError:
        return 60.0


def locked_message(path: object) -> str:
    """The one-line message for a lock that outlasted the wait."""
    return (f"数据库 {path} 正被另一个进程写入，等了 {lock_wait():g} 秒仍未释放；"
            "请等它结束后再试（或设置 REPORTBOT_LOCK_WAIT 延长等待）。")



@contextmanager
def write_transaction(db: Database, path: object = "") -> Iterator[None]:
    """BEGIN IMMEDIATE … COMMIT (a savepoint when already inside a transaction)."""
    conn = db.conn
    if conn.in_transaction:
        with db.atomic():
            yield
        return
    try:
        conn.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError as exc:
        raise StoreError(locked_message(path)) from exc
    try:
        yield
    except BaseException:
        conn.rollback()
        raise
    conn.execute("COMMIT")
