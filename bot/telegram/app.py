"""Telegram 机器人的装配：build_application 是 `serve` 和测试共用的唯一入口。

The top of the bot: it wires the handler modules (which share `bot.telegram.context`) into one
Application. Nothing imports this module but `bot.telegram.main` and the tests.
"""
from __future__ import annotations

import asyncio
import logging
import shutil
from pathlib import Path
from typing import Any

from telegram import BotCommand
from telegram.ext import AIORateLimiter, Application, ApplicationBuilder

from bot.telegram import admin, flood, handlers, inline, reports
from bot.telegram.context import BotConfig, config_of, file_id
from knowledge import bundled_corpus, open_store, warm_up
from knowledge import expand_paths

log = logging.getLogger(__name__)

COMMANDS = [
    ("start", "开始：已收录的年报和示例问题"),
    ("help", "怎么提问、怎么读答案"),
    ("reports", "已收录的年报（分页）和缺少的年份"),
    ("coverage", "机关 × 年份：哪些年份有年报"),
    ("stats", "管理员：提问统计"),
    ("reload", "管理员：从报告文件夹重建索引"),
]


def seed_report_dir(report_dir: Path) -> None:
    """Create the report folder; an empty one gets the bundled samples, so /reload has them."""
    report_dir.mkdir(parents=True, exist_ok=True)
    if not expand_paths([report_dir]):
        for f in expand_paths([bundled_corpus()]):
            shutil.copy2(f, report_dir / f.name)


async def _post_init(application: Application) -> None:
    """Open the store, warm jieba up and register the command menu."""
    config = config_of(application)
    seed_report_dir(config.report_dir)
    before = file_id(config.store_path)
    application.bot_data["store"] = open_store(config.store_path)
    application.bot_data["store_file"] = before or file_id(config.store_path)
    await asyncio.to_thread(warm_up)
    await application.bot.set_my_commands([BotCommand(c, d) for c, d in COMMANDS])
    log.info("serving %d reports from %s", len(application.bot_data["store"].catalog()), config.store_path)


async def _post_shutdown(application: Application) -> None:
    """Close the store."""
    store = application.bot_data.pop("store", None)
    if store is not None:
        store.close()


def build_application(token: str, store_path: str | Path, admin_ids: frozenset[int] | set[int] = frozenset(),
                      report_dir: str | Path | None = None, base_url: str | None = None,
                      base_file_url: str | None = None, rate_limiter: bool = True, **options: Any) -> Application:
    """The bot, fully wired: handlers, error handler, post_init/post_shutdown, flood-limit rate limiter.

    `options` are further BotConfig fields (rate_limit, rate_window, max_chars, max_upload_bytes,
    followup_ttl). `base_url` is the Bot API root (e.g. http://127.0.0.1:8081/bot); the file root
    defaults to the same server's /file/bot.
    """
    logging.getLogger("httpx").setLevel(logging.WARNING)  # its INFO lines contain the token
    store_path = Path(store_path)
    config = BotConfig(store_path=store_path, report_dir=Path(report_dir or store_path.parent / "reports"),
                       admin_ids=frozenset(admin_ids), **options)
    builder = (ApplicationBuilder().token(token).post_init(_post_init).post_shutdown(_post_shutdown)
               .concurrent_updates(flood.PerUserProcessor()))  # users in parallel, each in order
    if base_url:
        root = base_url.rstrip("/")
        builder = builder.base_url(root).base_file_url(
            base_file_url or (root[: -len("/bot")] + "/file/bot" if root.endswith("/bot") else root))
    if rate_limiter:
        try:
            builder = builder.rate_limiter(AIORateLimiter())
        except RuntimeError:  # aiolimiter missing: python-telegram-bot[rate-limiter] not installed
            log.warning('flood limits not enforced: pip install "python-telegram-bot[rate-limiter]"')
    application = builder.build()
    application.bot_data.update(config=config, index_lock=asyncio.Lock())
    flood.register(application)  # group -1: the rate limit before any handler
    handlers.register(application)
    reports.register(application)
    inline.register(application)
    admin.register(application)
    handlers.register_fallback(application)  # last: only commands no handler above took
    application.add_error_handler(handlers.on_error)
    return application
