"""`ask --json` 的 JSON 形状（见 cli-contract）：每个字段都在，没有值时为 null。"""
from __future__ import annotations

import json
import re
from typing import Any

from bot.render.reply import render_text
from knowledge import SEP, Answer, FoundFact


_LINE_BREAKERS = re.compile("[\u0085\u2028\u2029\ud800-\udfff]")
"""Characters that line readers split on (NEL, LS, PS) or that are no valid UTF-8 (lone surrogates)."""

MAX_JSON_ALTERNATIVES = 5
"""The contract's limit; an ask-back text may list more (all parts of a group)."""


def found_to_dict(found: FoundFact | None) -> dict[str, Any] | None:
    """One answer or alternative object."""
    if found is None:
        return None
    f = found.fact
    if f.kind == "report":  # a coverage point: the report alone
        return {"value": None, "unit": None, "label": None, "agency": found.report.agency or None,
                "year": found.report.year, "report": found.report.title, "section": None, "quote": None,
                "kind": None, "warnings": [], "approx": False, "fact_id": None}
    return {
        "value": f.value,
        "unit": f.unit or None,
        "label": f.label,
        "agency": found.report.agency or None,
        "year": found.report.year,
        "report": found.report.title,
        "section": SEP.join(f.section) or None,
        "quote": f.quote or None,
        "kind": f.kind,
        "warnings": list(f.warnings),
        "approx": f.approx,
        "fact_id": found.fact_id or None,
    }


def answer_to_dict(answer: Answer) -> dict[str, Any]:
    """The whole JSON object for one question."""
    r = answer.reading
    return {
        "question": r.question,
        "status": answer.status,
        "answer": found_to_dict(answer.best) if answer.status != "not_found" else None,
        "alternatives": [found_to_dict(a) for a in answer.alternatives[:MAX_JSON_ALTERNATIVES]],
        "intent": answer.intent,
        "points": [found_to_dict(p) for p in answer.points],
        "derived": None if answer.derived is None else {
            "name": answer.derived.name, "formula": answer.derived.formula,
            "value": answer.derived.value, "unit": answer.derived.unit},
        "text": render_text(answer),
        "reading": {"agencies": list(r.agencies), "year": r.year, "measure": r.measure or None,
                    "unit": r.unit or None, "asserted": r.asserted,
                    "corrections": [list(c) for c in r.corrections]},
        "note": answer.note or None,
    }


def json_line(obj: dict[str, Any]) -> str:
    """One JSON object on one line: readable Chinese, but every character a line reader would
    split on, and any lone surrogate from undecodable input, written as a \\u escape."""
    text = json.dumps(obj, ensure_ascii=False)
    return _LINE_BREAKERS.sub(lambda m: f"\\u{ord(m.group(0)):04x}", text)
