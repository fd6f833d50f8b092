"""knowledge.answer.decide: an ask-back names the missing concepts in the order the question asked
them, the same in every process (they came from a frozenset, whose order follows the hash seed)."""
from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

from tests.conftest import reportbot_cmd

QUESTIONS = (
    "金井镇二二年微信公众号总阅读量是多少万次？",  # asked back: no fact names both 政务微信 and 阅读量
    "2024年鲤城区自然人新收申请多少件",  # answered: the other notes stay alike too
)


def _notes(db: Path, *seeds: str) -> list[list[str]]:
    """The notes of QUESTIONS from one `reportbot ask --json` process per hash seed, run side by side."""
    procs = [subprocess.Popen([*reportbot_cmd(), "ask", "--json", "--db", str(db)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True, env={**os.environ, "PYTHONHASHSEED": seed})
             for seed in seeds]
    outs = [p.communicate("\n".join(QUESTIONS) + "\n", timeout=120)[0] for p in procs]
    assert all(p.returncode == 0 for p in procs)
    return [[json.loads(line).get("note") or "" for line in out.splitlines() if line.startswith("{")] for out in outs]


def test_an_ask_back_names_the_concepts_alike_in_every_process(sample_db: Path) -> None:
    runs = _notes(sample_db, "1", "2", "3", "4")
    assert any("没有找到正好是" in note for note in runs[0]), runs[0]
    assert all(run == runs[0] for run in runs), runs


def test_an_ask_back_names_the_concepts_in_the_order_asked(sample_db: Path) -> None:
    note = _notes(sample_db, "0")[0][0]
    assert "「政务微信、阅读量」" in note, note
