"""End to end: the real Application against the fake Bot API — what citizens and staff see.

Expected replies are computed by calling knowledge.ask directly and rendering with bot.render.reply, so
these tests check the Telegram layer (wiring, context, buttons, escaping), not the matcher.
"""
from __future__ import annotations

import asyncio
import logging
from html import escape
from pathlib import Path

import pytest

from bot.render.reply import figure, render_html, source
from bot.telegram import text as txt
from knowledge import ask
from knowledge.store.question_log import stats
from knowledge.answer.share import answer_for_fid
from tests.bot.telegram.telegram_harness import USER, buttons, running_bot

JINJIANG = "2024年晋江依申请公开多少件"
AMBIGUOUS = "2024年行政许可处理决定数量是多少"


async def test_start_lists_reports_examples_and_registers_commands(tmp_path: Path, sample_db: Path) -> None:
    async with running_bot(tmp_path, sample_db) as bot:
        commands = bot.server.calls_to("setMyCommands")[0].params["commands"]
        assert {"start", "help", "reports", "reload", "stats"} <= {c["command"] for c in commands}
        reply = await bot.say("/start")
        assert "已收录 5 份年报" in reply.params["text"] and "鲤城区" in reply.params["text"]
        examples = buttons(reply)
        assert len(examples) == 3 and all(b["callback_data"].startswith("ex:") for b in examples)
        question = txt.examples(bot.store.catalog())[0]
        mark = bot.server.mark()
        bot.server.state.inject_callback(examples[0]["callback_data"], bot.sent_message(reply))
        answered = await bot.wait("sendMessage", lambda p: p["text"].startswith("<b>") or "没有" in p["text"],
                                  since=mark)
        assert answered.params["text"].startswith(render_html(ask(bot.store, question)))
        assert bot.app.bot.rate_limiter is not None, 'needs python-telegram-bot[rate-limiter] (aiolimiter)'
        help_reply = await bot.say("/help")
        assert "怎么读答案" in help_reply.params["text"]
        assert not bot.server.errors()


async def test_question_answered_with_value_source_and_feedback(tmp_path: Path, sample_db: Path) -> None:
    async with running_bot(tmp_path, sample_db) as bot:
        expected = ask(bot.store, JINJIANG)
        reply = await bot.say(JINJIANG)
        text = reply.params["text"]
        assert reply.params["parse_mode"] == "HTML"
        assert expected.status == "answered"
        assert text.startswith(render_html(expected))
        assert f"<b>{escape(figure(expected.best))}</b>" in text
        assert escape(source(expected.best)) in text
        assert f"start=f_{expected.best.fact_id}" in text
        votes = buttons(reply)
        assert [b["text"] for b in votes] == ["👍", "👎"]
        ack = await bot.tap(votes[0]["callback_data"], bot.sent_message(reply), method="answerCallbackQuery")
        assert "谢谢" in ack.params["text"]
        await bot.wait("editMessageReplyMarkup")
        rows = list(bot.store.db["feedback"].rows)
        assert [(r["user_id"], r["question"], r["fid"], r["vote"]) for r in rows] == \
            [(USER, JINJIANG, expected.best.fact_id, 1)]
        assert stats(bot.store).by_status == {"answered": 1}


async def test_ambiguous_question_answered_through_its_button(tmp_path: Path, sample_db: Path) -> None:
    async with running_bot(tmp_path, sample_db) as bot:
        expected = ask(bot.store, AMBIGUOUS)
        assert expected.status == "ambiguous", "pick another ambiguous question for this test"
        reply = await bot.say(AMBIGUOUS)
        assert reply.params["text"] == render_html(expected)
        choices = buttons(reply)
        assert len(choices) == len(expected.alternatives) >= 2
        assert all(len(b["callback_data"].encode()) <= 64 and b["callback_data"].isascii() for b in choices)
        chosen = expected.alternatives[-1]
        button = next(b for b in choices if b["callback_data"] == f"a:{chosen.fact_id}")
        answered = await bot.tap(button["callback_data"], bot.sent_message(reply))
        assert answered.params["text"].startswith(render_html(answer_for_fid(bot.store, chosen.fact_id,
                                                                             expected.reading)))
        assert f"<b>{escape(figure(chosen))}</b>" in answered.params["text"]
        assert chosen.report.agency in answered.params["text"]


async def test_follow_up_reuses_the_previous_question(tmp_path: Path, sample_db: Path) -> None:
    async with running_bot(tmp_path, sample_db) as bot:
        first = ask(bot.store, JINJIANG)
        await bot.say(JINJIANG)
        expected = ask(bot.store, "那2020年呢", previous=first.reading)
        assert expected.reading.year == 2020 and expected.reading.measure == first.reading.measure
        reply = await bot.say("那2020年呢")
        assert reply.params["text"].startswith(render_html(expected))
        assert "2020" in reply.params["text"]
        other = await bot.say("那2020年呢", user_id=USER + 1)  # another chat has no context
        assert other.params["text"].startswith(render_html(ask(bot.store, "那2020年呢")))


