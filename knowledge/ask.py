"""The pipeline on one screen: a question → understand (a typed Query) → analysis or answer → Answer.

Each stage takes the previous stage's output and never reaches back: knowledge.understand reads
the question once (intent, agencies, year, measure, and for analysis questions what to compare);
knowledge.analysis answers over many reports, each point found by knowledge.answer exactly as a
single question is; knowledge.answer answers about one figure.
"""
from __future__ import annotations

from datetime import date

from knowledge.analysis.dispatch import analyse
from knowledge.answer.respond import respond
from knowledge.model import Answer, Reading
from knowledge.store.store import Store
from knowledge.understand.context import context_of
from knowledge.understand.question import understand


def ask(store: Store, question: str, today: date | None = None, previous: Reading | None = None,
        limits: tuple[float, float] | None = None) -> Answer:
    """Answer one question from the loaded reports (`previous`: the chat's last reading; `limits`:
    (max unexplained, min leaf cover) other than the fitted ones, for calibration)."""
    store.refresh()  # a `load --replace` from another process swapped the file: read the new one
    context = context_of(store)
    q = understand(question, context, today, previous)
    if q.refusal:
        return Answer("not_found", q.reading, note=q.refusal)
    if q.plan is not None:
        return analyse(store, q, context.catalog)
    return respond(store, q, context.catalog, limits)
