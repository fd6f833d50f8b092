"""/reports and /coverage: the loaded reports, paged with buttons (a list with the missing years, or
the agencies × years grid)."""
from __future__ import annotations

from collections.abc import Callable

from telegram import Update
from telegram.ext import Application, CallbackQueryHandler, CommandHandler, ContextTypes

from bot.telegram import text as txt
from bot.telegram.context import store_of
from bot.telegram.keyboards import pager_keyboard
from knowledge import Catalog

Page = Callable[[Catalog, int], tuple[str, int]]
PAGES: dict[str, Page] = {"rp": txt.reports_page_html, "cv": txt.coverage_page_html}
"""Callback prefix → the pure function rendering one page of that view."""


async def _first_page(update: Update, context: ContextTypes.DEFAULT_TYPE, prefix: str) -> None:
    text, pages = PAGES[prefix](store_of(context).catalog(), 0)
    await update.effective_message.reply_html(text, reply_markup=pager_keyboard(0, pages, prefix))


async def on_reports(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """The first page of the report list."""
    await _first_page(update, context, "rp")


async def on_coverage(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """The first page of the agencies × years grid."""
    await _first_page(update, context, "cv")


async def on_page(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A ‹ › tap under /reports or /coverage: show another page in the same message."""
    query = update.callback_query
    prefix, _, number = query.data.partition(":")
    page = int(number or 0)
    text, pages = PAGES[prefix](store_of(context).catalog(), page)
    page = min(max(page, 0), pages - 1)
    await query.answer()
    await query.edit_message_text(text, parse_mode="HTML", reply_markup=pager_keyboard(page, pages, prefix))


def register(application: Application) -> None:
    """Wire /reports, /coverage and their pagers."""
    application.add_handler(CommandHandler("reports", on_reports))
    application.add_handler(CommandHandler("coverage", on_coverage))
    application.add_handler(CallbackQueryHandler(on_page, pattern=r"^(rp|cv):\d+$"))
