"""../shared/eval/phrasing_dev.jsonl (and the chat/overview part of analysis_dev.jsonl) through the
real `reportbot ask --json`, on the samples + the real Pingtan reports, judged by score.py's own
`judge`: accuracy of at least 95% and not one confidently wrong answer."""
from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

from knowledge import bundled_corpus
from tests.conftest import shared_path
from tests.ask.eval_questions import ask_all
from tests.phrasing import load_db


def _score() -> ModuleType:
    """../shared/eval/score.py, imported from its path."""
    path = shared_path("eval", "score.py")
    spec = importlib.util.spec_from_file_location("shared_eval_score", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _run(questions: Path, db: Path) -> list[tuple[dict, dict]]:
    """(row, answer) for every question of a .jsonl set, through one process."""
    return ask_all(questions, db)


@pytest.fixture(scope="module")
def score() -> ModuleType:
    return _score()


@pytest.fixture(scope="module")
def eval_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    reports = shared_path("real", "reports")
    return load_db(tmp_path_factory.mktemp("eval") / "eval.db", bundled_corpus(), reports)


@pytest.fixture(scope="module")
def phrasing(eval_db: Path) -> list[tuple[dict, dict]]:
    return _run(shared_path("eval", "phrasing_dev.jsonl"), eval_db)


def _line(row: dict, got: dict, why: str = "") -> str:
    a = got.get("answer") or {}
    return f"{row['id']} {row['question']} → {got.get('status')} {a.get('value')} {why}".rstrip()


def test_phrasing_accuracy_at_least_95_percent(phrasing: list, score: ModuleType) -> None:
    judged = [(row, got, *score.judge(row["expect"], got)) for row, got in phrasing]
    passed = sum(ok for _r, _g, ok, _why in judged)
    assert len(judged) >= 80
    failures = [_line(r, g, why) for r, g, ok, why in judged if not ok]
    assert passed / len(judged) >= 0.95, f"{passed}/{len(judged)}\n" + "\n".join(failures)


def test_phrasing_never_answers_a_wrong_value(phrasing: list, score: ModuleType) -> None:
    wrong = []
    for row, got in phrasing:
        if got["status"] != "answered":
            continue
        expect, ans = row["expect"], got.get("answer") or {}
        if expect["status"] != "answered":
            wrong.append(_line(row, got, "(expected not_found)"))
        elif not score._same(expect["values"], ans.get("value"), ans.get("unit")):
            wrong.append(_line(row, got, f"(expected {expect['values']})"))
    assert not wrong, "\n".join(wrong)


def test_analysis_chat_and_overview_questions_pass(eval_db: Path, score: ModuleType) -> None:
    results = _run(shared_path("eval", "analysis_dev.jsonl"), eval_db)
    picked = [(row, got) for row, got in results if row["expect"].get("intent") in ("chat", "overview")]
    assert len(picked) >= 6
    failures = [_line(row, got, why) for row, got in picked for ok, why in [score.judge(row["expect"], got)] if not ok]
    assert not failures, "\n".join(failures)


def test_analysis_set_at_least_95_percent_and_never_one_cell(eval_db: Path, score: ModuleType) -> None:
    """Series, comparisons, rankings, rates and coverage (issue 11): ≥ 95 % of the set, and no
    analysis question is ever answered with a bare cell."""
    results = _run(shared_path("eval", "analysis_dev.jsonl"), eval_db)
    judged = [(row, got, *score.judge(row["expect"], got)) for row, got in results]
    passed = sum(ok for _r, _g, ok, _w in judged)
    assert passed >= 0.95 * len(judged), "\n".join(_line(r, g, w) for r, g, ok, w in judged if not ok)
    for row, got, _ok, _why in judged:
        if got["intent"] in ("series", "coverage"):
            assert got["answer"] is None and got["points"], row["id"]
        if got["intent"] in ("comparison", "rate") and got["status"] == "answered":
            assert got["derived"] and got["derived"]["formula"] and len(got["points"]) >= 2, row["id"]
