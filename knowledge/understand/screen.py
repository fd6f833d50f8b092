"""问题问不了的时候说明原因：空问题、还没有年报、没收录的地方、只收录了部门的年报、概况没写机关。"""
from __future__ import annotations

from knowledge.store.catalog import Catalog
from knowledge.understand.agency_index import AgencyIndex
from knowledge.model import Query


def refusal(q: Query, reports: Catalog, index: AgencyIndex) -> str:
    """Why `q` cannot be asked of the loaded reports, or '' when it can (a chat message can)."""
    r = q.reading
    if not r.question.strip():
        return "请输入一个问题，例如「2024年晋江依申请公开多少件」。"
    if r.intent == "chat":
        return ""
    if not reports:
        return "还没有加载任何年报。"
    if r.unknown_place and not r.agencies:
        return f"没有「{r.unknown_place}」的年报。" + reports.known()
    departments = index.departments_only(r.normalized) if not r.agencies else ()
    if departments:
        return (f"只收录了{'、'.join(departments)}的年报，部门的数字不能代替整个机关回答；"
                "请问部门的数字时写上部门名。" + reports.known())
    if r.unknown_place:
        return f"没有「{r.unknown_place}」的年报；{'、'.join(r.agencies)}的年报不能代替它回答。" + reports.known()
    if r.intent == "overview" and not r.agencies:
        return "想了解哪个机关的年报概况？请写上机关名。" + reports.known()
    return ""
