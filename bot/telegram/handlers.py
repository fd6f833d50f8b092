"""提问、/start、/help、按钮和错误处理：把问题交给 knowledge.ask，再用 bot.render.reply 渲染。"""
from __future__ import annotations

import logging
import re
import sqlite3
import time

from telegram import Update
from telegram.ext import Application, CallbackQueryHandler, CommandHandler, ContextTypes, MessageHandler, filters

from bot.render.reply import render_html
from bot.telegram import text as txt
from bot.telegram.context import config_of, store_of
from bot.telegram.flood import allowed, refuse
from bot.telegram.keyboards import answer_keyboard, examples_keyboard, share_line
from bot.telegram.photos import send_chart
from knowledge import Answer, Reading, ask
from knowledge import add_feedback, answer_for_fid, log_question

log = logging.getLogger(__name__)
Context = ContextTypes.DEFAULT_TYPE
ASKED_KEPT = 50
"""How many recent (fact id → question) pairs a chat keeps for feedback."""
_COMMAND = re.compile(r"/([^\s@]+)(?:@(\S+))?(.*)", re.DOTALL)
"""「/name@bot rest」: the command, whom it is addressed to, the rest of the message."""


def previous_reading(context: Context) -> Reading | None:
    """The chat's last reading, unless it has expired."""
    last = context.chat_data.get("last")
    if last and time.monotonic() - last[1] <= config_of(context).followup_ttl:
        return last[0]
    return None


def remember(context: Context, answer: Answer, question: str) -> None:
    """Keep the reading for follow-ups and the question asked about each fact for feedback.

    A chat reply (你好, 谢谢, /foo) leaves the last reading as it was, so follow-ups still work.
    """
    if answer.intent != "chat":
        context.chat_data["last"] = (answer.reading, time.monotonic())
    asked: dict[str, str] = context.chat_data.setdefault("asked", {})
    for found in (answer.best, *answer.alternatives):
        if found is not None:
            asked[found.fact_id] = question
    while len(asked) > ASKED_KEPT:
        asked.pop(next(iter(asked)))


async def send_answer(update: Update, context: Context, answer: Answer) -> None:
    """Reply with the rendered answer, its share link and its buttons; a series or ranking as a chart."""
    html = render_html(answer)
    if answer.status == "answered" and answer.best is not None:
        html += share_line(context.bot.username, answer.best.fact_id)
    keyboard = answer_keyboard(answer)
    if answer.intent == "chat":  # the help reply: its example questions as buttons, as under /start
        keyboard = examples_keyboard(txt.examples(store_of(context).catalog()))
    if await send_chart(update.effective_message, answer, html, keyboard):
        return
    await update.effective_message.reply_html(html, reply_markup=keyboard, disable_web_page_preview=True)


async def answer_question(update: Update, context: Context, question: str) -> None:
    """Guard (length, rate), ask knowledge, remember the context, reply."""
    cfg = config_of(context)
    question = question.strip()
    if len(question) > cfg.max_chars:
        await update.effective_message.reply_text(txt.TOO_LONG.format(n=cfg.max_chars))
        return
    result = allowed(update, context)
    if result != "ok":
        await refuse(update, result)
        return
    store = store_of(context)
    answer = ask(store, question, previous=previous_reading(context))
    try:
        log_question(store, question, answer, "telegram")
    except sqlite3.Error:
        log.warning("could not log a question", exc_info=True)
    remember(context, answer, question)
    await send_answer(update, context, answer)


async def on_private_text(update: Update, context: Context) -> None:
    """A question in a private chat."""
    await answer_question(update, context, update.effective_message.text)


async def on_group_text(update: Update, context: Context) -> None:
    """A group message: answered only when it mentions the bot or replies to it."""
    msg = update.effective_message
    mention = f"@{context.bot.username}"
    replied = msg.reply_to_message is not None and msg.reply_to_message.from_user is not None \
        and msg.reply_to_message.from_user.id == context.bot.id
    if mention.lower() in msg.text.lower():
        await answer_question(update, context, msg.text.replace(mention, " ").replace(mention.lower(), " "))
    elif replied:
        await answer_question(update, context, msg.text)


