"""管理员命令：/reload 重建索引、上传报告文件、/stats。其他人只得到一句礼貌的拒绝。

Rebuilds and uploads run in a worker thread (asyncio.to_thread) with their own SQLite
connection, and their handlers are non-blocking, so questions keep being answered meanwhile
from the serving store; the store is swapped only once the new index is ready.
"""
from __future__ import annotations

import asyncio
import logging
import tempfile
from pathlib import Path

from telegram import Update
from telegram.ext import Application, CommandHandler, ContextTypes, MessageHandler, filters

from bot.telegram import text as txt
from bot.telegram.context import config_of, store_of, swap_store
from knowledge import ReportbotError, Store
from knowledge import LoadResult, prepare_report, question_stats, rebuild
from loaders import SUPPORTED_SUFFIXES, LoaderError

log = logging.getLogger(__name__)
Context = ContextTypes.DEFAULT_TYPE


async def is_admin(update: Update, context: Context) -> bool:
    """True for admins; everyone else is told politely and nothing changes."""
    user = update.effective_user
    if user is not None and user.id in config_of(context).admin_ids:
        return True
    await update.effective_message.reply_text(txt.REFUSE_ADMIN)
    return False


async def on_reload(update: Update, context: Context) -> None:
    """Rebuild the index from the report folder into a new file, then swap it in."""
    if not await is_admin(update, context):
        return
    cfg, lock = config_of(context), context.bot_data["index_lock"]
    if lock.locked():
        await update.effective_message.reply_text("正在更新索引，请等这一次完成后再试。")
        return
    async with lock:
        await update.effective_message.reply_text(f"开始从 {cfg.report_dir.name}/ 重建索引，期间照常回答问题…")
        try:
            result = await asyncio.to_thread(rebuild, cfg.store_path, [cfg.report_dir], None, 1)
        except (ReportbotError, OSError) as exc:
            log.warning("rebuild failed", exc_info=True)
            result = LoadResult(failed=[(str(cfg.report_dir), str(exc))])
        swapped = bool(result.n_loaded or result.n_unchanged)
        if swapped:
            swap_store(context.bot_data, carry_activity=True)
        await update.effective_message.reply_html(txt.load_html(result, swapped))


def _load_upload(db_path: Path, tmp: Path, dest: Path) -> LoadResult:
    """Read the uploaded file at `tmp` as if it were `dest`; only if it loads, index it and move it there.

    A file that fails leaves the report folder and the index exactly as they were, so a broken
    upload can never replace a report that loads. Runs in a worker thread with its own connection.
    """
    result = LoadResult()
    try:
        report = prepare_report(tmp.read_bytes(), dest.name, str(dest.resolve()))
    except (LoaderError, UnicodeError, ValueError, OSError) as exc:
        result.failed.append((str(dest), str(exc) or type(exc).__name__))
        return result
    store = Store(db_path)
    try:
        outcome = store.put_report(report)
    finally:
        store.close()
    tmp.replace(dest)  # same folder tree, so an atomic rename: the old file stays until this point
    result.record(outcome, str(dest))
    return result


async def on_document(update: Update, context: Context) -> None:
    """An admin's report file: download it aside, index it, and only then put it in the report folder."""
    if not await is_admin(update, context):
        return
    cfg, doc, msg = config_of(context), update.effective_message.document, update.effective_message
    name = txt.safe_file_name(doc.file_name)
    if Path(name).suffix.lower() not in SUPPORTED_SUFFIXES:
        await msg.reply_text(f"不支持这种文件。可以上传：{'、'.join(SUPPORTED_SUFFIXES)}")
        return
    too_big = f"文件太大（上限 {cfg.max_upload_bytes // 1024 // 1024} MB）。"
    if (doc.file_size or 0) > cfg.max_upload_bytes:
        await msg.reply_text(too_big)
        return
    async with context.bot_data["index_lock"]:
        cfg.report_dir.mkdir(parents=True, exist_ok=True)
        dest = cfg.report_dir / name
        # a hidden folder beside the reports: /reload never reads it, and the final move is a rename
        with tempfile.TemporaryDirectory(prefix=".upload-", dir=cfg.report_dir.parent) as folder:
            tmp = Path(folder) / name
            await (await doc.get_file()).download_to_drive(tmp)
            if tmp.stat().st_size > cfg.max_upload_bytes:
                await msg.reply_text(too_big)
                return
            try:
                result = await asyncio.to_thread(_load_upload, cfg.store_path, tmp, dest)
            except (ReportbotError, OSError) as exc:
                log.warning("upload of %s failed", name, exc_info=True)
                result = LoadResult(failed=[(str(dest), str(exc))])
        if not result.failed:
            swap_store(context.bot_data, carry_activity=False)
    if result.failed:
        await msg.reply_html(txt.upload_failed_html(name, result.failed[0][1], dest.exists()))
    else:
        await msg.reply_html(txt.load_html(result, True, what=f"加载 {name} "))


async def on_stats(update: Update, context: Context) -> None:
    """Questions asked, by status, and the most asked unanswered ones."""
    if not await is_admin(update, context):
        return
    await update.effective_message.reply_html(txt.stats_html(question_stats(store_of(context))))


def register(application: Application) -> None:
    """Wire the admin handlers (slow ones non-blocking, so questions are answered meanwhile)."""
    application.add_handler(CommandHandler("reload", on_reload, block=False))
    application.add_handler(CommandHandler("stats", on_stats))
    application.add_handler(MessageHandler(filters.Document.ALL & filters.ChatType.PRIVATE, on_document,
                                           block=False))
