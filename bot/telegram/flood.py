"""Flood control: a per-user rate limit that says so once per window, and per-user ordering.

Every update of a user (messages in private chats, commands, uploads, button taps and votes) counts
against `BotConfig.rate_limit` per `rate_window` seconds; group messages count when the bot is
addressed (bot.telegram.handlers.answer_question), inline queries in bot.telegram.inline. Past the
limit the user gets RATE_LIMITED once per window, then nothing, so a flood costs no sends.

PerUserProcessor runs each user's updates in order and different users' updates concurrently, so
one user's flood never queues anyone else's question behind it.
"""
from __future__ import annotations

import asyncio
import inspect
import time
from collections import deque
from collections.abc import Awaitable
from typing import Any, Literal

from telegram import Update
from telegram.ext import Application, ApplicationHandlerStop, BaseUpdateProcessor, ContextTypes, TypeHandler

from bot.telegram import text as txt
from bot.telegram.context import config_of

Context = ContextTypes.DEFAULT_TYPE
Verdict = Literal["ok", "notice", "silent"]


def verdict(context: Context, now: float | None = None) -> Verdict:
    """Record one attempt of this user: ok (under the limit), notice (first refusal this window), silent."""
    cfg = config_of(context)
    now = time.monotonic() if now is None else now
    data = context.user_data
    times: deque[float] = data.setdefault("asked_at", deque())
    while times and now - times[0] > cfg.rate_window:
        times.popleft()
    if len(times) < cfg.rate_limit:
        times.append(now)
        return "ok"
    noticed = data.get("noticed_at")
    if noticed is not None and now - noticed < cfg.rate_window:
        return "silent"
    data["noticed_at"] = now
    return "notice"


def allowed(update: Update, context: Context) -> Verdict:
    """The update's verdict, counted once however many handlers ask (the guard may have counted it)."""
    data = context.user_data
    if data is None:
        return "ok"
    if data.get("counted") != update.update_id:
        data["counted"], data["verdict"] = update.update_id, verdict(context)
    return data["verdict"]


async def refuse(update: Update, verdict_: Verdict) -> None:
    """Tell the user once per window (a toast for a button, a reply for a message); else stay silent."""
    if verdict_ != "notice":
        return
    if update.callback_query is not None:
        await update.callback_query.answer(txt.RATE_LIMITED)
    elif update.effective_message is not None:
        await update.effective_message.reply_text(txt.RATE_LIMITED)


async def guard(update: object, context: Context) -> None:
    """Before any handler: stop button taps and private messages of a user over the limit."""
    if not isinstance(update, Update) or update.effective_user is None:
        return
    private = update.effective_chat is not None and update.effective_chat.type == "private"
    if update.callback_query is None and not (update.effective_message is not None and private):
        return  # groups: counted only when the bot is addressed; inline: in its handler
    result = allowed(update, context)
    if result != "ok":
        await refuse(update, result)
        raise ApplicationHandlerStop


class PerUserProcessor(BaseUpdateProcessor):
    """One user's updates in order; different users' concurrently (up to `max_concurrent_updates`)."""

    def __init__(self, max_concurrent_updates: int = 256) -> None:
        super().__init__(max_concurrent_updates)
        self._locks: dict[int, asyncio.Lock] = {}
        self._queued: dict[int, int] = {}

    @staticmethod
    def key(update: object) -> int | None:
        """Whose update this is: the user, else the chat; None runs it at once."""
        if not isinstance(update, Update):
            return None
        who = update.effective_user or update.effective_chat
        return who.id if who is not None else None

    async def process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        """Wait for this user's earlier updates, then take a concurrency slot (so a flood holds one)."""
        key = self.key(update)
        if key is None:
            await super().process_update(update, coroutine)
            return
        lock = self._locks.setdefault(key, asyncio.Lock())
        self._queued[key] = self._queued.get(key, 0) + 1
        try:
            async with lock:
                await super().process_update(update, coroutine)
        except BaseException:
            if inspect.iscoroutine(coroutine) and inspect.getcoroutinestate(coroutine) == inspect.CORO_CREATED:
                coroutine.close()  # cancelled while queued: never started
            raise
        finally:
            self._queued[key] -= 1
            if not self._queued[key]:
                del self._queued[key], self._locks[key]

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        await coroutine

    async def initialize(self) -> None:
        """Nothing to set up."""

    async def shutdown(self) -> None:
        """Nothing to tear down."""


def register(application: Application) -> None:
    """Wire the guard before every other handler (group -1)."""
    application.add_handler(TypeHandler(Update, guard), group=-1)
