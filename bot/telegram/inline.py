"""Inline mode: `@bot 鲤城区2024年行政许可` in any chat offers the top answers as articles."""
from __future__ import annotations

import logging
import sqlite3

from telegram import InlineQueryResultArticle, InputTextMessageContent, Update
from telegram.constants import ParseMode
from telegram.ext import Application, ContextTypes, InlineQueryHandler

from bot.render.reply import figure, render_html
from bot.telegram import text as txt
from bot.telegram.context import config_of, store_of
from bot.telegram.flood import allowed
from knowledge import ask
from knowledge import answer_for_fid, log_question

log = logging.getLogger(__name__)
MAX_RESULTS = 5


async def on_inline(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Answer an inline query with the best fact and its alternatives, each a full reply."""
    query = update.inline_query
    text = query.query.strip()
    if not text or len(text) > config_of(context).max_chars or allowed(update, context) != "ok":
        await query.answer([], cache_time=0, is_personal=True)
        return
    store = store_of(context)
    answer = ask(store, text)
    try:
        log_question(store, text, answer, "inline")
    except sqlite3.Error:
        log.warning("could not log an inline question", exc_info=True)
    found = [f for f in (answer.best, *answer.alternatives) if f is not None and f.fact_id]
    results = []
    seen: set[str] = set()
    for f in found:
        single = answer_for_fid(store, f.fact_id, answer.reading)
        if single is None or f.fact_id in seen:
            continue
        seen.add(f.fact_id)
        results.append(InlineQueryResultArticle(
            id=f.fact_id,
            title=f"{figure(f)} — {f.report.agency} {f.report.year or ''}年"[:100],
            description=f.fact.label[:200],
            input_message_content=InputTextMessageContent(render_html(single), parse_mode=ParseMode.HTML),
        ))
        if len(results) >= MAX_RESULTS:
            break
    if not results:
        results.append(InlineQueryResultArticle(
            id="none", title="年报问答：怎么问" if answer.intent == "chat" else "没有找到答案",
            description=(answer.note or txt.NOT_FOUND_FACT)[:200],
            input_message_content=InputTextMessageContent(render_html(answer), parse_mode=ParseMode.HTML)))
    await query.answer(results, cache_time=0, is_personal=True)


def register(application: Application) -> None:
    """Wire inline mode."""
    application.add_handler(InlineQueryHandler(on_inline))
