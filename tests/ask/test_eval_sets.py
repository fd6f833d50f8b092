"""Both question files through the real `reportbot ask --json` (the contract other tools read)."""
from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.conftest import reportbot_cmd, shared_path
from tests.ask.eval_questions import run_questions



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


def _loaded_failures(tmp_path: Path, folder: str, questions: str) -> tuple[int, list]:
    """Load ../shared/real/<folder> into a fresh database, ask <questions>: (asked, failures)."""
    db = tmp_path / "eval.db"
    load = subprocess.run([*reportbot_cmd(), "load", "--db", str(db), str(shared_path("real", folder))],
                          capture_output=True, text=True, timeout=300)
    assert load.returncode == 0, load.stderr
    results = run_questions(shared_path("real", questions), db)
    return len(results), [(r["id"], why) for r, _g, why in results if why]


def test_real_report_questions(tmp_path: Path) -> None:
    asked, failures = _loaded_failures(tmp_path, "reports", "questions.jsonl")
    assert asked >= 40 and not failures, failures


def test_real_pdf_questions(tmp_path: Path) -> None:
    """The real WPS-made PDF (framed prose pages, 表二 over a page break): every answer right,
    with the right section cited."""
    asked, failures = _loaded_failures(tmp_path, "pdf", "pdf_questions.jsonl")
    assert asked >= 8 and not failures, failures
