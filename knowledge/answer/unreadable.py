"""读不出的格子照实说：问到一行粘连数字切法不唯一、未取值的格时，说明没读出来，引原表印的数字，
列出可能的切法，而不是「没有找到」或给一个不相干的数。"""
from __future__ import annotations

import re

from knowledge.model import Answer, Query, ReportInfo
from knowledge.text.lexicon import concept, concept_ids

_GLUED = re.compile(r"(?:(?P<table>表[二三四])?「(?P<row>[^」]+)」行：)粘连数字「(?P<raw>[^」]+)」"
                    r"(?:有 (?P<n>\d+) 种可能的切法(?:（(?P<cands>[^）]*)）)?|无法切成 (?P<cells>\d+) 格)")


def unreadable(q: Query, chosen: list[ReportInfo]) -> Answer | None:
    """A plain not_found when the question asks about a table row whose printed digits could not
    be split (the report's data notes say so); None when no such row is asked about."""
    rows = {c for c in q.concepts if concept(c).kind == "row"}
    if not rows:
        return None
    for report in chosen:
        for note in report.notes:
            m = _GLUED.search(note)
            if not m or not rows & set(concept_ids(m.group("row"))):
                continue
            how = (f"有 {m.group('n')} 种可能的切法" + (f"：{m.group('cands')}" if m.group("cands") else "")
                   if m.group("n") else f"无法切成 {m.group('cells')} 格")
            text = (f"{report.title}{m.group('table') or ''}「{m.group('row')}」这一行的数字没能读出：原表印作"
                    f"「{m.group('raw')}」，各格数字粘在一起，{how}，无法确定是哪一种，所以不给数字。请以原表核对。")
            return Answer("not_found", q.reading, note=text)
    return None
