"""End to end, admin side: /reload (refused, concurrent with questions, failed), uploads, /stats."""
from __future__ import annotations

import shutil
from pathlib import Path

from bot.bench.generator import generate_corpus
from bot.render.reply import render_html
from bot.telegram import text as txt
from knowledge import ask, bundled_corpus
from tests.bot.telegram.telegram_harness import ADMIN, USER, running_bot

JINJIANG = "2024年晋江依申请公开多少件"


def sample_text(name_start: str) -> str:
    """The text of the bundled sample whose file name starts with `name_start`."""
    return next(bundled_corpus().glob(f"{name_start}*")).read_text(encoding="utf-8")


async def test_non_admins_are_refused_and_nothing_changes(tmp_path: Path, sample_db: Path) -> None:
    async with running_bot(tmp_path, sample_db) as bot:
        inode = bot.db.stat().st_ino
        for command in ("/reload", "/stats"):
            assert (await bot.say(command)).params["text"] == txt.REFUSE_ADMIN
        mark = bot.server.mark()
        bot.server.state.inject_document("x.txt", sample_text("000").replace("晋江", "石狮").encode())
        refused = await bot.wait("sendMessage", since=mark)
        assert refused.params["text"] == txt.REFUSE_ADMIN
        assert bot.db.stat().st_ino == inode
        assert sorted(p.name for p in bot.reports.iterdir()) == sorted(p.name for p in bundled_corpus().glob("*.txt"))
        assert not bot.server.calls_to("getFile")


async def test_reload_while_questions_are_answered(tmp_path: Path, sample_db: Path) -> None:
    async with running_bot(tmp_path, sample_db) as bot:
        for r in generate_corpus(40, seed=3):  # enough reports that the rebuild takes a while
            (bot.reports / r.file_name).write_text(r.text, encoding="utf-8")
        expected = render_html(ask(bot.store, JINJIANG))
        before = await bot.say(JINJIANG)
        inode = bot.db.stat().st_ino
        mark = bot.server.mark()
        bot.server.state.inject_message("/reload", user_id=ADMIN)
        await bot.wait("sendMessage", lambda p: p["text"].startswith("开始"), since=mark)
        during = 0
        for i in range(1000):
            reply = await bot.say(JINJIANG, user_id=USER + 1 + i % 50)  # stay under the rate limit
            if [c for c in bot.server.calls_to("sendMessage", since=mark) if c.params["text"][:1] in "✅❌"]:
                break  # this reply may come from the new index
            assert reply.params["text"].startswith(expected)  # answered from the old index, none fails
            during += 1
        finished = await bot.wait("sendMessage", lambda p: p["text"].startswith("✅"), since=mark, timeout=60)
        assert during >= 1, "no question was answered while the index was rebuilt"
        assert "45 份年报" in finished.params["text"]
        assert bot.db.stat().st_ino != inode  # the new file was swapped in
        assert len(bot.store.reports()) == 45
        after = await bot.say(JINJIANG)
        assert after.params["text"].startswith(render_html(ask(bot.store, JINJIANG)))
        assert before.status == after.status == 200
        listing = await bot.say("/reports")
        assert "第 1/6 页" in listing.params["text"]
        edited = await bot.tap("rp:1", bot.sent_message(listing), method="editMessageText")
        assert "第 2/6 页" in edited.params["text"] and not bot.server.errors()
        s = (await bot.say("/stats", user_id=ADMIN)).params["text"]
        assert f"共 {during + 3} 个问题" in s  # the question log survived the rebuild


async def test_failed_reload_keeps_the_old_answers(tmp_path: Path, sample_db: Path) -> None:
    async with running_bot(tmp_path, sample_db) as bot:
        expected = render_html(ask(bot.store, JINJIANG))
        shutil.rmtree(bot.reports)
        bot.reports.mkdir()
        (bot.reports / "empty.txt").write_text("", encoding="utf-8")
        (bot.reports / "binary.md").write_bytes(bytes(range(256)) * 4)
        inode = bot.db.stat().st_ino
        mark = bot.server.mark()
        bot.server.state.inject_message("/reload", user_id=ADMIN)
        failed = await bot.wait("sendMessage", lambda p: p["text"].startswith("❌"), since=mark, timeout=30)
        assert "empty.txt" in failed.params["text"] and "binary.md" in failed.params["text"]
        assert failed.params["text"].count(" — ") == 2  # each file with its reason
        assert bot.db.stat().st_ino == inode
        assert (await bot.say(JINJIANG)).params["text"].startswith(expected)


async def test_uploaded_report_becomes_answerable(tmp_path: Path, sample_db: Path) -> None:
    async with running_bot(tmp_path, sample_db) as bot:
        question = "2024年石狮依申请公开多少件"
        before = ask(bot.store, question)
        assert before.status != "answered" or not before.best.report.agency.startswith("石狮")
        data = sample_text("000").replace("晋江", "石狮").encode("utf-8")
        mark = bot.server.mark()
        bot.server.state.inject_document("../../石狮 <年报>.txt", data, user_id=ADMIN)
        done = await bot.wait("sendMessage", lambda p: p["text"][:1] in "✅❌", since=mark, timeout=30)
        assert done.params["text"].startswith("✅"), done.params["text"]
        saved = bot.reports / "石狮_年报_.txt"
        assert saved.read_bytes() == data
        assert not list(tmp_path.glob("*.txt"))  # nothing escaped the report folder
        answer = ask(bot.store, question)
        assert answer.status == "answered" and answer.best.report.agency.startswith("石狮")
        reply = await bot.say(question)
        assert reply.params["text"].startswith(render_html(answer))


async def test_bad_uploads_are_refused(tmp_path: Path, sample_db: Path) -> None:
    async with running_bot(tmp_path, sample_db, max_upload_bytes=1000) as bot:
        mark = bot.server.mark()
        bot.server.state.inject_document("tool.exe", b"MZ...", user_id=ADMIN)
        assert "不支持" in (await bot.wait("sendMessage", since=mark)).params["text"]
        mark = bot.server.mark()
        bot.server.state.inject_document("big.txt", b"x" * 2000, user_id=ADMIN)
        assert "太大" in (await bot.wait("sendMessage", since=mark)).params["text"]
        mark = bot.server.mark()
        bot.server.state.inject_document("bad.txt", "你好".encode(), user_id=ADMIN)
        failed = await bot.wait("sendMessage", since=mark, timeout=30)
        assert failed.params["text"].startswith("❌") and "bad.txt" in failed.params["text"]
        assert not (bot.reports / "bad.txt").exists()
        assert len(bot.store.reports()) == 5


async def test_stats_counts_questions_by_status(tmp_path: Path, sample_db: Path) -> None:
    async with running_bot(tmp_path, sample_db) as bot:
        for q in (JINJIANG, "2024年厦门市依申请公开多少件", "2024年厦门市依申请公开多少件"):
            await bot.say(q, user_id=USER)
        statuses = [ask(bot.store, q).status for q in (JINJIANG, "2024年厦门市依申请公开多少件")]
        reply = await bot.say("/stats", user_id=ADMIN)
        text = reply.params["text"]
        assert "共 3 个问题" in text
        if statuses[1] == "not_found":
            assert "2× 2024年厦门市依申请公开多少件" in text
