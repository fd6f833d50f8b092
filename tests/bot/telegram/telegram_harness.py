"""Runs the real Application (built by build_application, as `serve` does) against the fake Bot API.

    async with running_bot(tmp_path, sample_db, rate_limit=3) as bot:
        reply = await bot.say("2024年晋江依申请公开多少件")
"""
from __future__ import annotations

import asyncio
import os
import shutil
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bot.telegram.app import build_application
from bot.telegram.text import APOLOGY
from knowledge import Store, bundled_corpus
from tests.fake_bot_api import Call, FakeBotApi

TOKEN = "123456:TEST-token-never-logged"
ADMIN = 4242
USER = 1001
os.environ.setdefault("NO_PROXY", "127.0.0.1,localhost")
os.environ.setdefault("no_proxy", "127.0.0.1,localhost")


@dataclass
class RunningBot:
    """The fake server, the application and the folders of one test."""

    server: FakeBotApi
    app: Any
    db: Path
    reports: Path

    @property
    def store(self) -> Store:
        """The store the bot is serving right now."""
        return self.app.bot_data["store"]

    async def wait(self, method: str, pred: Any = None, since: int = 0, timeout: float = 15.0) -> Call:
        """Wait (without blocking the bot's event loop) for a call of `method` matching pred."""
        return await asyncio.to_thread(self.server.wait_for, method, pred, since, timeout)

    async def say(self, text: str, user_id: int = USER, method: str = "sendMessage", **kw: Any) -> Call:
        """Send a message as a user; return the bot's first `method` call (sendMessage) to that chat."""
        mark = self.server.mark()
        msg = self.server.state.inject_message(text, user_id=user_id, **kw)
        chat = msg["chat"]["id"]
        return await self.wait(method, lambda p: int(p["chat_id"]) == chat, since=mark)

    async def tap(self, data: str, message: dict[str, Any], user_id: int = USER,
                  method: str = "sendMessage") -> Call:
        """Tap an inline button; return the bot's next `method` call."""
        mark = self.server.mark()
        self.server.state.inject_callback(data, message, user_id=user_id)
        return await self.wait(method, since=mark)

    @staticmethod
    def sent_message(call: Call) -> dict[str, Any]:
        """The message the fake server created for a sendMessage call (to tap its buttons)."""
        return call.result


def apologies(server: FakeBotApi) -> list[Call]:
    """Replies and callback answers carrying the error handler's apology."""
    return [c for c in server.calls if c.method in ("sendMessage", "answerCallbackQuery")
            and str(c.params.get("text") or "").startswith(APOLOGY[:10])]


def check_clean_run(server: FakeBotApi, allow_apology: bool = False) -> None:
    """After each test: the fake never answered what PTB cannot read, and no handler failed."""
    assert not server.defects(), [c.error for c in server.defects()]
    if not allow_apology:
        assert not apologies(server), f"the bot apologised (a handler raised): {apologies(server)}"


def buttons(call: Call) -> list[dict[str, Any]]:
    """Every inline button of a call's reply_markup, row by row."""
    markup = call.params.get("reply_markup") or {}
    return [b for row in markup.get("inline_keyboard", []) for b in row]


@asynccontextmanager
async def running_bot(tmp_path: Path, sample_db: Path, admins: frozenset[int] = frozenset({ADMIN}),
                      allow_apology: bool = False, **options: Any) -> AsyncIterator[RunningBot]:
    """Start the fake server and the bot (polling), yield, then shut both down.

    A test passes only if no reply was the apology (unless `allow_apology`) and the fake never
    answered what PTB cannot read.
    """
    db = tmp_path / "bot.db"
    shutil.copy(sample_db, db)
    reports = tmp_path / "reports"
    reports.mkdir()
    for f in bundled_corpus().iterdir():
        if f.is_file():
            shutil.copy(f, reports / f.name)
    server = FakeBotApi(token=TOKEN).start()
    app = build_application(TOKEN, db, admins, reports, base_url=server.base_url, **options)
    await app.initialize()
    await app.post_init(app)  # run_polling would call it; we drive start() ourselves
    await app.start()
    await app.updater.start_polling(poll_interval=0, timeout=1)
    try:
        yield RunningBot(server, app, db, reports)
        await asyncio.sleep(0.1)  # let replies still in flight (a failing edit's apology) arrive
        check_clean_run(server, allow_apology)
    finally:
        await app.updater.stop()
        await app.stop()
        await app.post_shutdown(app)
        await app.shutdown()
        server.stop()
