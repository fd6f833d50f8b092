"""/reports: the loaded reports, paged with buttons, and which agencies lack which years."""
from __future__ import annotations

from telegram import Update
from telegram.ext import Application, CallbackQueryHandler, CommandHandler, ContextTypes

from bot import telegram_text as txt
from bot.telegram_app import store_of
from bot.telegram_keyboards import pager_keyboard


async def on_reports(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """The first page of the report list."""
    text, pages = txt.reports_page_html(store_of(context).reports(), 0)
    await update.effective_message.reply_html(text, reply_markup=pager_keyboard(0, pages))


async def on_reports_page(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A ‹ › tap: show another page in the same message."""
    query = update.callback_query
    page = int(query.data.partition(":")[2] or 0)
    text, pages = txt.reports_page_html(store_of(context).reports(), page)
    page = min(max(page, 0), pages - 1)
    await query.answer()
    await query.edit_message_text(text, parse_mode="HTML", reply_markup=pager_keyboard(page, pages))


def register(application: Application) -> None:
    """Wire /reports and its pager."""
    application.add_handler(CommandHandler("reports", on_reports))
    application.add_handler(CallbackQueryHandler(on_reports_page, pattern=r"^rp:\d+$"))
