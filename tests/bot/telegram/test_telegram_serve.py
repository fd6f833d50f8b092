"""`reportbot serve`: configuration errors, a real run against the fake server, and the fake itself."""
from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from bot.cli import cli
from tests.conftest import ROOT
from tests.fake_bot_api import FakeBotApi
from tests.fake_bot_checks import BadRequest, check_call, html_text

TOKEN = "987654:SERVE-secret-token"


def test_missing_token_is_a_clear_error_with_exit_status_2(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["serve", "--db", str(tmp_path / "x.db")], env={"TELEGRAM_BOT_TOKEN": ""})
    assert result.exit_code == 2
    assert "TELEGRAM_BOT_TOKEN" in result.output
    assert not (tmp_path / "x.db").exists()


def test_bad_admin_ids_exit_2(tmp_path: Path) -> None:
    env = {"TELEGRAM_BOT_TOKEN": TOKEN, "REPORTBOT_ADMIN_IDS": "12,abc"}
    result = CliRunner().invoke(cli, ["serve", "--db", str(tmp_path / "x.db")], env=env)
    assert result.exit_code == 2 and "REPORTBOT_ADMIN_IDS" in result.output


def test_webhook_mode_without_the_extra_exit_2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # a broken install without tornado: simulated, since the webhooks extra is a dependency
    real_find_spec = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec",
                        lambda name, *a: None if name == "tornado" else real_find_spec(name, *a))
    env = {"TELEGRAM_BOT_TOKEN": TOKEN, "REPORTBOT_WEBHOOK_URL": "https://bot.example.org/telegram"}
    result = CliRunner().invoke(cli, ["serve", "--db", str(tmp_path / "x.db")], env=env)
    assert result.exit_code == 2 and "webhooks" in result.output


def test_serve_answers_through_the_fake_server_and_never_logs_the_token(tmp_path: Path) -> None:
    server = FakeBotApi(token=TOKEN).start()
    env = {**os.environ, "TELEGRAM_BOT_TOKEN": TOKEN, "TELEGRAM_API_BASE_URL": server.base_url,
           "REPORTBOT_DB": str(tmp_path / "data" / "reportbot.db"), "REPORTBOT_ADMIN_IDS": "4242",
           "NO_PROXY": "127.0.0.1,localhost", "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen([sys.executable, "-m", "bot", "serve"], env=env, cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        server.wait_for("getUpdates", timeout=60)
        mark = server.mark()
        server.state.inject_message("2024年晋江依申请公开多少件", user_id=1001)
        reply = server.wait_for("sendMessage", since=mark, timeout=30)
        assert reply.params["text"].startswith("<b>")
        assert server.calls_to("setMyCommands")
        assert (tmp_path / "data" / "reports").is_dir()  # the default report folder, seeded
    finally:
        proc.terminate()
        output = proc.communicate(timeout=30)[0]
        server.stop()
    assert "Application started" in output
    assert TOKEN not in output and TOKEN.split(":")[1] not in output


@pytest.mark.parametrize("markup", ["<b>未闭合", "a < b", "<div>x</div>", "<b><i>x</b></i>", "AT&T"])
def test_fake_server_rejects_what_telegram_rejects(markup: str) -> None:
    with pytest.raises(BadRequest):
        html_text(markup)


def test_fake_server_limits() -> None:
    assert html_text("<b>20件</b> &lt;b&gt; <a href=\"https://t.me/x?start=f_1\">分享</a>") == "20件 <b> 分享"
    with pytest.raises(BadRequest):
        check_call("sendMessage", {"chat_id": "1", "text": "字" * 4097})
    check_call("sendMessage", {"chat_id": "1", "text": "<b>" + "字" * 4096 + "</b>", "parse_mode": "HTML"})
    button = {"text": "x", "callback_data": "a:" + "1" * 63}
    with pytest.raises(BadRequest):
        check_call("sendMessage", {"chat_id": "1", "text": "x", "reply_markup": {"inline_keyboard": [[button]]}})


def test_fake_server_long_poll_honours_offset() -> None:
    server = FakeBotApi().start()
    try:
        first = server.state.inject_message("一")
        server.state.inject_message("二")
        got = server.state.get_updates(offset=0, timeout=0)
        assert [u["message"]["text"] for u in got] == ["一", "二"]
        rest = server.state.get_updates(offset=got[0]["update_id"] + 1, timeout=0)
        assert [u["message"]["text"] for u in rest] == ["二"] and first["text"] == "一"
        started = time.monotonic()
        assert server.state.get_updates(offset=rest[0]["update_id"] + 1, timeout=0.3) == []
        assert time.monotonic() - started >= 0.25
    finally:
        server.stop()
