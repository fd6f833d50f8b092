"""Telegram: a series or a ranking goes out as a chart (sendPhoto, a PNG) captioned with its cited
figures; /coverage shows agencies × years; the fake Bot API holds photos to Telegram's rules.

Expected captions come from knowledge.ask rendered with bot.render.reply, so these tests check the
Telegram layer (which answers get a photo, the caption rule, the grid), not the analysis itself.
"""
from __future__ import annotations

import shutil
from html import escape
from pathlib import Path

import pytest
import telegram
from telegram.error import BadRequest

from bot.render.charts import chart_png
from bot.render.coverage import coverage_lines, coverage_summary
from bot.render.reply import figure, render_html
from bot.telegram import text as txt
from knowledge import Store, ask, load_paths
from tests.conftest import shared_path
from tests.fake_bot_checks import PNG_SIGNATURE, html_text
from tests.bot.telegram.telegram_harness import USER, buttons, running_bot

SERIES = "平潭综合实验区历年收到的政府信息公开申请数量分别是多少？"
RANKING = "2024年各机关行政处罚处理决定数量排名"
FACT = "2024年晋江依申请公开多少件"


@pytest.fixture(scope="module")
def real_db(tmp_path_factory: pytest.TempPathFactory, sample_db: Path) -> Path:
    """The sample reports plus the real Pingtan reports of ../shared."""
    reports = shared_path("real", "reports")
    path = tmp_path_factory.mktemp("real") / "real.db"
    shutil.copy(sample_db, path)
    store = Store(path)
    result = load_paths(store, [reports])
    store.close()
    assert not result.failed, result.failed
    return path


def photo_of(call) -> bytes:  # noqa: ANN001 - a fake_bot_api.Call
    """The PNG the bot uploaded in a sendPhoto call."""
    return call.params["photo"].data


async def test_a_series_gets_a_chart_captioned_with_its_cited_figures(tmp_path: Path, real_db: Path) -> None:
    async with running_bot(tmp_path, real_db) as bot:
        expected = ask(bot.store, SERIES)
        assert expected.status == "answered" and expected.intent == "series" and len(expected.points) >= 2
        reply = await bot.say(SERIES, method="sendPhoto")
        assert reply.status == 200
        assert photo_of(reply).startswith(PNG_SIGNATURE)
        caption = reply.params["caption"]
        assert reply.params["parse_mode"] == "HTML"
        assert caption.startswith(render_html(expected))
        shown = html_text(caption)
        for p in expected.points:  # every year's cited figure, with the year
            assert f"{p.report.year}年" in shown and figure(p) in shown
        sent = telegram.Message.de_json(reply.result, bot.app.bot)  # as PTB reads Telegram's answer
        assert sent.photo and sent.photo[-1].width > sent.photo[0].width
        assert sent.caption == shown
        assert not bot.server.calls_to("sendMessage")  # the caption carries the whole reply
        assert not bot.server.errors()


async def test_a_ranking_gets_bars_and_a_fact_stays_text(tmp_path: Path, sample_db: Path) -> None:
    async with running_bot(tmp_path, sample_db) as bot:
        expected = ask(bot.store, RANKING)
        assert expected.status == "answered" and expected.intent == "ranking" and len(expected.points) >= 2
        reply = await bot.say(RANKING, method="sendPhoto")
        assert photo_of(reply).startswith(PNG_SIGNATURE)
        assert reply.params["caption"].startswith(render_html(expected))
        shown = html_text(reply.params["caption"])
        assert all(p.report.agency in shown and figure(p) in shown for p in expected.points)
        fact = await bot.say(FACT)
        assert fact.params["text"].startswith(render_html(ask(bot.store, FACT)))
        assert len(bot.server.calls_to("sendPhoto")) == 1
        assert not bot.server.errors()


async def test_a_reply_too_long_for_a_caption_follows_the_chart(tmp_path: Path, sample_db: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(txt, "MAX_CAPTION", 40)  # the sample ranking's reply is longer than 40 characters
    async with running_bot(tmp_path, sample_db) as bot:
        expected = ask(bot.store, RANKING)
        assert txt.visible_length(render_html(expected)) > 40
        mark = bot.server.mark()
        photo = await bot.say(RANKING, method="sendPhoto")
        text = await bot.wait("sendMessage", since=mark)
        assert html_text(photo.params["caption"]).startswith("2024年「")
        assert "下一条消息" in photo.params["caption"] and len(html_text(photo.params["caption"])) <= 40
        assert text.params["text"].startswith(render_html(expected))
        assert bot.server.calls.index(photo) < bot.server.calls.index(text)  # chart first, then the figures
        assert not bot.server.errors()


async def test_the_fake_bot_api_refuses_captions_over_1024_characters(tmp_path: Path, sample_db: Path) -> None:
    async with running_bot(tmp_path, sample_db) as bot:
        answer = ask(bot.store, RANKING)
        png = chart_png(answer)
        with pytest.raises(BadRequest, match="caption is too long"):
            await bot.app.bot.send_photo(USER, png, caption="年" * 1025)
        with pytest.raises(BadRequest, match="(?i)image_process_failed"):
            await bot.app.bot.send_photo(USER, b"not a picture", caption="x")
        sent = await bot.app.bot.send_photo(USER, png, caption="<b>年</b>" * 1024, parse_mode="HTML")
        assert sent.caption == "年" * 1024 and sent.photo  # 1024 characters shown: accepted
        assert [c.status for c in bot.server.calls_to("sendPhoto")] == [400, 400, 200]


async def test_coverage_shows_agencies_by_years(tmp_path: Path, sample_db: Path) -> None:
    async with running_bot(tmp_path, sample_db) as bot:
        commands = bot.server.calls_to("setMyCommands")[0].params["commands"]
        assert "coverage" in {c["command"] for c in commands}
        reports = bot.store.reports()
        reply = await bot.say("/coverage")
        text = reply.params["text"]
        assert reply.params["parse_mode"] == "HTML"
        grid = "\n".join(coverage_lines(reports))
        assert f"<pre>{escape(grid)}</pre>" in text
        assert coverage_summary(reports) in html_text(text)
        assert "●" in text and "·" in text  # the samples have gaps
        assert {r.agency for r in reports} <= {line.split()[0] for line in grid.splitlines()[1:]}
        assert not buttons(reply)  # five samples fit one page
        assert not bot.server.errors()


async def test_a_long_coverage_grid_is_paged(tmp_path: Path, sample_db: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(txt, "COVERAGE_ROWS_PER_PAGE", 2)
    async with running_bot(tmp_path, sample_db) as bot:
        reports = bot.store.reports()
        header, *rows = coverage_lines(reports)
        assert len(rows) > 2
        first = await bot.say("/coverage")
        assert "第 1/" in first.params["text"]
        assert escape("\n".join([header, *rows[:2]])) in first.params["text"]
        assert [b["callback_data"] for b in buttons(first)] == ["cv:1"]
        page = await bot.tap("cv:1", bot.sent_message(first), method="editMessageText")
        assert escape("\n".join([header, *rows[2:4]])) in page.params["text"] and "第 2/" in page.params["text"]
        assert "cv:0" in [b["callback_data"] for b in buttons(page)]
        assert not bot.server.errors()
