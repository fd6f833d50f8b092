"""Issue 9: a flood from one user costs one notice, and never delays anyone else (end to end)."""
from __future__ import annotations

import asyncio
import time
from pathlib import Path

from bot.telegram import text as txt
from tests.bot.telegram.telegram_harness import USER, buttons, running_bot

JINJIANG = "2024年晋江依申请公开多少件"
FLOODER, OTHER = USER, USER + 1


def texts_to(bot, chat: int, since: int = 0) -> list[str]:  # noqa: ANN001 - RunningBot
    """What the bot sent to one private chat, in order."""
    return [c.params["text"] for c in bot.server.calls_to("sendMessage", since) if int(c.params["chat_id"]) == chat]


async def test_a_flood_gets_one_notice_and_another_user_is_answered_at_once(tmp_path: Path,
                                                                            sample_db: Path) -> None:
    async with running_bot(tmp_path, sample_db) as bot:  # the default limit: 20 questions a minute
        await bot.say(JINJIANG, user_id=OTHER)  # warm: the first answer builds caches
        mark = bot.server.mark()
        for i in range(200):
            bot.server.state.inject_message(f"{JINJIANG} #{i}", user_id=FLOODER)
        sent = time.monotonic()
        bot.server.state.inject_message(JINJIANG, user_id=OTHER)
        reply = await bot.wait("sendMessage", lambda p: int(p["chat_id"]) == OTHER, since=mark)
        delay = reply.at - sent
        print(f"user B answered {delay:.3f}s after sending, behind a 200-message flood")
        assert delay < 1.0, f"user B waited {delay:.2f}s behind the flood"
        assert reply.params["text"].startswith("<b>")
        await asyncio.sleep(1.0)  # let the flood drain
        flood = texts_to(bot, FLOODER, mark)
        assert flood.count(txt.RATE_LIMITED) == 1, flood.count(txt.RATE_LIMITED)
        assert len(flood) == 21 and flood[-1] == txt.RATE_LIMITED  # 20 answers, in order, then one notice
        asked = [c.params["text"] for c in bot.server.calls_to("sendMessage", mark)
                 if int(c.params["chat_id"]) == FLOODER and c.params["text"] != txt.RATE_LIMITED]
        assert len(asked) == 20
        logged = [r["question"] for r in bot.store.db.query("SELECT question FROM questions ORDER BY rowid")]
        assert [q for q in logged if "#" in q] == [f"{JINJIANG} #{i}" for i in range(20)]  # A's, in order


async def test_buttons_and_votes_are_rate_limited_too(tmp_path: Path, sample_db: Path) -> None:
    async with running_bot(tmp_path, sample_db, rate_limit=2, rate_window=60) as bot:
        reply = await bot.say(JINJIANG)
        vote = buttons(reply)[0]["callback_data"]
        message = bot.sent_message(reply)
        mark = bot.server.mark()
        for _ in range(10):
            bot.server.state.inject_callback(vote, message)
        notice = await bot.wait("answerCallbackQuery", lambda p: p.get("text") == txt.RATE_LIMITED, since=mark)
        await asyncio.sleep(0.5)
        answers = [c.params.get("text") for c in bot.server.calls_to("answerCallbackQuery", mark)]
        assert answers.count(txt.RATE_LIMITED) == 1 and answers.count("谢谢反馈！") == 1, answers
        assert len(list(bot.store.db["feedback"].rows)) == 1
        assert notice.status == 200
        assert (await bot.say(JINJIANG, user_id=OTHER)).params["text"].startswith("<b>")
        assert not texts_to(bot, USER, mark)  # the notice was the toast; the flood got no messages
