"""Helpers for the phrasing-class tests: databases built with `reportbot load`, and questions
asked through ONE `reportbot ask --json` process per database (questions on stdin)."""
from __future__ import annotations

import json
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

import pytest
from _pytest.mark.structures import ParameterSet

from knowledge import bundled_corpus
from tests.conftest import SHARED, reportbot_cmd

REAL_REPORTS = SHARED / "real" / "reports"
"""The real 平潭综合实验区 reports (2016, 2020, 2021, 2023, 2025) beside the checkout."""


@dataclass(frozen=True)
class Ask:
    """One question and what the report says: `value` (as printed) from `agency` (a part of its
    name) and `year`; `label` a word the answer's label must contain (the row or column)."""
    q: str
    value: str | None = None
    agency: str | None = None
    year: int | None = None
    label: str | None = None

    def __str__(self) -> str:
        return self.q


def questions(*tables: Iterable[object]) -> list[str]:
    """Every Ask's question in the case tables (plain Asks, tuples of them, pytest.param)."""
    out: list[str] = []
    for table in tables:
        for case in table:
            values = case.values if isinstance(case, ParameterSet) else case
            for v in values if isinstance(values, tuple) else (values,):
                if isinstance(v, Ask):
                    out.append(v.q)
    return out


def load_db(db: Path, *paths: Path) -> Path:
    """`reportbot load --db DB PATH...`, asserting every file loaded."""
    proc = subprocess.run([*reportbot_cmd(), "load", "--db", str(db), *map(str, paths)],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
    return db


def corpus_db(db: Path) -> Path:
    """The bundled sample reports plus, when ../shared is there, the real Pingtan reports."""
    return load_db(db, bundled_corpus(), *([REAL_REPORTS] if REAL_REPORTS.exists() else []))


def needs_real(case: Ask | str) -> None:
    """Skip a case about 平潭 when the real reports are not beside the checkout."""
    text = f"{case.q} {case.agency or ''}" if isinstance(case, Ask) else case
    if not REAL_REPORTS.exists() and ("平潭" in text or "Pingtan" in text or "平谭" in text):
        pytest.skip(f"{REAL_REPORTS} not available")


def ask_all(db: Path, qs: Iterable[str]) -> dict[str, dict]:
    """question → its `ask --json` object, all through one process reading stdin."""
    unique = list(dict.fromkeys(qs))
    assert all("\n" not in q for q in unique)
    proc = subprocess.run([*reportbot_cmd(), "ask", "--json", "--db", str(db)],
                          input="\n".join(unique) + "\n", capture_output=True, text=True,
                          timeout=300, check=True)
    outs = [json.loads(line) for line in proc.stdout.splitlines() if line.startswith("{")]
    assert len(outs) == len(unique), proc.stderr[-2000:]
    return dict(zip(unique, outs))


def show(got: dict) -> str:
    """A one-line account of an answer, for assertion messages."""
    a = got.get("answer") or {}
    reading = got.get("reading") or {}
    return (f"{got.get('question')!r} → {got.get('status')}/{got.get('intent')} "
            f"{a.get('value')}{a.get('unit') or ''} [{a.get('agency')} {a.get('year')} · {a.get('label')}] "
            f"corrections={reading.get('corrections')} text={got.get('text', '')[:160]!r}")


def assert_answer(got: dict, case: Ask) -> None:
    """`got` states case.value, from case.agency / case.year / case.label when given."""
    assert got["status"] == "answered" and got["intent"] == "fact", show(got)
    a = got["answer"]
    assert a["value"] == case.value, show(got)
    if case.agency:
        assert case.agency in a["agency"] + a["report"], show(got)
    if case.year:
        assert a["year"] == case.year, show(got)
    if case.label:
        assert case.label in a["label"], show(got)


def same_answer(got: dict, other: dict) -> None:
    """Two questions got the same reply: status, value, agency, year and label."""
    def key(g: dict) -> tuple:
        a = g.get("answer") or {}
        return g["status"], g["intent"], a.get("value"), a.get("agency"), a.get("year"), a.get("label")
    assert key(got) == key(other), f"{show(got)}\n  vs {show(other)}"


def not_confidently_wrong(got: dict, right: str | None) -> None:
    """Either no confident answer, or the right one."""
    if got["status"] == "answered":
        assert right is not None and (got["answer"] or {}).get("value") == right, show(got)


def corrected(got: dict, wrong: str, right: str) -> bool:
    """`reading.corrections` holds a fix of `wrong` into `right` (inside longer spans too)."""
    return any(wrong in a and right in b for a, b in (got.get("reading") or {}).get("corrections") or [])
