"""读懂一个问题的全过程：解析、补上追问省略的部分、判断能不能问、分析类问题再读出分析要求 → 一个 Query。"""
from __future__ import annotations

from dataclasses import replace
from datetime import date

from knowledge.model import Query, Reading
from knowledge.store.catalog import Catalog
from knowledge.understand.context import Context
from knowledge.understand.intent import ANALYSIS
from knowledge.understand.plan import plan
from knowledge.understand.query import follow_up, parse
from knowledge.understand.screen import refusal


def understand(question: str, context: Context, today: date | None = None,
               previous: Reading | None = None) -> Query:
    """The typed Query of `question` (`previous`: the chat's last reading, for follow-ups)."""
    q = parse(question, context.index, today, context.speller)
    if previous is not None:
        q = follow_up(q, previous, context.index)
    q = _latest_for_new_agency(q, context.catalog, previous)
    q = replace(q, refusal=refusal(q, context.catalog, context.index))
    if not q.refusal and q.reading.intent in ANALYSIS:
        q = replace(q, plan=plan(q, context.index))
    return q


def _latest_for_new_agency(q: Query, reports: Catalog, previous: Reading | None) -> Query:
    """A follow-up naming another agency (「鲤城区呢」) keeps the year asked before; when that agency
    has no report for it, its latest year is used instead, and `moved` says so."""
    r = q.reading
    if not q.carried_year or not r.agencies or reports.of_year(r.agencies, r.year):
        return q
    if not reports.of(r.agencies):
        return q
    moved = f"{'、'.join(r.agencies)}没有{previous.year if previous else ''}年的年报，"
    return replace(q, reading=replace(r, year=None), moved=moved)