async def test_follow_up_context_expires(tmp_path: Path, sample_db: Path) -> None:
    async with running_bot(tmp_path, sample_db, followup_ttl=0.0) as bot:
        await bot.say(JINJIANG)
        await asyncio.sleep(0.05)
        reply = await bot.say("那2020年呢")
        assert reply.params["text"].startswith(render_html(ask(bot.store, "那2020年呢")))


async def test_inline_mode_offers_top_answers(tmp_path: Path, sample_db: Path) -> None:
    async with running_bot(tmp_path, sample_db) as bot:
        question = "鲤城区2024年行政许可"
        expected = ask(bot.store, question)
        mark = bot.server.mark()
        bot.server.state.inject_inline(question)
        call = await bot.wait("answerInlineQuery", since=mark)
        results = call.params["results"]
        assert 1 <= len(results) <= 5
        assert results[0]["id"] == expected.best.fact_id
        content = results[0]["input_message_content"]
        assert content["parse_mode"] == "HTML"
        assert f"<b>{escape(figure(expected.best))}</b>" in content["message_text"]
        assert not bot.server.errors()


async def test_deep_link_reproduces_a_fact(tmp_path: Path, sample_db: Path) -> None:
    async with running_bot(tmp_path, sample_db) as bot:
        fid = ask(bot.store, JINJIANG).best.fact_id
        reply = await bot.say(f"/start f_{fid}")
        assert reply.params["text"].startswith(render_html(answer_for_fid(bot.store, fid)))
        missing = await bot.say("/start f_0000000000")
        assert missing.params["text"] == txt.NOT_FOUND_FACT


async def test_markup_in_a_question_comes_back_escaped(tmp_path: Path, sample_db: Path) -> None:
    async with running_bot(tmp_path, sample_db) as bot:
        question = "<b>2024年晋江</b>依申请公开多少件<script>"
        reply = await bot.say(question)
        assert reply.status == 200 and not bot.server.errors()
        assert reply.params["text"].startswith(render_html(ask(bot.store, question)))
        assert "<script>" not in reply.params["text"] and "<b>2024" not in reply.params["text"]
        unknown = await bot.say("厦门<i>市</i>2024年&依申请公开")
        assert unknown.status == 200 and "<i>市" not in unknown.params["text"]


async def test_rate_limit_and_length_cap_are_polite(tmp_path: Path, sample_db: Path) -> None:
    async with running_bot(tmp_path, sample_db, rate_limit=3, rate_window=60) as bot:
        for _ in range(3):
            assert (await bot.say(JINJIANG)).params["text"] != txt.RATE_LIMITED
        assert (await bot.say(JINJIANG)).params["text"] == txt.RATE_LIMITED
        assert (await bot.say(JINJIANG, user_id=USER + 7)).params["text"] != txt.RATE_LIMITED
        long = await bot.say("问" * 301, user_id=USER + 8)
        assert long.params["text"] == txt.TOO_LONG.format(n=300)
        assert stats(bot.store).total == 4


async def test_groups_answer_only_mentions_and_replies(tmp_path: Path, sample_db: Path) -> None:
    async with running_bot(tmp_path, sample_db) as bot:
        group = {"chat_type": "group", "chat_id": -100555}
        bot.server.state.inject_message(JINJIANG, **group)
        mentioned = await bot.say(f"@reportbot_test_bot {JINJIANG}", **group)
        assert mentioned.params["text"].startswith(render_html(ask(bot.store, JINJIANG)))
        assert len(bot.server.calls_to("sendMessage")) == 1  # the plain message got no reply
        replied = await bot.say("那2020年呢", reply_to=bot.sent_message(mentioned), **group)
        assert "2020" in replied.params["text"]
        command = await bot.say("/reports@reportbot_test_bot", **group)
        assert "已收录的年报" in command.params["text"]


async def test_reports_lists_reports_and_missing_years(tmp_path: Path, sample_db: Path) -> None:
    async with running_bot(tmp_path, sample_db) as bot:
        reply = await bot.say("/reports")
        text = reply.params["text"]
        assert "共 5 份" in text and "缺少的年份" in text
        assert "鲤城区" in text and "2020" in text


async def test_errors_are_logged_then_apologised_for(tmp_path: Path, sample_db: Path, caplog) -> None:
    async with running_bot(tmp_path, sample_db, allow_apology=True) as bot:
        bot.store.close()  # a broken database: every question now raises
        with caplog.at_level(logging.ERROR):
            reply = await bot.say(JINJIANG)
        assert reply.params["text"] == txt.APOLOGY
        assert any(r.exc_info for r in caplog.records if r.name == "bot.telegram.handlers")
