"""Inline keyboards and links under replies. Callback data carries ids only (≤ 64 bytes, no Chinese)."""
from __future__ import annotations

from html import escape

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.render.reply import figure
from knowledge import Answer, FoundFact

BUTTON_CHARS = 40
MAX_CALLBACK_BYTES = 64


def _data(text: str) -> str:
    """Callback data, checked against Telegram's 64-byte limit."""
    if len(text.encode()) > MAX_CALLBACK_BYTES:
        raise ValueError(f"callback data over {MAX_CALLBACK_BYTES} bytes: {text!r}")
    return text


def candidate_label(found: FoundFact, with_agency: bool) -> str:
    """「20件 · 晋江市人民政府办公室 2024」 or 「20件 · 受理信息公开申请」, clipped to fit a button."""
    tail = f"{found.report.agency} {found.report.year or ''}" if with_agency else found.fact.label
    text = f"{figure(found)} · {tail}"
    return text if len(text) <= BUTTON_CHARS else text[: BUTTON_CHARS - 1] + "…"


def answer_keyboard(answer: Answer) -> InlineKeyboardMarkup | None:
    """👍/👎 under an answer; one button per candidate under an ambiguous one; nothing otherwise."""
    if answer.status == "answered" and answer.best is not None and answer.best.fact_id:
        fid = answer.best.fact_id
        return InlineKeyboardMarkup([[InlineKeyboardButton("👍", callback_data=_data(f"v:{fid}:1")),
                                      InlineKeyboardButton("👎", callback_data=_data(f"v:{fid}:-1"))]])
    if answer.status == "ambiguous" and answer.alternatives:
        multi = len({a.report.id for a in answer.alternatives}) > 1
        rows = [[InlineKeyboardButton(candidate_label(a, multi), callback_data=_data(f"a:{a.fact_id}"))]
                for a in answer.alternatives if a.fact_id]
        return InlineKeyboardMarkup(rows) if rows else None
    return None


def examples_keyboard(questions: list[str]) -> InlineKeyboardMarkup | None:
    """The example questions of /start as buttons (ex:<index>)."""
    if not questions:
        return None
    return InlineKeyboardMarkup([[InlineKeyboardButton(q[:BUTTON_CHARS], callback_data=_data(f"ex:{i}"))]
                                 for i, q in enumerate(questions)])


def pager_keyboard(page: int, pages: int, prefix: str = "rp") -> InlineKeyboardMarkup | None:
    """‹ › buttons for /reports (rp:<page>) or /coverage (cv:<page>)."""
    buttons = []
    if page > 0:
        buttons.append(InlineKeyboardButton("‹ 上一页", callback_data=_data(f"{prefix}:{page - 1}")))
    if page < pages - 1:
        buttons.append(InlineKeyboardButton("下一页 ›", callback_data=_data(f"{prefix}:{page + 1}")))
    return InlineKeyboardMarkup([buttons]) if buttons else None


def share_line(bot_username: str | None, fid: str) -> str:
    """「分享这个答案」: a t.me deep link reproducing the fact (payload f_<id>)."""
    if not bot_username or not fid:
        return ""
    return f'\n<a href="https://t.me/{escape(bot_username)}?start=f_{escape(fid)}">分享这个答案</a>'
