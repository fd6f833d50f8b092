"""Pure parts of the Telegram front-end: file names, report pages, coverage gaps, stats, activity log."""
from __future__ import annotations

import pytest

from bot.telegram import text as txt
from knowledge import ReportInfo, Store, ask
from knowledge.store.catalog import Catalog
from knowledge.store.question_log import add_feedback, export_activity, import_activity, log_question, stats
from knowledge.ingest.loading import LoadResult
from tests.fake_bot_checks import html_text


def report(i: int, agency: str, year: int | None, warnings: int = 0) -> ReportInfo:
    return ReportInfo(id=i, title=f"{agency}{year}年报告", agency=agency, year=year, source="", facts=10,
                      warnings=warnings)


def catalog(reports: list[ReportInfo]) -> Catalog:
    """These reports as rows of a real (in-memory) store, read back as the bot reads them."""
    store = Store(":memory:")
    store.db["reports"].insert_all({"id": r.id, "sha256": str(r.id), "title": r.title, "agency": r.agency,
                                    "year": r.year, "source": r.source, "n_facts": r.facts,
                                    "n_warnings": r.warnings} for r in reports)
    return store.catalog()


@pytest.mark.parametrize(("name", "safe"), [
    ("鲤城区2024年报.txt", "鲤城区2024年报.txt"),
    ("../../etc/passwd", "passwd"),
    ("..\\..\\石狮 <年报>.md", "石狮_年报_.md"),
    (".hidden.txt", "hidden.txt"),
    ("a b;rm -rf.txt", "a_b_rm_-rf.txt"),
    ("", "report.txt"),
    ("...", "report.txt"),
    (None, "report.txt"),
])
def test_safe_file_name(name: str | None, safe: str) -> None:
    assert txt.safe_file_name(name) == safe


def test_safe_file_name_is_bounded_and_keeps_the_suffix() -> None:
    name = txt.safe_file_name("年" * 500 + ".txt")
    assert len(name) <= 120 and name.endswith(".txt")


def test_coverage_gaps_name_missing_years() -> None:
    reports = [report(1, "甲", 2022), report(2, "甲", 2023), report(3, "乙", 2023), report(4, "丙", None)]
    assert catalog(reports).gaps(15) == {"丙": [2022, 2023], "乙": [2022]}
    assert catalog(reports).gaps(1) == {"丙": [2022, 2023]}


def test_report_pages_are_bounded_and_escaped() -> None:
    reports = catalog([report(i, f"机关<{i}>", 2020 + i % 3, warnings=i % 2) for i in range(20)])
    first, pages = txt.reports_page_html(reports, 0)
    assert pages == 3 and "第 1/3 页" in first and "&lt;0&gt;" in first and "⚠ 1 处疑点" in first
    last, _ = txt.reports_page_html(reports, 99)
    assert "第 3/3 页" in last
    for page in range(pages):
        html_text(txt.reports_page_html(reports, page)[0])


def test_examples_use_loaded_agencies_and_years() -> None:
    reports = [report(1, "甲", 2022), report(2, "甲", 2023), report(3, "乙", 2021), report(4, "丙", 2020),
               report(5, "丁", 2019)]
    assert txt.examples(catalog(reports)) == ["2023年甲依申请公开多少件", "2021年乙主动公开政府信息多少条",
                                              "2020年丙行政复议多少件"]
    assert txt.examples(catalog([])) == []
    html_text(txt.help_html(catalog(reports)))


def test_help_and_coverage_stay_one_message_for_many_agencies() -> None:
    """Thousands of agencies: /help names the first ones and counts the rest, /coverage pages them."""
    many = catalog([report(i, f"第{i:04d}机关", 2019 + i % 5) for i in range(3000)])
    help_text = html_text(txt.help_html(many))
    assert len(help_text) < 4096 and "等 3000 个机关" in help_text and "第0000机关：2019年" in help_text
    assert "第2999机关" not in help_text
    page, pages = txt.coverage_page_html(many, 7)
    assert pages == 120 and len(html_text(page)) < 4096
    assert "第0175机关" in page and "第0200机关" not in page and "3000 个机关，3000 份年报，5 个年份" in page
    assert "2019 2020 2021 2022 2023" in page, "every loaded year is a column on every page"
    listing, pages = txt.reports_page_html(many, 0)
    assert pages == 375 and len(html_text(listing)) < 4096


def test_load_summary_names_failed_files() -> None:
    ok = txt.load_html(LoadResult(loaded=["a.txt"], failed=[("/x/<b>.txt", "文件为空")]), swapped=True)
    assert ok.startswith("✅") and "&lt;b&gt;.txt — 文件为空" in ok
    bad = txt.load_html(LoadResult(failed=[("/x/a.txt", "不是年报")]), swapped=False)
    assert bad.startswith("❌") and "原来的索引" in bad
    html_text(ok)


def test_activity_log_stats_and_carry_over(sample_store: Store) -> None:
    for q in ("2024年晋江依申请公开多少件", "2024年厦门市依申请公开多少件", "2024年厦门市依申请公开多少件", "你好"):
        log_question(sample_store, q, ask(sample_store, q), "telegram")
    add_feedback(sample_store, 7, "q", "abc", 1)
    add_feedback(sample_store, 8, "q", "abc", -1)
    add_feedback(sample_store, 9, "q", "abc", -1)
    with pytest.raises(ValueError):
        add_feedback(sample_store, 9, "q", "abc", 5)
    s = stats(sample_store)
    assert s.total == 4 and (s.votes_up, s.votes_down) == (1, 2)
    assert s.by_status.get("chat") == 1 and all(q != "你好" for q, _n in s.unanswered)  # a greeting is no gap
    statuses = [ask(sample_store, "2024年厦门市依申请公开多少件").status]
    if statuses == ["not_found"]:
        assert s.unanswered[0] == ("2024年厦门市依申请公开多少件", 2)
    html_text(txt.stats_html(s))
    other = Store(":memory:")
    import_activity(other, export_activity(sample_store))
    assert stats(other) == s


def test_messages_are_escaped_once_without_quote_entities() -> None:
    html = txt.upload_failed_html("a'b<c>.txt", "can't read <x> & more", True)
    assert "&#x27;" not in html and "a'b&lt;c&gt;.txt" in html and "&amp; more" in html
