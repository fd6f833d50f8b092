"""End to end on Telegram: chat help, unknown commands, overview cards and yes/no questions.

The real Application runs against the fake Bot API, which rejects malformed HTML as Telegram
does. Expected replies come from knowledge.ask rendered with bot.render.reply, so these tests check the
Telegram layer (routing, keyboards, context, escaping), not the knowledge layer's wording.
"""
from __future__ import annotations

from html import escape
from pathlib import Path

import pytest

from bot.render.reply import figure, render_html
from bot.telegram import text as txt
from knowledge import ask
from tests.fake_bot_checks import html_text
from tests.bot.telegram.telegram_harness import ADMIN, USER, buttons, running_bot

JINJIANG = "2024年晋江依申请公开多少件"
OVERVIEW = "晋江市人民政府办公室2024年政府信息公开情况怎么样"
GROUP = {"chat_type": "group", "chat_id": -100777}


async def test_a_greeting_gets_help_naming_reports_and_examples(tmp_path: Path, sample_db: Path) -> None:
    async with running_bot(tmp_path, sample_db) as bot:
        expected = ask(bot.store, "你好")
        assert expected.intent == "chat"
        reply = await bot.say("你好")
        text = reply.params["text"]
        assert reply.status == 200 and text == render_html(expected)
        reports = bot.store.catalog()
        assert f"已收录 {len(reports)} 份年报" in text
        examples = txt.examples(reports)
        assert examples and all(escape(q) in text for q in examples)
        taps = buttons(reply)
        assert [b["callback_data"] for b in taps] == [f"ex:{i}" for i in range(len(examples))]  # no 👍/👎
        answered = await bot.tap(taps[0]["callback_data"], bot.sent_message(reply))
        assert answered.params["text"] == f"问：{examples[0]}"
        assert not bot.server.errors()


async def test_unknown_commands_get_the_help_reply(tmp_path: Path, sample_db: Path) -> None:
    async with running_bot(tmp_path, sample_db) as bot:
        for command in ("/foo", "/天气"):
            reply = await bot.say(command)
            assert html_text(reply.params["text"]).startswith(f"不认识命令「{command}」")
            assert reply.params["text"] == render_html(ask(bot.store, command))
        addressed = await bot.say("/foo@reportbot_test_bot 2024")
        assert html_text(addressed.params["text"]).startswith("不认识命令「/foo」")
        assert not bot.server.errors()


async def test_known_commands_still_reach_their_own_handlers(tmp_path: Path, sample_db: Path) -> None:
    async with running_bot(tmp_path, sample_db) as bot:
        assert "怎么读答案" in (await bot.say("/start")).params["text"]
        assert "怎么读答案" in (await bot.say("/help")).params["text"]
        assert "已收录的年报" in (await bot.say("/reports")).params["text"]
        assert (await bot.say("/reload")).params["text"] == txt.REFUSE_ADMIN
        assert (await bot.say("/stats")).params["text"] == txt.REFUSE_ADMIN
        assert "个问题" in (await bot.say("/stats", user_id=ADMIN)).params["text"]
        replies = [c.params["text"] for c in bot.server.calls_to("sendMessage")]
        assert not any("不认识命令" in t for t in replies)


async def test_groups_ignore_unknown_commands_not_addressed_to_the_bot(tmp_path: Path, sample_db: Path) -> None:
    async with running_bot(tmp_path, sample_db) as bot:
        bot.server.state.inject_message("/foo", **GROUP)
        bot.server.state.inject_message("/foo@some_other_bot", **GROUP)
        bot.server.state.inject_message("/foo@some_other_bot", user_id=USER + 1)  # private, another bot's
        bot.server.state.inject_message("/foo@reportbot_test_bot", **GROUP)
        # each user's updates run in order (users in parallel): a reply to a later message of the
        # same user means every earlier one of that user was handled
        await bot.say("/foo", user_id=USER)
        await bot.say("/foo", user_id=USER + 1)
        sent = bot.server.calls_to("sendMessage")
        assert sorted(int(c.params["chat_id"]) for c in sent) == sorted([GROUP["chat_id"], USER, USER + 1])
        assert all(html_text(c.params["text"]).startswith("不认识命令「/foo」") for c in sent)


async def test_a_chat_message_keeps_the_follow_up_context(tmp_path: Path, sample_db: Path) -> None:
    async with running_bot(tmp_path, sample_db) as bot:
        first = ask(bot.store, JINJIANG)
        await bot.say(JINJIANG)
        assert html_text((await bot.say("谢谢")).params["text"]).startswith("不客气")
        reply = await bot.say("那2020年呢")
        assert reply.params["text"].startswith(render_html(ask(bot.store, "那2020年呢", previous=first.reading)))
        assert "2020" in reply.params["text"]


async def test_an_overview_question_gets_a_card(tmp_path: Path, sample_db: Path) -> None:
    async with running_bot(tmp_path, sample_db) as bot:
        expected = ask(bot.store, OVERVIEW)
        assert expected.intent == "overview" and expected.status == "answered" and expected.best is None
        reply = await bot.say(OVERVIEW)
        text = reply.params["text"]
        assert reply.status == 200 and text == render_html(expected)
        shown = html_text(text)
        assert "本年新收申请" in shown
        assert len(expected.points) >= 3
        assert all(f"{p.fact.label}：{figure(p)}" in shown for p in expected.points)
        assert expected.points[0].report.title in shown
        assert "reply_markup" not in reply.params  # nothing to vote on, no candidates
        assert not bot.server.errors()


@pytest.mark.parametrize(("question", "yes"), [
    ("金井镇2022年行政许可是不是0件？", True),
    ("晋江市人民政府办公室2024年行政复议总计是不是5件？", False),
    ("晋江市人民政府办公室2024年行政复议是不是5件？", False),
])
async def test_a_yes_no_question_answers_yes_or_no(tmp_path: Path, sample_db: Path, question: str,
                                                   yes: bool) -> None:
    async with running_bot(tmp_path, sample_db) as bot:
        expected = ask(bot.store, question)
        assert expected.status == "answered" and expected.best is not None
        asserted = question.split("是不是")[1].rstrip("件？")
        assert (expected.best.fact.value == asserted) is yes  # the data, not the wording, decides
        assert expected.verdict is yes
        reply = await bot.say(question)
        shown = html_text(reply.params["text"])
        assert reply.params["text"].startswith(render_html(expected))
        assert shown.startswith(f"是，{figure(expected.best)}" if yes else f"不是，是{figure(expected.best)}")
        assert [b["text"] for b in buttons(reply)] == ["👍", "👎"]
        assert f"start=f_{expected.best.fact_id}" in reply.params["text"]
