"""Issue 9: the webhook refuses oversized bodies unread (413) and malformed JSON (400, not 500)."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

from tests.fake_bot_api import FakeBotApi
from tests.bot.telegram.test_telegram_webhook import ROOT, SECRET, TOKEN, free_port, post, wait_listening


def raw_post(url: str, body: bytes, secret: str, declared: int | None = None) -> int:
    """POST `body` declaring `declared` bytes (default: its length); the HTTP status."""
    request = urllib.request.Request(url, body, {"Content-Type": "application/json",
                                                  "X-Telegram-Bot-Api-Secret-Token": secret})
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    try:
        with opener.open(request, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as exc:
        return exc.code


def status_before_body(port: int, path: str, declared: int) -> int:
    """Send only the headers of a `declared`-byte POST; the status the server answers without the body."""
    head = (f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
            f"X-Telegram-Bot-Api-Secret-Token: {SECRET}\r\nContent-Length: {declared}\r\n\r\n")
    with socket.create_connection(("127.0.0.1", port), timeout=10) as conn:
        conn.sendall(head.encode() + b"{")
        return int(conn.recv(200).split()[1])


def test_the_webhook_caps_the_body_and_answers_400_to_malformed_json(tmp_path: Path) -> None:
    server = FakeBotApi(token=TOKEN).start()
    port = free_port()
    url = f"http://127.0.0.1:{port}/telegram/hook"
    env = {**os.environ, "TELEGRAM_BOT_TOKEN": TOKEN, "TELEGRAM_API_BASE_URL": server.base_url,
           "REPORTBOT_DB": str(tmp_path / "data" / "reportbot.db"), "REPORTBOT_WEBHOOK_URL": url,
           "REPORTBOT_WEBHOOK_PORT": str(port), "REPORTBOT_WEBHOOK_SECRET": SECRET,
           "NO_PROXY": "127.0.0.1,localhost", "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen([sys.executable, "-m", "bot", "serve"], env=env, cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        server.wait_for("setWebhook", timeout=60)
        wait_listening(port)
        assert status_before_body(port, "/telegram/hook", 50_000_000) == 413  # refused unread
        assert status_before_body(port, "/telegram/hook", 1024 * 1024 + 1) == 413  # just over 1 MB
        assert raw_post(url, b"{not json", SECRET) == 400
        assert raw_post(url, "[1, 2]".encode(), SECRET) == 400
        assert raw_post(url, b"\xff\xfe{}", SECRET) == 400
        assert raw_post(url, b"{not json", "wrong") == 403
        mark = server.mark()
        update = {"update_id": 5, "message": server.state.new_message(1001, text="2024年晋江依申请公开多少件")}
        assert post(url, update, SECRET) == 200
        reply = server.wait_for("sendMessage", since=mark, timeout=30)
        assert "20件" in reply.params["text"]
    finally:
        proc.terminate()
        output = proc.communicate(timeout=30)[0]
        server.stop()
    assert "Traceback" not in output and TOKEN.split(":")[1] not in output and SECRET not in output
