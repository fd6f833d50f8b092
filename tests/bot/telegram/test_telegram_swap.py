"""Issue 9: a running bot notices `reportbot load --replace` swapping the database file (end to end)."""
from __future__ import annotations

import asyncio
import os
import subprocess
from pathlib import Path

from knowledge import bundled_corpus
from tests.bot.telegram.telegram_harness import ADMIN, running_bot
from tests.conftest import ROOT, reportbot_cmd

JINJIANG = "2024年晋江依申请公开多少件"


async def test_the_bot_answers_from_the_index_a_cli_replace_swapped_in(tmp_path: Path, sample_db: Path) -> None:
    async with running_bot(tmp_path, sample_db) as bot:
        assert "<b>20件</b>" in (await bot.say(JINJIANG)).params["text"]
        inode = bot.db.stat().st_ino
        folder = tmp_path / "new"
        folder.mkdir()
        good = next(bundled_corpus().glob("000*"))
        (folder / good.name).write_text(good.read_text(encoding="utf-8").replace(
            "受理信息公开申请20件", "受理信息公开申请21件"), encoding="utf-8")
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        done = await asyncio.to_thread(subprocess.run, [*reportbot_cmd(), "load", "--db", str(bot.db), "--replace",
                                                        str(folder)], env=env, capture_output=True, text=True,
                                       timeout=120)
        assert done.returncode == 0, done.stderr
        assert bot.db.stat().st_ino != inode  # swapped, not written in place
        assert "<b>21件</b>" in (await bot.say(JINJIANG)).params["text"]
        assert "共 1 份" in (await bot.say("/reports")).params["text"]
        assert "共 2 个问题" in (await bot.say("/stats", user_id=ADMIN)).params["text"]  # the log moved over
