"""按事实短 id 复现答案：分享链接（f_<id>）和歧义问题里点选的候选项。"""
from __future__ import annotations

from dataclasses import replace

from knowledge.model import Answer, FoundFact, Reading
from knowledge.store.store import Store


def answer_for_fid(store: Store, fid: str, reading: Reading | None = None) -> Answer | None:
    """The answer whose fact is `fid`, or None when no loaded fact has that id.

    `reading` is how the original question was understood (for a candidate chosen from an
    ambiguous answer); the chosen fact's agency and year are filled in so follow-ups work.
    """
    stored = store.fact_by_fid(fid)
    if stored is None:
        return None
    report = store.report(stored.report_id)
    fact = stored.fact
    if reading is None:
        reading = Reading(question=fact.label, normalized=fact.label, measure=fact.label, unit=fact.unit)
    reading = replace(reading, agencies=(report.agency,), year=report.year, unknown_place="")
    found = FoundFact(fact=fact, report=report, score=1.0, fact_id=fid)
    return Answer("answered", reading, best=found)
