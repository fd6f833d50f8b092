"""把 Answer 写成回复文字：CLI、控制台和 Telegram 共用（纯文本或 HTML）。

Value and unit first, then what it counts, the report and the section, the quote, how the
question was read, the alternatives one a line, and warnings marked ⚠. Every piece of report
text is escaped in HTML mode; the whole reply stays under Telegram's 4096-character limit.
"""
from __future__ import annotations

from html import escape

from bot.render.analysis import analysis_parts
from knowledge import SEP, Answer, FoundFact

ANALYSIS_INTENTS = frozenset({"series", "comparison", "ranking", "rate", "coverage"})
MAX_REPLY_CHARS = 3800
"""Telegram allows 4096 characters per message; leave room for markup."""
MAX_QUOTE_CHARS = 160


def figure(found: FoundFact) -> str:
    """「20件」, 「2.7万条（约数）」: the value with its unit."""
    f = found.fact
    text = f"{f.value}{f.unit}"
    return text + "（约数）" if f.approx else text


def source(found: FoundFact) -> str:
    """Report › section path."""
    return SEP.join([found.report.title, *found.fact.section])


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def reading_line(answer: Answer) -> str:
    """「已理解为：晋江市人民政府办公室 · 2024年 · 依申请公开」."""
    r = answer.reading
    if answer.best is not None and answer.status == "answered":
        agency, year = answer.best.report.agency, answer.best.report.year
    else:
        agency = "、".join(r.agencies) or r.unknown_place or "未指明机关"
        year = r.year
    parts = [agency, f"{year}年" if year else "未指明年份", r.measure or "（未识别出要问的指标）"]
    fixed = "；".join(f"「{a}」按「{b}」理解" for a, b in r.corrections)
    return "已理解为：" + " · ".join(parts) + (f"（{fixed}）" if fixed else "")


def verdict_line(answer: Answer) -> str:
    """「是，0件。」 or 「不是：是3件。」 for an answered yes/no question, else ''."""
    if answer.verdict is None or answer.best is None:
        return ""
    return f"是，{figure(answer.best)}。" if answer.verdict else f"不是，是{figure(answer.best)}。"


def _alt_line(found: FoundFact, with_agency: bool) -> str:
    where = f"（{found.report.agency} {found.report.year}年）" if with_agency else ""
    return f"{figure(found)} — {found.fact.label}{where}"


def _parts(answer: Answer) -> list[tuple[str, str]]:
    """(style, text) lines; style is 'bold', 'plain', 'italic' or 'warn'."""
    lines: list[tuple[str, str]] = []
    best = answer.best
    if answer.intent == "chat":
        return [("plain", line) for line in answer.note.splitlines()]
    if answer.status == "answered" and answer.intent in ANALYSIS_INTENTS and answer.points:
        return analysis_parts(answer) + [("plain", reading_line(answer))]
    if answer.status == "answered" and answer.points and best is None:
        lines.append(("bold", answer.note or "概况："))
        lines += [("plain", f"· {p.fact.label}：{figure(p)}" + (" ⚠" if p.fact.warnings else ""))
                  for p in answer.points]
        sections = sorted({SEP.join(p.fact.section) for p in answer.points if p.fact.section})
        lines.append(("plain", "出处：" + answer.points[0].report.title + (
            "（" + "；".join(sections) + "）" if sections else "")))
        lines.append(("plain", reading_line(answer)))
        return lines
    if answer.status == "answered" and best is not None:
        verdict = verdict_line(answer)
        lines.append(("bold", verdict or figure(best)))
        lines.append(("plain", best.fact.label))
        lines.append(("plain", "出处：" + source(best)))
        if best.fact.quote:
            lines.append(("italic", "原文：" + _clip(best.fact.quote, MAX_QUOTE_CHARS)))
        lines += [("warn", "⚠ " + w) for w in best.fact.warnings]
        if answer.note:
            lines.append(("plain", answer.note))
        lines.append(("plain", reading_line(answer)))
        if answer.alternatives:
            lines.append(("plain", "相关数字："))
            lines += [("plain", "· " + _alt_line(a, a.report.id != best.report.id)) for a in answer.alternatives]
    elif answer.status == "ambiguous":
        lines.append(("bold", answer.note or "有几种理解，请选择："))
        multi = len({a.report.id for a in answer.alternatives}) > 1
        lines += [("plain", f"{i}. " + _alt_line(a, multi)) for i, a in enumerate(answer.alternatives, 1)]
        lines.append(("plain", reading_line(answer)))
    else:
        lines.append(("bold", "没有找到答案。"))
        if answer.note:
            lines.append(("plain", answer.note))
        lines += [("plain", "· " + _alt_line(a, True)) for a in answer.alternatives]
        lines.append(("plain", reading_line(answer)))
    return lines


def _fit(lines: list[str]) -> str:
    text = "\n".join(lines)
    while len(text) > MAX_REPLY_CHARS and len(lines) > 1:
        lines = lines[:-1]
        text = "\n".join(lines + ["…"])
    return text[:MAX_REPLY_CHARS]


def render_text(answer: Answer) -> str:
    """The reply as plain text (CLI, console, JSON `text`)."""
    return _fit([text for _style, text in _parts(answer)])


def render_html(answer: Answer) -> str:
    """The reply in Telegram HTML parse mode, every piece of text escaped."""
    wrap = {"bold": "<b>{}</b>", "italic": "<i>{}</i>", "warn": "<b>{}</b>", "plain": "{}"}
    return _fit([wrap[style].format(escape(text, quote=False)) for style, text in _parts(answer)])
