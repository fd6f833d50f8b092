"""The reportbot CLI through click's CliRunner: batch stdin, JSON, load errors, help."""
from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from bot.cli import cli
from knowledge import Store, bundled_corpus
from tests.conftest import reportbot_cmd


@pytest.fixture()
def db(sample_db: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "cli.db"
    shutil.copy(sample_db, copy)
    return copy


def test_every_command_has_help() -> None:
    runner = CliRunner()
    for name in cli.commands:
        result = runner.invoke(cli, [name, "--help"])
        assert result.exit_code == 0, name
        assert "Usage" in result.output


def test_ask_one_question_text(db: Path) -> None:
    result = CliRunner().invoke(cli, ["ask", "--db", str(db), "2024年晋江依申请公开多少件"])
    assert result.exit_code == 0
    first = result.output.splitlines()[0]
    assert first == "20件"
    assert "一、总体情况 › （二）依申请公开情况" in result.output
    assert "已理解为：晋江市人民政府办公室 · 2024年" in result.output


def test_ask_batch_from_stdin_json(db: Path) -> None:
    questions = "2024年晋江依申请公开多少件\n\n厦门市2024年行政许可多少\n鲤城区2024年行政许可处理决定数量\n"
    result = CliRunner().invoke(cli, ["ask", "--json", "--db", str(db)], input=questions)
    assert result.exit_code == 0
    lines = [json.loads(x) for x in result.output.splitlines()]
    assert [x["status"] for x in lines] == ["answered", "not_found", "answered"]
    assert lines[1]["answer"] is None and "厦门市" in lines[1]["text"]
    assert lines[2]["answer"]["value"] == "56200" and lines[2]["answer"]["kind"] == "table"
    assert "表二" in lines[2]["answer"]["quote"]


def test_fresh_database_answers_from_bundled_reports(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["ask", "--json", "--db", str(tmp_path / "new.db"), "金井镇2022年行政处罚多少件"])
    assert json.loads(result.stdout)["answer"]["value"] == "0"
    assert "样例年报" in result.stderr  # it says so


def test_an_existing_empty_database_is_not_filled_with_samples(tmp_path: Path) -> None:
    """A production database left empty by a failed first load stays empty and says what to do."""
    db = tmp_path / "prod.db"
    Store(db).close()
    result = CliRunner().invoke(cli, ["ask", "--json", "--db", str(db), "金井镇2022年行政处罚多少件"])
    got = json.loads(result.stdout)
    assert got["status"] == "not_found" and "还没有加载任何年报" in got["text"]
    assert "样例" not in result.stderr


def test_ask_json_lines_survive_line_readers_and_bad_bytes(tmp_path: Path) -> None:
    """Invalid UTF-8 and U+2028/U+0085 in questions still give one valid JSON line per question."""
    cmd = [*reportbot_cmd(), "ask", "--json", "--db", str(tmp_path / "j.db")]
    raw = "你好\n".encode() + b"\xff\xfe\n" + "2024年晋江\u2028依申请公开\u0085多少件\n".encode()
    out = subprocess.run(cmd, input=raw, capture_output=True, timeout=120).stdout
    text = out.decode("utf-8")  # valid UTF-8
    lines = text.splitlines()  # Python splits on U+2028 and U+0085 too
    assert len(lines) == 3 and all(json.loads(line)["question"] is not None for line in lines)


def test_load_reports_failures_and_still_loads_good_files(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(bundled_corpus() / "003_5740ebcb6cddfa85.txt", folder / "lc.txt")
    (folder / "broken.txt").write_bytes(b"\x00\xff\x00 not text")
    (folder / "empty.md").write_bytes(b"")
    db = tmp_path / "l.db"
    result = CliRunner().invoke(cli, ["load", "--db", str(db), str(folder)])
    assert result.exit_code == 1
    assert "broken.txt" in result.output and "empty.md" in result.output
    listing = CliRunner().invoke(cli, ["reports", "--db", str(db)])
    assert "鲤城区" in listing.output and "共 1 份报告" in listing.output
    again = CliRunner().invoke(cli, ["load", "--db", str(db), str(folder / "lc.txt")])
    assert again.exit_code == 0 and "未变化 1 个" in again.output


def test_load_replace_rebuilds_from_given_files(db: Path) -> None:
    result = CliRunner().invoke(cli, ["load", "--replace", "--db", str(db), str(bundled_corpus() / "004_3a640c0e6a422263.txt")])
    assert result.exit_code == 0
    listing = CliRunner().invoke(cli, ["reports", "--db", str(db)])
    assert "共 1 份报告" in listing.output and "金井镇" in listing.output


def test_chat_follows_up(db: Path) -> None:
    result = CliRunner().invoke(cli, ["chat", "--db", str(db)], input="2024年晋江依申请公开多少件\n那2020年呢\n/quit\n")
    assert result.exit_code == 0
    replies = result.output.split("\n\n")
    assert replies[0].startswith("20件")
    assert "2020年" in replies[1] and "晋江市人民政府 · 2020年" in replies[1]


def test_reports_coverage_grid(sample_db: Path) -> None:
    result = CliRunner().invoke(cli, ["reports", "--coverage", "--db", str(sample_db)])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert "2020" in lines[0] and "2024" in lines[0]
    row = next(line for line in lines if line.startswith("鲤城区"))
    assert row.count("●") == 1 and row.count("·") == len(lines[0].split()) - 2
    assert lines[-1].endswith("5 份年报，4 个年份。") or "5 份年报" in lines[-1]
