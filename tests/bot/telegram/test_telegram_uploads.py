"""Issue 9: an upload that does not load never replaces a report that does (end to end)."""
from __future__ import annotations

from pathlib import Path

from bot.render.reply import render_html
from knowledge import ask, bundled_corpus
from tests.bot.telegram.telegram_harness import ADMIN, running_bot

JINJIANG = "2024年晋江依申请公开多少件"


async def test_a_broken_upload_keeps_the_good_report_of_the_same_name(tmp_path: Path, sample_db: Path) -> None:
    async with running_bot(tmp_path, sample_db) as bot:
        good = next(bundled_corpus().glob("000*"))
        target = bot.reports / good.name
        original = target.read_bytes()
        expected = render_html(ask(bot.store, JINJIANG))
        mark = bot.server.mark()
        bot.server.state.inject_document(good.name, "你好".encode(), user_id=ADMIN)
        failed = await bot.wait("sendMessage", since=mark, timeout=30)
        text = failed.params["text"]
        assert text.startswith("❌") and good.name in text and "保持不变" in text, text
        assert target.read_bytes() == original  # neither overwritten nor deleted
        assert len(bot.store.reports()) == 5
        assert (await bot.say(JINJIANG)).params["text"].startswith(expected)
        assert not list(tmp_path.glob(".upload-*")) and not list(bot.reports.glob(".*"))


async def test_a_good_upload_replaces_the_report_of_the_same_name(tmp_path: Path, sample_db: Path) -> None:
    async with running_bot(tmp_path, sample_db) as bot:
        good = next(bundled_corpus().glob("000*"))
        changed = good.read_text(encoding="utf-8").replace("受理信息公开申请20件", "受理信息公开申请21件")
        assert changed != good.read_text(encoding="utf-8")
        mark = bot.server.mark()
        bot.server.state.inject_document(good.name, changed.encode(), user_id=ADMIN)
        done = await bot.wait("sendMessage", since=mark, timeout=30)
        assert done.params["text"].startswith("✅"), done.params["text"]
        assert (bot.reports / good.name).read_text(encoding="utf-8") == changed
        assert len(bot.store.reports()) == 5  # replaced, not added
        assert "21件" in (await bot.say(JINJIANG)).params["text"]
