"""Issue 9: `serve` start-up failures are one line without the token (exit status 2)."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT
from tests.fake_bot_api import FakeBotApi

TOKEN = "987654:REJECTED-secret-token"


def test_a_token_telegram_rejects_is_one_line_without_the_token(tmp_path: Path) -> None:
    server = FakeBotApi(token="111111:the-only-token-it-accepts").start()  # answers 401 to any other
    env = {**os.environ, "TELEGRAM_BOT_TOKEN": TOKEN, "TELEGRAM_API_BASE_URL": server.base_url,
           "REPORTBOT_DB": str(tmp_path / "reportbot.db"), "NO_PROXY": "127.0.0.1,localhost",
           "PYTHONPATH": str(ROOT)}
    try:
        done = subprocess.run([sys.executable, "-m", "bot", "serve"], env=env, cwd=ROOT, timeout=90,
                              capture_output=True, text=True)
    finally:
        server.stop()
    assert [c.status for c in server.calls_to("getMe")] == [401]
    output = done.stdout + done.stderr
    assert done.returncode == 2, output
    assert TOKEN not in output and TOKEN.split(":")[1] not in output
    lines = output.strip().splitlines()
    assert len(lines) == 1 and "TELEGRAM_BOT_TOKEN" in lines[0] and "Traceback" not in output, output


def test_an_unreachable_bot_api_is_one_line_too(tmp_path: Path) -> None:
    env = {**os.environ, "TELEGRAM_BOT_TOKEN": TOKEN, "TELEGRAM_API_BASE_URL": "http://127.0.0.1:9/bot",
           "REPORTBOT_DB": str(tmp_path / "reportbot.db"), "NO_PROXY": "127.0.0.1,localhost",
           "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-m", "bot", "serve"], env=env, cwd=ROOT, timeout=90,
                          capture_output=True, text=True)
    output = done.stdout + done.stderr
    assert done.returncode == 2 and len(output.strip().splitlines()) == 1, output
    assert TOKEN.split(":")[1] not in output


def test_a_database_that_cannot_be_opened_is_one_line_too(tmp_path: Path) -> None:
    server = FakeBotApi(token=TOKEN).start()
    folder = tmp_path / "a-folder.db"
    folder.mkdir()
    env = {**os.environ, "TELEGRAM_BOT_TOKEN": TOKEN, "TELEGRAM_API_BASE_URL": server.base_url,
           "REPORTBOT_DB": str(folder), "NO_PROXY": "127.0.0.1,localhost", "PYTHONPATH": str(ROOT)}
    try:
        done = subprocess.run([sys.executable, "-m", "bot", "serve"], env=env, cwd=ROOT, timeout=90,
                              capture_output=True, text=True)
    finally:
        server.stop()
    output = done.stdout + done.stderr
    assert done.returncode == 2 and output.strip().splitlines() == [output.strip()], output
    assert str(folder) in output and TOKEN.split(":")[1] not in output
