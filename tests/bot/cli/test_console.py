"""`reportbot chat`: a number after an ambiguous reply picks that candidate; follow-ups build on the pick.

Expected replies come from knowledge.ask / answer_for_fid rendered with bot.render.reply, so these tests
check the console's state (picks, ranges, context), not the matcher.
"""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from bot.cli import cli
from bot.cli.console import picked_number
from bot.render.reply import figure, render_text
from knowledge import Answer, Store, ask
from knowledge.answer.share import answer_for_fid
from tests.conftest import reportbot_cmd

AMBIGUOUS = "2024年行政许可处理决定数量是多少"
JINJIANG = "2024年晋江依申请公开多少件"


@pytest.fixture()
def db(sample_db: Path, tmp_path: Path) -> Path:
    """A private copy of the sample database for the console to open."""
    copy = tmp_path / "console.db"
    shutil.copy(sample_db, copy)
    return copy


def chat(db: Path, *lines: str) -> list[str]:
    """Run `reportbot chat` (in process) on these lines; one reply per line."""
    result = CliRunner().invoke(cli, ["chat", "--db", str(db)], input="\n".join([*lines, "/quit"]) + "\n")
    assert result.exit_code == 0, result.output
    replies = result.output.rstrip("\n").split("\n\n")
    assert len(replies) == len(lines), replies
    return replies


def ambiguous(store: Store) -> Answer:
    """The sample question that lists several numbered candidates."""
    answer = ask(store, AMBIGUOUS)
    assert answer.status == "ambiguous" and len(answer.alternatives) >= 2, \
        "pick another ambiguous question for these tests"
    return answer


@pytest.mark.parametrize(("line", "number"), [("3", 3), (" 3 ", 3), ("３", 3), ("第3个", 3), ("第 2 项", 2),
                                              ("第三个", 3), ("2.", 2), ("12", 12)])
def test_a_pick_is_read_from_digits_or_ordinals(line: str, number: int) -> None:
    assert picked_number(line) == number


@pytest.mark.parametrize("line", ["2024", "那2020年呢", "第3季度", "3件", "三", ""])
def test_a_question_is_not_a_pick(line: str) -> None:
    assert picked_number(line) is None


def test_a_number_picks_that_candidate_and_follow_ups_build_on_it(db: Path, sample_store: Store) -> None:
    first = ambiguous(sample_store)
    chosen = first.alternatives[1]
    picked = answer_for_fid(sample_store, chosen.fact_id, first.reading)
    follow = ask(sample_store, "那2020年呢", previous=picked.reading)
    replies = chat(db, AMBIGUOUS, "2", "那2020年呢")
    assert replies[0] == render_text(first)
    assert f"\n2. {figure(chosen)}" in replies[0]
    assert replies[1] == render_text(picked)
    assert replies[1].startswith(figure(chosen)) and chosen.report.agency in replies[1]
    assert replies[2] == render_text(follow)
    assert follow.reading.year == 2020 and follow.reading.agencies == (chosen.report.agency,)
    assert f"{chosen.report.agency} · 2020年" in replies[2]


def test_ordinal_pick_after_an_out_of_range_number(db: Path, sample_store: Store) -> None:
    first = ambiguous(sample_store)
    n = len(first.alternatives)
    replies = chat(db, AMBIGUOUS, "9", "第1个")
    assert "没有第 9 项" in replies[1] and f"1–{n}" in replies[1]
    assert replies[2] == render_text(answer_for_fid(sample_store, first.alternatives[0].fact_id, first.reading))


def test_a_number_without_candidates_is_a_question(db: Path, sample_store: Store) -> None:
    first = ask(sample_store, JINJIANG)
    assert first.status == "answered"
    replies = chat(db, "3", JINJIANG, "2")
    assert replies[0] == render_text(ask(sample_store, "3"))
    assert replies[2] == render_text(ask(sample_store, "2", previous=first.reading))
    assert "没有第" not in replies[2]


def test_a_chat_message_keeps_the_follow_up_context(db: Path, sample_store: Store) -> None:
    first = ask(sample_store, JINJIANG)
    replies = chat(db, JINJIANG, "谢谢", "那2020年呢")
    assert replies[1].startswith("不客气")
    assert replies[2] == render_text(ask(sample_store, "那2020年呢", previous=first.reading))
    assert "2020年" in replies[2]


def test_the_installed_console_picks_too(db: Path, sample_store: Store) -> None:
    candidates = ambiguous(sample_store).alternatives
    chosen = candidates[-1]
    proc = subprocess.run([*reportbot_cmd(), "chat", "--db", str(db)],
                          input=f"{AMBIGUOUS}\n第{len(candidates)}个\n/quit\n",
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    replies = proc.stdout.rstrip("\n").split("\n\n")
    assert replies[1].startswith(figure(chosen)) and chosen.report.agency in replies[1]


def test_a_series_prints_one_aligned_line_per_year(tmp_path: Path, sample_db: Path) -> None:
    from bot.render.analysis import width
    from knowledge import load_paths
    from tests.conftest import shared_path

    reports = shared_path("real", "reports")
    db = tmp_path / "series.db"
    shutil.copy(sample_db, db)
    store = Store(db)
    load_paths(store, [reports])
    question = "平潭综合实验区历年收到的政府信息公开申请数量分别是多少？"
    expected = ask(store, question)
    store.close()
    assert expected.intent == "series" and len(expected.points) >= 3
    reply, = chat(db, question)
    assert reply == render_text(expected)
    lines = reply.splitlines()
    year_lines = [line for line in lines if line[:5].rstrip("年").isdigit() and line[4] == "年"]
    assert [line[:5] for line in year_lines] == [f"{p.report.year}年" for p in expected.points]  # oldest first
    assert all(figure(p) in line for p, line in zip(expected.points, year_lines))
    dashes = {width(line[: line.index(" — ")]) for line in year_lines}
    assert len(dashes) == 1, year_lines  # the sources start in one column
