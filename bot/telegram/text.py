"""Telegram 前端的固定文字与纯函数（不导入 telegram）：帮助、报告列表、覆盖网格、统计、重建结果、文件名。"""
from __future__ import annotations

import re
from html import escape as _escape, unescape
from pathlib import PurePath

from bot.render.coverage import coverage_lines, summary_line
from knowledge import Catalog, LoadResult, Stats, example_questions

def escape(text: str) -> str:
    """HTML for Telegram: < > & escaped once; quotes stay as typed (no &#x27; in a reply)."""
    return _escape(text, quote=False)


REPORTS_PER_PAGE = 8
HELP_AGENCIES = 30
"""Agencies /help lists with their years (the rest are counted: /reports pages through them)."""
GAPS_SHOWN = 15
"""Agencies whose missing years close a /reports page."""
COVERAGE_ROWS_PER_PAGE = 25
"""Agencies per /coverage page (a page of 25 rows over 20 years stays far below 4096 characters)."""
MAX_CAPTION = 1024
"""Telegram's limit on a photo caption, in characters of the text shown (after HTML parsing)."""
CHART_CAPTION = "<b>{title}</b>\n数字和出处见下一条消息。"

REFUSE_ADMIN = "抱歉，这个操作只有管理员可以使用。"
TOO_LONG = "问题太长了（最多 {n} 个字）。请只问一个数字，例如「2024年晋江依申请公开多少件」。"
RATE_LIMITED = "提问太快了，请稍等一分钟再问。"
APOLOGY = "抱歉，处理时出了点问题，已记录下来。请稍后再试。"
NOT_FOUND_FACT = "这个分享链接里的数字已不在当前的年报索引中。"


def examples(reports: Catalog) -> list[str]:
    """Three example questions about loaded reports (see knowledge.answer.chat)."""
    return example_questions(reports.newest(100))


def help_html(reports: Catalog) -> str:
    """/start and /help: what the bot knows (the first HELP_AGENCIES agencies) and how to read an answer."""
    agencies, count = reports.some_agencies(HELP_AGENCIES)
    known = "\n".join(f"· {escape(a)}：{'、'.join(map(str, reports.years_of(a))) or '？'}年" for a in agencies)
    if count > len(agencies):
        known += f"\n…等 {count} 个机关，/reports 列出全部"
    return (
        "<b>年报问答</b>：问政府信息公开工作年度报告里的数字，得到确切数值和出处。\n\n"
        f"<b>已收录 {len(reports)} 份年报</b>\n{known or '（还没有加载年报）'}\n\n"
        "<b>怎么读答案</b>：第一行加粗的是数值和单位；接着是它统计的内容、出处（报告 › 章节）"
        "和原文；⚠ 表示数据有疑点（例如合计与分项不符）；最后一行是机器人对问题的理解。\n"
        "可以接着追问，例如「那2020年呢」「行政复议呢」。\n\n"
        "命令：/reports 已收录的年报 · /coverage 机关×年份 · /help 帮助\n下面是几个例子，点一下就能问："
    )


