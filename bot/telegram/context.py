"""The bottom of the Telegram bot: its configuration and the state handlers share.

State lives in ``application.bot_data`` (no module globals): ``config`` (BotConfig), ``store``
(the open Store; fetch it right before each synchronous use, never hold it across an await: a
/reload swaps it) and ``index_lock`` (one /reload or upload at a time). Every handler module
imports this one; it imports no handler.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from knowledge import Store
from knowledge import export_activity, import_activity

log = logging.getLogger(__name__)


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
