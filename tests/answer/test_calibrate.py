"""Confidence calibration: limits sit between the closest right and wrong answers, and
`reportbot calibrate` fits them on a labelled set."""
from __future__ import annotations

import json
import subprocess
from pathlib import Path

from knowledge.answer.calibrate import Record, fit
from tests.conftest import ROOT, reportbot_cmd


def test_unexplained_limit_sits_between_right_and_wrong() -> None:
    recs = [Record("a", "concepts", 0.0, True), Record("b", "concepts", 2.0, True),
            Record("c", "concepts", 4.0, False), Record("d", "concepts", 6.0, True)]
    result = fit(recs)
    assert result.max_unexplained == 3.0
    assert (result.right, result.wrong, result.held) == (2, 0, 1)


def test_leaf_cover_limit_sits_between_wrong_and_right() -> None:
    recs = [Record("a", "score", 0.1, False), Record("b", "score", 0.6, True), Record("c", "score", 1.0, True),
            Record("d", "none", None, False)]
    result = fit(recs)
    assert result.min_leaf_cover == 0.35
    assert (result.right, result.wrong, result.held) == (2, 0, 0)


def test_without_wrong_answers_every_right_one_is_kept() -> None:
    recs = [Record("a", "concepts", 0.0, True), Record("b", "concepts", 5.0, True), Record("c", "score", 0.7, True)]
    result = fit(recs)
    assert result.max_unexplained == 5.0 and result.min_leaf_cover == 0.7 and result.held == 0


def test_calibrate_command_fits_on_a_labelled_set(tmp_path: Path) -> None:
    corpus = ROOT / "knowledge" / "corpus"
    rows = [
        {"id": "q1", "question": "2024年晋江市人民政府办公室因为涉及国家秘密不给公开的申请有几件",
         "expect": {"status": "answered", "values": ["1"], "year": 2024}},
        {"id": "q2", "question": "鲤城区2024年行政多少件", "expect": {"status": "not_found"}},
        {"id": "q3", "question": "鲤城区2024年行政处罚多少件", "expect": {"status": "answered", "values": ["644"]}},
    ]
    questions = tmp_path / "set.jsonl"
    questions.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    out = subprocess.run([*reportbot_cmd(), "calibrate", str(questions), "--load", str(corpus)],
                         capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    assert "3 个问题" in out.stdout and "答错 0" in out.stdout