def reports_page_html(reports: Catalog, page: int) -> tuple[str, int]:
    """One page of /reports and the number of pages; the coverage gaps close every page."""
    pages = max(1, -(-len(reports) // REPORTS_PER_PAGE))
    page = min(max(page, 0), pages - 1)
    lines = [f"<b>已收录的年报</b>（第 {page + 1}/{pages} 页，共 {len(reports)} 份）"]
    for r in reports.page(page * REPORTS_PER_PAGE, REPORTS_PER_PAGE):
        warn = f"，⚠ {r.warnings} 处疑点" if r.warnings else ""
        lines.append(f"· {escape(r.agency)} {r.year or '？'}年：{r.facts} 个数字{warn}")
    gaps = reports.gaps(GAPS_SHOWN)
    if gaps:
        lines.append("\n<b>缺少的年份</b>")
        lines += [f"· {escape(a)}：{'、'.join(map(str, ys))}" for a, ys in gaps.items()]
    return "\n".join(lines), pages


def coverage_page_html(reports: Catalog, page: int) -> tuple[str, int]:
    """One page of /coverage (agencies × years in <pre>, ● a report, · none) and the number of pages."""
    _first, count = reports.some_agencies(1)
    pages = max(1, -(-count // COVERAGE_ROWS_PER_PAGE))
    page = min(max(page, 0), pages - 1)
    shown = reports.agency_page(page * COVERAGE_ROWS_PER_PAGE, COVERAGE_ROWS_PER_PAGE)
    title = "<b>年报覆盖</b>（机关 × 年份，● 有年报，· 缺）"
    if pages > 1:
        title += f" 第 {page + 1}/{pages} 页"
    grid = escape("\n".join(coverage_lines(reports.of(shown), reports.years, reports.longest_agency()))) if shown else "（还没有加载年报）"
    summary = summary_line(count, len(reports), len(reports.years))
    return f"{title}\n<pre>{grid}</pre>\n{escape(summary)}", pages


def visible_length(html: str) -> int:
    """How many characters Telegram counts in `html` once parsed (tags dropped, entities read, UTF-16)."""
    return len(unescape(re.sub(r"<[^>]+>", "", html)).encode("utf-16-le")) // 2


def stats_html(s: Stats) -> str:
    """/stats: questions by status, votes and the most asked unanswered questions."""
    names = {"answered": "已回答", "ambiguous": "需选择", "not_found": "未找到", "chat": "闲聊"}
    parts = " · ".join(f"{names.get(k, k)} {v}" for k, v in sorted(s.by_status.items()))
    lines = [f"<b>共 {s.total} 个问题</b>", parts or "（还没有人提问）", f"👍 {s.votes_up} · 👎 {s.votes_down}"]
    if s.unanswered:
        lines.append("\n<b>问得最多的未答问题</b>")
        lines += [f"{n}× {escape(q[:80])}" for q, n in s.unanswered]
    return "\n".join(lines)


def load_html(result: LoadResult, swapped: bool, what: str = "重建索引") -> str:
    """The outcome of /reload or an upload, naming each failed file and why."""
    ok = result.n_loaded + result.n_unchanged
    if swapped:
        head = f"✅ {what}完成：{ok} 份年报（新加载 {result.n_loaded}，未变化 {result.n_unchanged}）。"
    else:
        head = f"❌ {what}失败：没有可用的年报，继续使用原来的索引。"
    lines = [head]
    if result.failed:
        lines.append(f"失败 {len(result.failed)} 个文件：")
        lines += [f"· {escape(PurePath(p).name)} — {escape(reason[:200])}" for p, reason in result.failed[:20]]
    return "\n".join(lines)


def upload_failed_html(name: str, reason: str, kept_old: bool) -> str:
    """A rejected upload: why, and that nothing changed (the same-named report file is kept)."""
    kept = f"原有的 {escape(name)} 和索引都保持不变" if kept_old else "索引保持不变"
    return f"❌ 没有加载 {escape(name)}：{escape(reason[:300])}\n{kept}，照常回答问题。"


_UNSAFE = re.compile(r"[^A-Za-z0-9._\-\u3400-\u4dbf\u4e00-\u9fff]+")


def safe_file_name(name: str | None, default: str = "report.txt") -> str:
    """A file name made only of [A-Za-z0-9._-] and CJK characters, no leading dot, at most 120 chars."""
    base = PurePath((name or "").replace("\\", "/")).name
    clean = _UNSAFE.sub("_", base).lstrip(".")
    stem, dot, suffix = clean.rpartition(".")
    if len(clean) > 120:
        clean = (stem[: 110] + dot + suffix[:9]) if dot else clean[:120]
    return clean if clean.strip("._-") else default
