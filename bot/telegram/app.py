"""Telegram 机器人的装配：build_application 是 `serve` 和测试共用的唯一入口。

State lives in ``application.bot_data`` (no module globals): ``config`` (BotConfig), ``store``
(the open Store; fetch it right before each synchronous use, never hold it across an await: a
/reload swaps it) and ``index_lock`` (one /reload or upload at a time).
"""
from __future__ import annotations

import asyncio
import logging
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from telegram import BotCommand
from telegram.ext import AIORateLimiter, Application, ApplicationBuilder

from knowledge import Store, bundled_corpus, open_store, warm_up
from knowledge.activity import export_activity, import_activity
from knowledge.loading import expand

log = logging.getLogger(__name__)

COMMANDS = [
    ("start", "开始：已收录的年报和示例问题"),
    ("help", "怎么提问、怎么读答案"),
    ("reports", "已收录的年报（分页）和缺少的年份"),
    ("stats", "管理员：提问统计"),
    ("reload", "管理员：从报告文件夹重建索引"),
]


@dataclass(frozen=True)
class BotConfig:
    """Everything the handlers need to know besides the store."""

    store_path: Path
    """The SQLite database file."""
    report_dir: Path
    """Folder of report files: /reload rebuilds from it, uploads are saved into it."""
    admin_ids: frozenset[int] = field(default_factory=frozenset)
    """Telegram user ids allowed to /reload, /stats and upload."""
    rate_limit: int = 20
    """Questions per user per `rate_window` seconds."""
    rate_window: float = 60.0
    max_chars: int = 300
    """Longer messages are refused politely (the core reads at most 300 characters)."""
    max_upload_bytes: int = 10 * 1024 * 1024
    followup_ttl: float = 30 * 60
    """Seconds a chat's last question stays available for follow-ups."""


def config_of(context: Any) -> BotConfig:
    """The BotConfig of the running application (context or application)."""
    return context.bot_data["config"]


def file_id(path: Path) -> tuple[int, int] | None:
    """The database file's identity (device, inode): a `load --replace` renames a new file over it."""
    try:
        st = path.stat()
    except OSError:
        return None
    return st.st_dev, st.st_ino


def store_of(context: Any) -> Store:
    """The store serving right now (do not keep it across an await).

    When another process swapped the database file (`reportbot load --replace`), the new one is
    opened first, carrying the question log over, so a long-running bot never answers from the old index.
    """
    bot_data = context.bot_data
    if not bot_data["index_lock"].locked():  # our own /reload or upload swaps the store itself
        current = file_id(config_of(context).store_path)
        if current is not None and current != bot_data.get("store_file"):
            log.info("the database file was replaced (load --replace?): reopening it")
            swap_store(bot_data, carry_activity=True)
    return bot_data["store"]


def swap_store(bot_data: dict, carry_activity: bool) -> None:
    """Close the serving store and open the database file anew (after a rebuild or an upload).

    The old connection is closed before the new one opens, so its WAL clean-up cannot touch the
    new file's; with `carry_activity` the question and feedback log moves over to the new file.
    Runs without awaiting, so no handler sees a closed store.
    """
    config: BotConfig = bot_data["config"]
    old: Store = bot_data["store"]
    rows = export_activity(old) if carry_activity else None
    old.close()
    before = file_id(config.store_path)  # taken before opening: a swap in between is still noticed
    new = Store(config.store_path)
    bot_data["store_file"] = before or file_id(config.store_path)
    if rows is not None and not (new.db["questions"].count or new.db["feedback"].count):
        import_activity(new, rows)  # a rebuilt file has no log yet; one that has (the store reopened
        # itself in place, Store.refresh) already holds these rows
    bot_data["store"] = new


def seed_report_dir(report_dir: Path) -> None:
    """Create the report folder; an empty one gets the bundled samples, so /reload has them."""
    report_dir.mkdir(parents=True, exist_ok=True)
    if not expand([report_dir]):
        for f in expand([bundled_corpus()]):
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
    log.info("serving %d reports from %s", len(application.bot_data["store"].reports()), config.store_path)


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
    from bot import telegram_admin, telegram_flood, telegram_handlers, telegram_inline, telegram_reports

    logging.getLogger("httpx").setLevel(logging.WARNING)  # its INFO lines contain the token
    store_path = Path(store_path)
    config = BotConfig(store_path=store_path, report_dir=Path(report_dir or store_path.parent / "reports"),
                       admin_ids=frozenset(admin_ids), **options)
    builder = (ApplicationBuilder().token(token).post_init(_post_init).post_shutdown(_post_shutdown)
               .concurrent_updates(telegram_flood.PerUserProcessor()))  # users in parallel, each in order
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
    telegram_flood.register(application)  # group -1: the rate limit before any handler
    telegram_handlers.register(application)
    telegram_reports.register(application)
    telegram_inline.register(application)
    telegram_admin.register(application)
    telegram_handlers.register_fallback(application)  # last: only commands no handler above took
    application.add_error_handler(telegram_handlers.on_error)
    return application
