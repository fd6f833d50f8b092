"""Confidence calibration: the fit never admits a wrong answer the score alone would not give,
and `reportbot calibrate` fits on a labelled set."""
from __future__ import annotations

import json
import subprocess
from pathlib import Path

from knowledge.calibrate import Record, fit
from tests.conftest import reportbot_cmd


def test_fit_stops_below_the_first_wrong_weight() -> None:
    recs = [Record("a", 0.0, True, True), Record("b", 2.0, True, True), Record("c", 3.0, True, False),
            Record("d", 4.0, True, True), Record("e", None, True, True)]
    result = fit(recs)
    assert result.limit == 2.0
    assert (result.right, result.wrong, result.asked_back) == (3, 0, 1)


def test_fit_without_wrong_answers_keeps_every_right_one() -> None:
    recs = [Record("a", 0.0, True, True), Record("b", 5.0, True, True), Record("c", None, False, False)]
    assert fit(recs).limit == 5.0


def test_fit_counts_wrong_answers_the_score_alone_gives() -> None:
    recs = [Record("a", None, True, False), Record("b", 1.0, True, True), Record("c", 2.0, True, False)]
    result = fit(recs)
    assert result.limit == 1.0 and result.wrong == 1  # the score-only wrong answer is reported


def test_calibrate_command_fits_on_a_labelled_set(tmp_path: Path) -> None:
    corpus = Path(__file__).resolve().parent.parent / "knowledge" / "corpus"
    rows = [
        {"id": "q1", "question": "2024年晋江市人民政府办公室因为涉及国家秘密不给公开的申请有几件",
         "expect": {"status": "answered", "values": ["1"], "year": 2024}},
        {"id": "q2", "question": "晋江市2024年GDP是多少", "expect": {"status": "not_found"}},
    ]
    questions = tmp_path / "set.jsonl"
    questions.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    out = subprocess.run([*reportbot_cmd(), "calibrate", str(questions), "--load", str(corpus)],
                         capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    assert "2 个问题" in out.stdout and "答错 0" in out.stdout