async def on_unknown_command(update: Update, context: Context) -> None:
    """A command no other handler took: asked as a question, so the knowledge layer's help answers.

    Private chats: any command not addressed to another bot. Groups: only `/name@thisbot`.
    """
    msg = update.effective_message
    parsed = _COMMAND.match(msg.text or "")
    if parsed is None:
        return
    name, target, rest = parsed.groups()
    if target is not None and target.lower() != (context.bot.username or "").lower():
        return
    if target is None and msg.chat.type != "private":
        return
    await answer_question(update, context, f"/{name}{rest}")


async def on_start(update: Update, context: Context) -> None:
    """/start and /help: what is loaded, how to read answers, examples; /start f_<id> shares a fact."""
    if context.args and context.args[0].startswith("f_"):
        answer = answer_for_fid(store_of(context), context.args[0][2:])
        if answer is None:
            await update.effective_message.reply_text(txt.NOT_FOUND_FACT)
            return
        remember(context, answer, answer.reading.question)
        await send_answer(update, context, answer)
        return
    reports = store_of(context).catalog()
    await update.effective_message.reply_html(txt.help_html(reports),
                                              reply_markup=examples_keyboard(txt.examples(reports)))


async def on_button(update: Update, context: Context) -> None:
    """Taps on answer buttons: a:<fid> picks a candidate, v:<fid>:<±1> votes, ex:<i> asks an example."""
    query = update.callback_query
    kind, _, rest = (query.data or "").partition(":")
    if kind == "a":
        answer = answer_for_fid(store_of(context), rest, previous_reading(context))
        await query.answer()
        if answer is None:
            await query.message.reply_text(txt.NOT_FOUND_FACT)
            return
        remember(context, answer, context.chat_data.get("asked", {}).get(rest, answer.reading.question))
        await send_answer(update, context, answer)
    elif kind == "v":
        fid, _, vote = rest.partition(":")
        question = context.chat_data.get("asked", {}).get(fid, "")
        add_feedback(store_of(context), update.effective_user.id, question, fid, 1 if vote == "1" else -1)
        await query.answer("谢谢反馈！")
        await query.edit_message_reply_markup(reply_markup=None)
    elif kind == "ex":
        questions = txt.examples(store_of(context).catalog())
        await query.answer()
        index = int(rest) if rest.isdigit() else -1
        if 0 <= index < len(questions):
            await query.message.reply_text(f"问：{questions[index]}")
            await answer_question(update, context, questions[index])


async def on_error(update: object, context: Context) -> None:
    """Log the traceback first, then apologise to the user if there is one."""
    log.error("error while handling an update", exc_info=context.error)
    if isinstance(update, Update):
        if update.callback_query is not None:
            try:
                await update.callback_query.answer(txt.APOLOGY[:190])
            except Exception:  # noqa: BLE001 - the query may be too old to answer
                log.debug("could not answer the callback query", exc_info=True)
        if update.effective_message is not None:
            await update.effective_message.reply_text(txt.APOLOGY)


def register(application: Application) -> None:
    """Wire the public handlers."""
    application.add_handler(CommandHandler(["start", "help"], on_start))
    application.add_handler(CallbackQueryHandler(on_button, pattern=r"^(a|v|ex):"))
    application.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND & filters.ChatType.PRIVATE,
                                           on_private_text))
    application.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND & filters.ChatType.GROUPS,
                                           on_group_text))


def register_fallback(application: Application) -> None:
    """Wire the unknown-command reply; call after every command handler is registered."""
    application.add_handler(MessageHandler(filters.TEXT & filters.COMMAND, on_unknown_command))
