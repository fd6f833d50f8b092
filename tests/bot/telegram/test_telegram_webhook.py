"""`reportbot serve` in webhook mode: its settings, and a real run that Telegram (the fake) posts to."""
from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from bot.cli import cli
from bot.telegram.webhook import ALLOWED_UPDATES, SECRET_RE, WebhookError, webhook_config
from tests.conftest import ROOT
from tests.fake_bot_api import FakeBotApi
from tests.fake_bot_checks import BadRequest, html_text

TOKEN = "987654:WEBHOOK-secret-token"
SECRET = "hook_Secret-42"
URL = "https://bot.example.org/telegram"


@pytest.mark.parametrize(("env", "variable"), [
    ({"REPORTBOT_WEBHOOK_URL": "bot.example.org/telegram"}, "REPORTBOT_WEBHOOK_URL"),
    ({"REPORTBOT_WEBHOOK_URL": "ftp://bot.example.org/x"}, "REPORTBOT_WEBHOOK_URL"),
    ({"REPORTBOT_WEBHOOK_URL": "https://"}, "REPORTBOT_WEBHOOK_URL"),
    ({"REPORTBOT_WEBHOOK_URL": "https://bot.example.org:99999/x"}, "REPORTBOT_WEBHOOK_URL"),
    ({"REPORTBOT_WEBHOOK_URL": "https://bot.example.org/a b"}, "REPORTBOT_WEBHOOK_URL"),
    ({"REPORTBOT_WEBHOOK_URL": "http://bot.example.org/telegram"}, "REPORTBOT_WEBHOOK_URL"),
    ({"REPORTBOT_WEBHOOK_URL": "https://bot.example.org:8080/telegram"}, "REPORTBOT_WEBHOOK_URL"),
    ({"REPORTBOT_WEBHOOK_URL": URL, "REPORTBOT_WEBHOOK_PORT": "https"}, "REPORTBOT_WEBHOOK_PORT"),
    ({"REPORTBOT_WEBHOOK_URL": URL, "REPORTBOT_WEBHOOK_PORT": "0"}, "REPORTBOT_WEBHOOK_PORT"),
    ({"REPORTBOT_WEBHOOK_URL": URL, "REPORTBOT_WEBHOOK_PORT": "70000"}, "REPORTBOT_WEBHOOK_PORT"),
    ({"REPORTBOT_WEBHOOK_URL": URL, "REPORTBOT_WEBHOOK_SECRET": "has space"}, "REPORTBOT_WEBHOOK_SECRET"),
    ({"REPORTBOT_WEBHOOK_URL": URL, "REPORTBOT_WEBHOOK_LISTEN": "http://0.0.0.0"}, "REPORTBOT_WEBHOOK_LISTEN"),
])
def test_bad_webhook_settings_exit_2_naming_the_variable(tmp_path: Path, env: dict[str, str], variable: str) -> None:
    result = CliRunner().invoke(cli, ["serve", "--db", str(tmp_path / "x.db")], env={"TELEGRAM_BOT_TOKEN": TOKEN, **env})
    assert result.exit_code == 2, result.output
    assert variable in result.output and "Traceback" not in result.output
    assert not (tmp_path / "x.db").exists()


def test_webhook_settings_and_their_defaults() -> None:
    assert webhook_config({}) is None and webhook_config({"REPORTBOT_WEBHOOK_URL": "  "}) is None
    config = webhook_config({"REPORTBOT_WEBHOOK_URL": URL})
    assert config is not None
    assert (config.listen, config.port, config.url_path) == ("127.0.0.1", 8443, "/telegram")
    assert config.secret_generated and SECRET_RE.fullmatch(config.secret) and len(config.secret) >= 32
    assert webhook_config({"REPORTBOT_WEBHOOK_URL": URL}).secret != config.secret  # type: ignore[union-attr]
    assert config.secret not in config.describe()
    bare = webhook_config({"REPORTBOT_WEBHOOK_URL": "https://bot.example.org", "REPORTBOT_WEBHOOK_PORT": "88",
                           "REPORTBOT_WEBHOOK_LISTEN": "0.0.0.0", "REPORTBOT_WEBHOOK_SECRET": SECRET})
    assert bare is not None and (bare.url_path, bare.port, bare.listen, bare.secret) == ("/", 88, "0.0.0.0", SECRET)
    assert not bare.secret_generated
    with pytest.raises(WebhookError):
        webhook_config({"REPORTBOT_WEBHOOK_URL": URL, "REPORTBOT_WEBHOOK_SECRET": "x" * 257})
    local = {"REPORTBOT_WEBHOOK_URL": "http://127.0.0.1:9000/h", "TELEGRAM_API_BASE_URL": "http://127.0.0.1:8081/bot"}
    assert webhook_config(local).url == local["REPORTBOT_WEBHOOK_URL"]  # type: ignore[union-attr]


