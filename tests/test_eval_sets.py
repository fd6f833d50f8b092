"""Both question files through the real `reportbot ask --json` (the contract other tools read)."""
from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.conftest import reportbot_cmd, shared_path
from tests.eval_questions import run_questions



@pytest.fixture(scope="module")
def dev_results(sample_db: Path) -> list:
    return run_questions(shared_path("eval", "dev_questions.jsonl"), sample_db)


def test_every_dev_question_passes(dev_results: list) -> None:
    failures = [(row["id"], row["question"], why) for row, _got, why in dev_results if why]
    assert not failures, failures


def test_json_answers_carry_every_contract_field(dev_results: list) -> None:
    fields = {"value", "unit", "label", "agency", "year", "report", "section", "quote", "kind", "warnings"}
    for _row, got, _why in dev_results:
        assert {"question", "status", "answer", "alternatives", "text"} <= set(got)
        for obj in ([got["answer"]] if got["answer"] else []) + got["alternatives"]:
            assert fields <= set(obj), obj
        assert got["text"].strip()


def test_real_report_questions(tmp_path: Path) -> None:
    db = tmp_path / "real.db"
    load = subprocess.run([*reportbot_cmd(), "load", "--db", str(db), str(shared_path("real", "reports"))],
                          capture_output=True, text=True, timeout=300)
    assert load.returncode == 0, load.stderr
    results = run_questions(shared_path("real", "questions.jsonl"), db)
    failures = [(r["id"], why) for r, _g, why in results if why]
    assert len(results) >= 40 and not failures, failures


def test_real_pdf_questions(tmp_path: Path) -> None:
    """The real WPS-made PDF (framed prose pages, 表二 over a page break): every answer right,
    with the right section cited."""
    db = tmp_path / "pdf.db"
    load = subprocess.run([*reportbot_cmd(), "load", "--db", str(db), str(shared_path("real", "pdf"))],
                          capture_output=True, text=True, timeout=300)
    assert load.returncode == 0, load.stderr
    results = run_questions(shared_path("real", "pdf_questions.jsonl"), db)
    failures = [(r["id"], why) for r, _g, why in results if why]
    assert len(results) >= 8 and not failures, failures
