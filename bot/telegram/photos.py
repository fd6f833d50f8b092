"""Charts in Telegram: an answered series or ranking goes out as a PNG with its cited figures as caption.

A reply longer than a caption may be (1024 characters shown) follows the photo as its own message,
the photo then carrying only the chart's title. Without a chart (matplotlib or the font missing, or
drawing failed) the answer goes out as text, as any other answer.
"""
from __future__ import annotations

import asyncio
import logging
from html import escape

from telegram import InlineKeyboardMarkup, Message
from telegram.constants import ParseMode

from bot.render.charts import chart_png, chart_title, wants_chart
from bot.telegram import text as txt
from knowledge import Answer

log = logging.getLogger(__name__)


async def send_chart(message: Message, answer: Answer, html: str, keyboard: InlineKeyboardMarkup | None) -> bool:
    """Reply with the answer's chart and its figures; False (nothing sent) when it has no chart."""
    if not wants_chart(answer):
        return False
    try:
        png = await asyncio.to_thread(chart_png, answer)
    except Exception:  # noqa: BLE001 - any drawing failure: the text reply still carries every figure
        log.warning("could not draw the chart; replying with text", exc_info=True)
        return False
    if txt.visible_length(html) <= txt.MAX_CAPTION:
        await message.reply_photo(png, caption=html, parse_mode=ParseMode.HTML, reply_markup=keyboard)
        return True
    await message.reply_photo(png, caption=txt.CHART_CAPTION.format(title=escape(chart_title(answer))),
                              parse_mode=ParseMode.HTML)
    await message.reply_html(html, reply_markup=keyboard, disable_web_page_preview=True)
    return True
