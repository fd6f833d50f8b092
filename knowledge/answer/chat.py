"""闲聊与帮助：问候、感谢、「你能做什么」和未知命令得到一段帮助，例子取自已加载的报告。"""
from __future__ import annotations

import re

from knowledge.names.agencies import group_key
from knowledge.store.catalog import Catalog
from knowledge.model import ReportInfo

MEASURES = ("依申请公开多少件", "主动公开政府信息多少条", "行政复议多少件")
"""Example questions are built from these and the loaded reports, so they always fit the data."""
_THANKS = re.compile(r"谢|thank|thx", re.IGNORECASE)
_COMMAND = re.compile(r"^\s*(/\S+)")


def example_questions(reports: list[ReportInfo]) -> list[str]:
    """Three example questions about loaded reports (latest years, distinct agencies first)."""
    chosen: list[ReportInfo] = []
    for r in sorted(reports, key=lambda r: -(r.year or 0)):
        if r.year and all(c.agency != r.agency for c in chosen):
            chosen.append(r)
    chosen = chosen[:3]
    return [f"{r.year}年{r.agency}{MEASURES[i % len(MEASURES)]}" for i, r in enumerate(chosen)]


def help_text(reports: Catalog, message: str = "") -> str:
    """The reply to a greeting, thanks, a request for help or an unknown command."""
    command = _COMMAND.match(message)
    if command:
        opening = f"不认识命令「{command.group(1)[:32]}」。"
    elif _THANKS.search(message):
        opening = "不客气！"
    else:
        opening = "你好！"
    lines = [opening + "我能回答政府信息公开工作年度报告里的数字：给出确切数值、单位和出处（报告 › 章节）。"]
    if reports:
        (places, count), years, newest = reports.some_places(6), reports.years, reports.newest(100)
        shown = "、".join(places) + (f"等 {count} 地" if count > 6 else "")
        span = f"，{years[0]}–{years[-1]}年" if years else ""
        lines.append(f"已收录 {len(reports)} 份年报：{shown}{span}。")
        lines.append("可以这样问：")
        lines += [f"· {q}" for q in example_questions(newest)]
        latest = newest[0] if newest else next(iter(reports))
        lines.append(f"· {group_key(latest.agency)}{latest.year}年政府信息公开情况怎么样（概况）")
    else:
        lines.append("还没有加载任何年报。")
    lines.append("问题里写上机关和年份最准确；可以接着追问「那2020年呢」。/reports 列出已收录的年报。")
    return "\n".join(lines)
