"""拟合「有把握」阈值：在标注过的问题集上，让正确答案尽量给出、错误答案一个也不给。

Two limits are fitted (see knowledge.answer.confidence):
- `max_unexplained`, for facts chosen by the question's concepts: the weight of the question's
  nouns the fact does not account for must stay at or below it;
- `min_leaf_cover`, for facts chosen by the score alone: the share of the fact's own words the
  question names must reach it.
Each limit sits halfway between the closest right and wrong answers seen (the widest margin);
with no wrong answer seen it keeps every right one. Written to data/thresholds.json together
with the sets it was fitted on, and re-fitted by `reportbot calibrate`.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path


@dataclass(frozen=True)
class Record:
    """One labelled question, answered with no limits."""

    question_id: str
    path: str
    """'concepts' (value: unexplained weight), 'score' (value: leaf cover) or 'none' (no answer)."""
    value: float | None
    right: bool
    """The fact given is the expected one (False for a question that expects not_found)."""


@dataclass(frozen=True)
class Fit:
    """The fitted limits and what they give on the records."""

    max_unexplained: float
    min_leaf_cover: float
    right: int
    """Right answers still given."""
    wrong: int
    """Wrong answers still given (0 when the records allow it)."""
    held: int
    """Right answers turned into ask-backs."""


def _upper(right: list[float], wrong: list[float]) -> float:
    """Largest limit (value ≤ limit passes) that lets no wrong value through, with margin."""
    if not wrong:
        return max(right, default=0.0)
    cut = min(wrong)
    below = [v for v in right if v < cut]
    return (max(below) + cut) / 2 if below else cut - 1.0


def _lower(right: list[float], wrong: list[float]) -> float:
    """Smallest limit (value ≥ limit passes) that lets no wrong value through, with margin."""
    if not wrong:
        return min(right, default=0.0)
    cut = max(wrong)
    above = [v for v in right if v > cut]
    return round((min(above) + cut) / 2, 4) if above else cut + 0.01


def fit(records: list[Record]) -> Fit:
    """Both limits, and the right / wrong / held-back counts they give."""
    by = {p: ([r.value for r in records if r.path == p and r.right and r.value is not None],
              [r.value for r in records if r.path == p and not r.right and r.value is not None])
          for p in ("concepts", "score")}
    top, low = _upper(*by["concepts"]), _lower(*by["score"])

    def given(r: Record) -> bool:
        return r.value is not None and (r.value <= top if r.path == "concepts" else
                                        r.value >= low if r.path == "score" else False)
    return Fit(top, low, sum(given(r) and r.right for r in records),
               sum(given(r) and not r.right for r in records),
               sum(r.right and r.value is not None and not given(r) for r in records))


def write(path: Path, result: Fit, fitted_on: list[str], n: int) -> None:
    """Save the limits with the data they were fitted on."""
    path.write_text(json.dumps({
        "max_unexplained": result.max_unexplained,
        "min_leaf_cover": result.min_leaf_cover,
        "fitted_on": fitted_on,
        "questions": n,
        "at_these_limits": {"right": result.right, "wrong": result.wrong, "asked_back": result.held},
        "fitted": date.today().isoformat(),
        "refit": "reportbot calibrate QUESTIONS.jsonl... --load FOLDER... --write",
    }, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