def test_fake_server_refuses_getupdates_while_a_webhook_is_set() -> None:
    server = FakeBotApi()
    assert server.webhook_call("setWebhook", {"url": URL, "secret_token": SECRET}) is True
    assert server.webhook_call("getWebhookInfo", {})["url"] == URL
    with pytest.raises(BadRequest) as exc:
        server.webhook_call("getUpdates", {})
    assert exc.value.code == 409
    server.webhook_call("deleteWebhook", {})
    assert server.webhook_call("getUpdates", {}) is None and not server.webhook
    server.server_close()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def post(url: str, update: dict[str, Any], secret: str | None) -> int:
    """POST an update as Telegram does; the HTTP status."""
    headers = {"Content-Type": "application/json"}
    if secret is not None:
        headers["X-Telegram-Bot-Api-Secret-Token"] = secret
    request = urllib.request.Request(url, json.dumps(update, ensure_ascii=False).encode(), headers)
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    try:
        with opener.open(request, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as exc:
        return exc.code


def wait_listening(port: int, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)


def test_serve_in_webhook_mode_answers_posted_updates_and_rejects_a_wrong_secret(tmp_path: Path) -> None:
    server = FakeBotApi(token=TOKEN).start()
    port = free_port()
    url = f"http://127.0.0.1:{port}/telegram/hook"
    env = {**os.environ, "TELEGRAM_BOT_TOKEN": TOKEN, "TELEGRAM_API_BASE_URL": server.base_url,
           "REPORTBOT_DB": str(tmp_path / "data" / "reportbot.db"), "REPORTBOT_WEBHOOK_URL": url,
           "REPORTBOT_WEBHOOK_LISTEN": "127.0.0.1", "REPORTBOT_WEBHOOK_PORT": str(port),
           "REPORTBOT_WEBHOOK_SECRET": SECRET, "NO_PROXY": "127.0.0.1,localhost", "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen([sys.executable, "-m", "bot", "serve"], env=env, cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        hook = server.wait_for("setWebhook", timeout=60).params
        assert (hook["url"], hook["secret_token"], hook["allowed_updates"]) == (url, SECRET, ALLOWED_UPDATES)
        wait_listening(port)
        mark = server.mark()
        intruder = {"update_id": 1, "message": server.state.new_message(1002, text="2024年晋江依申请公开多少件")}
        assert post(url, intruder, "wrong-secret") == 403
        assert post(url, intruder, None) == 403
        assert post(url.replace("/hook", "/other"), intruder, SECRET) == 404
        update = {"update_id": 2, "message": server.state.new_message(1001, text="2024年晋江依申请公开多少件")}
        assert post(url, update, SECRET) == 200
        reply = server.wait_for("sendMessage", since=mark, timeout=30)
        assert int(reply.params["chat_id"]) == 1001 and "20件" in html_text(reply.params["text"])
        time.sleep(0.5)
        assert [int(c.params["chat_id"]) for c in server.calls_to("sendMessage", since=mark)] == [1001]
        assert not server.calls_to("getUpdates") and server.calls_to("setMyCommands")
    finally:
        proc.terminate()
        output = proc.communicate(timeout=30)[0]
        server.stop()
    assert "webhook mode" in output and "Application started" in output
    assert TOKEN.split(":")[1] not in output and SECRET not in output


def test_a_taken_webhook_port_is_a_clear_error_with_exit_status_2(tmp_path: Path) -> None:
    server = FakeBotApi(token=TOKEN).start()
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        env = {**os.environ, "TELEGRAM_BOT_TOKEN": TOKEN, "TELEGRAM_API_BASE_URL": server.base_url,
               "REPORTBOT_DB": str(tmp_path / "reportbot.db"), "REPORTBOT_WEBHOOK_URL": f"http://127.0.0.1:{port}/h",
               "REPORTBOT_WEBHOOK_PORT": str(port), "NO_PROXY": "127.0.0.1,localhost", "PYTHONPATH": str(ROOT)}
        try:
            done = subprocess.run([sys.executable, "-m", "bot", "serve"], env=env, cwd=ROOT, timeout=90,
                                  capture_output=True, text=True)
        finally:
            server.stop()
    assert done.returncode == 2 and f"127.0.0.1:{port}" in done.stderr and "Traceback" not in done.stderr
