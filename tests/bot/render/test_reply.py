"""Reply rendering: values first, sources, escaping, warnings, Telegram's length limit."""
from __future__ import annotations

from dataclasses import replace

from bot.render.reply import MAX_REPLY_CHARS, render_html, render_text
from knowledge import Answer, Fact, FoundFact, Reading, ReportInfo
from tests.fake_bot_checks import html_text

REPORT = ReportInfo(id=1, title="晋江市人民政府办公室2024年政府信息公开工作年度报告", agency="晋江市人民政府办公室",
                    year=2024, source="x.txt", facts=10, warnings=1)
FACT = Fact(value="20", unit="件", label="受理信息公开申请", section=("一、总体情况", "（二）依申请公开情况"),
            quote="2024年，受理信息公开申请20件。", kind="text", number=20.0)
READING = Reading(question="2024年晋江依申请公开多少件", normalized="2024年晋江依申请公开多少件",
                  agencies=("晋江市人民政府办公室",), year=2024, measure="依申请公开", unit="件")


def found(fact: Fact = FACT, report: ReportInfo = REPORT, fid: str = "abc") -> FoundFact:
    return FoundFact(fact=fact, report=report, score=0.9, fact_id=fid)


def test_value_bold_then_label_source_and_quote() -> None:
    html = render_html(Answer("answered", READING, best=found()))
    lines = html.split("\n")
    assert lines[0] == "<b>20件</b>"
    assert lines[1] == "受理信息公开申请"
    assert lines[2] == "出处：晋江市人民政府办公室2024年政府信息公开工作年度报告 › 一、总体情况 › （二）依申请公开情况"
    assert lines[3] == "<i>原文：2024年，受理信息公开申请20件。</i>"
    assert render_text(Answer("answered", READING, best=found())).startswith("20件\n受理信息公开申请\n")


def test_report_text_and_question_are_escaped() -> None:
    evil = replace(FACT, label="<b>申请</b> & 办结", quote="原文 <script>alert(1)</script>")
    reading = replace(READING, measure="<i>依申请公开</i>")
    html = render_html(Answer("answered", reading, best=found(evil)))
    assert "&lt;b&gt;申请&lt;/b&gt; &amp; 办结" in html and "&lt;script&gt;" in html
    assert "&lt;i&gt;依申请公开&lt;/i&gt;" in html
    assert "<script>" not in html
    assert "<b>申请</b>" in html_text(html)  # Telegram shows the user's text, not markup


def test_warnings_are_marked() -> None:
    warned = replace(FACT, warnings=("合计 20 与分项之和 19 不符",))
    html = render_html(Answer("answered", READING, best=found(warned)))
    assert "<b>⚠ 合计 20 与分项之和 19 不符</b>" in html
    assert "⚠ 合计 20 与分项之和 19 不符" in render_text(Answer("answered", READING, best=found(warned)))


def test_approximate_figures_say_so() -> None:
    approx = replace(FACT, value="2.7", unit="万条", approx=True)
    assert render_html(Answer("answered", READING, best=found(approx))).startswith("<b>2.7万条（约数）</b>")


def test_long_replies_stay_under_the_limit_and_parse() -> None:
    long_label = replace(FACT, label="很长的标签<>&" * 300, quote="原文" * 2000)
    alts = tuple(found(replace(long_label, value=str(i)), fid=f"f{i}") for i in range(5))
    answer = Answer("answered", READING, best=found(long_label), alternatives=alts, note="注" * 3000)
    for html in (render_html(answer), render_html(replace(answer, status="ambiguous"))):
        assert len(html) <= MAX_REPLY_CHARS
        html_text(html)  # balanced, allowed tags only
    assert len(render_text(answer)) <= MAX_REPLY_CHARS


def test_ambiguous_lists_candidates_with_agencies() -> None:
    other = replace(REPORT, id=2, agency="鲤城区", title="鲤城区2024年政府信息公开工作年度报告")
    answer = Answer("ambiguous", replace(READING, agencies=()), best=found(),
                    alternatives=(found(), found(replace(FACT, value="81"), other, "def")), note="问的是哪个机关？")
    text = render_text(answer)
    assert text.startswith("问的是哪个机关？\n1. 20件")
    assert "（鲤城区 2024年）" in text


def test_not_found_says_what_is_known() -> None:
    answer = Answer("not_found", replace(READING, year=2023), note="没有2023年的年报：只有 2024 年的年报。")
    html = render_html(answer)
    assert html.startswith("<b>没有找到答案。</b>\n没有2023年的年报")
