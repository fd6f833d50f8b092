"""Runs a question file through `reportbot ask --json` exactly as ../shared/eval/score.py does."""
from __future__ import annotations

import json
import subprocess
from pathlib import Path

from tests.conftest import reportbot_cmd


def num(value: object) -> float | None:
    """The judge's number reading: commas and a trailing % ignored."""
    try:
        return float(str(value).replace(",", "").strip().rstrip("%"))
    except ValueError:
        return None


def judge(expect: dict, got: dict) -> str:
    """'' when `got` meets `expect`, else why not (the same rules as score.py)."""
    status = got.get("status")
    if expect["status"] != "answered":
        return "" if status == "not_found" or (status != "answered" and not got.get("answer")) else "expected not_found"
    ans = got.get("answer") or {}
    if status != "answered":
        return f"status {status}"
    if num(ans.get("value")) is None or all(num(x) != num(ans.get("value")) for x in expect["values"]):
        return f"value {ans.get('value')!r} not in {expect['values']}"
    if expect.get("year") and str(expect["year"]) not in str(ans.get("year", "")):
        return f"year {ans.get('year')!r}"
    if expect.get("agency_contains") and expect["agency_contains"] not in str(ans.get("agency")) + str(ans.get("report")):
        return f"agency {ans.get('agency')!r}"
    want = expect.get("section_contains")
    if want and not any(w in str(ans.get("section", "")) for w in ([want] if isinstance(want, str) else want)):
        return f"section {ans.get('section')!r}"
    return ""


def ask_all(questions: Path, db: Path) -> list[tuple[dict, dict]]:
    """(row, answer JSON) for every question of a .jsonl set, through one `reportbot ask --json`."""
    rows = [json.loads(line) for line in questions.read_text(encoding="utf-8").splitlines() if line.strip()]
    proc = subprocess.run([*reportbot_cmd(), "ask", "--json", "--db", str(db)],
                          input="\n".join(r["question"] for r in rows) + "\n",
                          capture_output=True, text=True, timeout=300, check=True)
    outs = [json.loads(line) for line in proc.stdout.splitlines() if line.startswith("{")]
    assert len(outs) == len(rows), proc.stderr[-2000:]
    return list(zip(rows, outs))


def run_questions(questions: Path, db: Path) -> list[tuple[dict, dict, str]]:
    """(row, answer JSON, failure reason or '') for every question, through one process."""
    return [(row, got, judge(row["expect"], got)) for row, got in ask_all(questions, db)]
