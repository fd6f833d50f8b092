"""拟合「有把握」阈值：在标注过的问题集上，找出不产生任何错误答案的最大 unexplained 阈值。

Each record is one labelled question answered with no limit: the unexplained weight of the
fact the concepts chose (None when the score alone decided) and whether that fact is right.
The fitted limit is the largest weight at which no wrong fact would be given; a question whose
weight is above it is asked back instead. Written to data/thresholds.json with what it was fitted on.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path


@dataclass(frozen=True)
class Record:
    """One labelled question, answered without a limit."""

    question_id: str
    weight: float | None
    """Unexplained weight of a concept-chosen answer; None when the concepts did not choose."""
    answered: bool
    """The unlimited run gave an answer (not an ask-back or not_found)."""
    right: bool
    """That answer is the expected one (for an answered record)."""


@dataclass(frozen=True)
class Fit:
    """The fitted limit and what it gives on the records."""

    limit: float
    right: int
    """Answers given and right at this limit."""
    wrong: int
    """Answers given and wrong at this limit (0 unless a wrong answer needs no concepts)."""
    asked_back: int
    """Right answers the limit turns into ask-backs."""


def _at(records: list[Record], limit: float) -> Fit:
    given = [r for r in records if r.answered and (r.weight is None or r.weight <= limit)]
    held = [r for r in records if r.answered and r.weight is not None and r.weight > limit and r.right]
    return Fit(limit, sum(r.right for r in given), sum(not r.right for r in given), len(held))


def fit(records: list[Record], ceiling: float = 12.0) -> Fit:
    """The largest limit (among the weights seen, up to `ceiling`) that gives no more wrong
    answers than the score-only answers already do."""
    base = _at(records, -1.0).wrong
    candidates = sorted({r.weight for r in records if r.weight is not None and r.weight <= ceiling} | {0.0})
    best = _at(records, 0.0)
    for limit in candidates:
        here = _at(records, limit)
        if here.wrong <= base:
            best = here
    return best


def write(path: Path, result: Fit, fitted_on: list[str], n: int) -> None:
    """Save the limit with the data it was fitted on."""
    path.write_text(json.dumps({
        "max_unexplained": result.limit,
        "fitted_on": fitted_on,
        "questions": n,
        "at_this_limit": {"right": result.right, "wrong": result.wrong, "asked_back": result.asked_back},
        "fitted": date.today().isoformat(),
        "refit": "reportbot calibrate QUESTIONS.jsonl... --load FOLDER... --write",
    }, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
