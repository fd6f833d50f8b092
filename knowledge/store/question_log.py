"""提问记录与反馈：/stats 的数据来源（SQLite 表 questions、feedback，见 migrations m002）。

All SQL about activity lives here; front-ends call these functions and never write SQL.
Logging must never cost a user an answer: callers may catch ``sqlite3.Error``.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timezone

from knowledge.model import Answer
from knowledge.store.store import Store

TOP_UNANSWERED = 10
"""How many of the most-asked unanswered questions /stats shows."""


@dataclass(frozen=True)
class Stats:
    """What people asked and how it went."""

    total: int
    """Questions asked, all channels."""
    by_status: dict[str, int] = field(default_factory=dict)
    """Counts per answer status: answered, ambiguous, not_found, chat."""
    unanswered: tuple[tuple[str, int], ...] = ()
    """The most-asked not_found questions, (question, times), most asked first."""
    votes_up: int = 0
    """👍 votes received."""
    votes_down: int = 0
    """👎 votes received."""


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def log_question(store: Store, question: str, answer: Answer, channel: str) -> None:
    """Record one question, its status and the fact given (channel: 'telegram', 'inline', 'cli')."""
    fid = answer.best.fact_id if answer.best is not None else None
    status = "chat" if answer.intent == "chat" else answer.status  # a greeting is no unanswered question
    store.db["questions"].insert(
        {"asked_at": _now(), "question": question, "status": status, "fid": fid, "channel": channel})


def add_feedback(store: Store, user_id: int, question: str, fid: str, vote: int) -> None:
    """Record a 👍 (vote=1) or 👎 (vote=-1) on the answer `fid` to `question`."""
    if vote not in (1, -1):
        raise ValueError("vote must be 1 or -1")
    store.db["feedback"].insert(
        {"at": _now(), "user_id": user_id, "question": question, "fid": fid, "vote": vote})


def stats(store: Store, top: int = TOP_UNANSWERED) -> Stats:
    """Counts by status, votes, and the most-asked unanswered questions."""
    db = store.db
    by_status = {row[0]: row[1] for row in db.execute(
        "SELECT status, count(*) FROM questions GROUP BY status ORDER BY status").fetchall()}
    unanswered = tuple((row[0], row[1]) for row in db.execute(
        "SELECT question, count(*) AS n FROM questions WHERE status = 'not_found' "
        "GROUP BY question ORDER BY n DESC, max(asked_at) DESC LIMIT ?", [top]).fetchall())
    up, down = db.execute(
        "SELECT coalesce(sum(vote = 1), 0), coalesce(sum(vote = -1), 0) FROM feedback").fetchone()
    return Stats(total=sum(by_status.values()), by_status=by_status, unanswered=unanswered,
                 votes_up=up, votes_down=down)


@dataclass(frozen=True)
class ActivityRows:
    """The questions and feedback rows of one database, to carry over into a rebuilt one."""

    questions: list[dict]
    feedback: list[dict]


def export_activity(store: Store) -> ActivityRows:
    """Every questions and feedback row (without ids)."""
    def rows(table: str) -> list[dict]:
        return [{k: v for k, v in r.items() if k != "id"} for r in store.db[table].rows]
    return ActivityRows(rows("questions"), rows("feedback"))


def import_activity(store: Store, rows: ActivityRows) -> None:
    """Append carried-over rows into `store` (after a rebuild replaced the database file)."""
    with store.db.atomic():
        store.db["questions"].insert_all(rows.questions)
        store.db["feedback"].insert_all(rows.feedback)
