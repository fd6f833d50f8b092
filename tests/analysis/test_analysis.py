"""Answers over many reports through `reportbot ask --json`, with my own questions on the sample and
the real 平潭 reports (values read from the report texts, see the comments)."""
from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from knowledge import bundled_corpus
from tests.conftest import reportbot_cmd, shared_path
from tests.phrasing import load_db


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return load_db(tmp_path_factory.mktemp("analysis") / "a.db", bundled_corpus(), shared_path("real", "reports"))


def _ask(db: Path, *questions: str) -> list[dict]:
    out = subprocess.run([*reportbot_cmd(), "ask", "--json", "--db", str(db)], input="\n".join(questions) + "\n",
                         capture_output=True, text=True, timeout=300, check=True).stdout
    return [json.loads(line) for line in out.splitlines() if line.startswith("{")]


def _by_year(got: dict) -> dict[int, str]:
    return {p["year"]: p["value"] for p in got["points"]}


def test_series_with_a_range_spans_the_2019_and_2021_templates(db: Path) -> None:
    # pingtan_2020 (2019 template) 表二 行政处罚 has 3 numbers glued; 2021 「行政处罚1282」, 2023 「1330」
    got, = _ask(db, "平潭综合实验区2020年到2023年行政强制处理决定数量是怎么变化的")
    assert got["intent"] == "series" and got["status"] == "answered" and got["answer"] is None
    years = _by_year(got)
    assert set(years) <= {2020, 2021, 2023} and years.get(2021) == "42" and years.get(2023) == "54"
    assert [p["year"] for p in got["points"]] == sorted(p["year"] for p in got["points"])  # oldest first


def test_recent_years_take_the_latest_reports(db: Path) -> None:
    got, = _ask(db, "平潭近两年行政复议多少件")
    assert got["intent"] == "series" and sorted(_by_year(got)) == [2023, 2025]


def test_comparison_with_the_previous_report_names_the_gap(db: Path) -> None:
    # 2025 「行政强制64」 vs 2023 「行政强制54」; no 2024 report, so the nearest earlier one is used
    got, = _ask(db, "平潭综合实验区2025年行政强制比上年增加多少")
    assert got["intent"] == "comparison" and got["answer"]["value"] == "+10"
    assert got["derived"]["name"] == "差值" and "2024" in got["text"]


def test_ranking_between_two_named_agencies(db: Path) -> None:
    # 2024: 鲤城区 本年新收 81, 晋江市人民政府办公室 17
    got, = _ask(db, "2024年鲤城区和晋江市人民政府办公室谁收到的政府信息公开申请多")
    assert got["intent"] == "ranking" and [p["agency"] for p in got["points"]] == ["鲤城区", "晋江市人民政府办公室"]
    assert got["answer"]["value"] == "81"


def test_rates_cite_their_operands(db: Path) -> None:
    got, = _ask(db, "鲤城区2024年办结率是多少")
    assert got["intent"] == "rate" and got["answer"]["unit"] == "%"
    assert got["derived"]["formula"].startswith("办理结果总计")
    numbers = [float(p["value"]) for p in got["points"]]
    assert len(numbers) == 2 and abs(float(got["answer"]["value"]) - round(numbers[0] / sum(numbers) * 100, 1)) < 0.05


def test_coverage_lists_reports_and_gaps(db: Path) -> None:
    got, = _ask(db, "平潭综合实验区有哪几年的年报")
    assert got["intent"] == "coverage" and sorted(_by_year(got)) == [2016, 2020, 2021, 2023, 2025]
    assert "缺 2022、2024" in got["text"]


def test_ranking_of_the_county_level_bodies_of_a_city_uses_the_gazetteer(db: Path) -> None:
    # 泉州市 › 鲤城区 / 晋江市 are county-level; 灵源街道 and 金井镇 are towns, 平潭 lies in 福州
    got, = _ask(db, "2024年泉州市各区县行政处罚处理决定数量排名")
    assert got["intent"] == "ranking" and got["status"] == "answered"
    agencies = [p["agency"] for p in got["points"]]
    assert agencies[0] == "鲤城区" and all("街道" not in a and "镇" not in a and "平潭" not in a for a in agencies)
    towns, = _ask(db, "2023年各街道主动公开政府信息排名")
    assert [p["agency"] for p in towns["points"]] == ["晋江市人民政府灵源街道办事处"]


def test_a_broken_carry_over_between_consecutive_years_warns_on_both_points(tmp_path: Path) -> None:
    """鲤城区 2024 (sample 003) says 上年结转 22; a 2023 copy of it carries 2 over to the next year
    (结转下年度继续办理 总计 2): both points of the series carry the cross-year warning."""
    source = (bundled_corpus() / "003_5740ebcb6cddfa85.txt").read_text(encoding="utf-8")
    folder = tmp_path / "lc"
    folder.mkdir()
    (folder / "lc2024.txt").write_text(source, encoding="utf-8")
    older = (source.replace("鲤城区 2024年政府信息公开工作年度报告", "鲤城区 2023年政府信息公开工作年度报告")
             .replace("鲤城区2024年政府信息公开工作年度报告", "鲤城区2023年政府信息公开工作年度报告")
             .replace("# 鲤城区 2024 年政府信息公开工作年度报告", "# 鲤城区 2023 年政府信息公开工作年度报告")
             .replace("统计期限为 2024 年", "统计期限为 2023 年"))
    (folder / "lc2023.txt").write_text(older, encoding="utf-8")
    db = load_db(tmp_path / "lc.db", folder)
    got, = _ask(db, "鲤城区历年结转下年度继续办理的申请有多少件")
    assert got["intent"] == "series" and sorted(_by_year(got)) == [2023, 2024]
    assert all(any("跨年" in w for w in p["warnings"]) for p in got["points"])
    assert "⚠" in got["text"]


def test_an_unreadable_glued_cell_is_said_plainly(db: Path) -> None:
    """pingtan_2020 表二 prints 「行政处罚2648-18538」: the split of 本年增/减 and 处理决定数量 is not
    unique, so the reply says the figure could not be read, quotes the print and lists the splits."""
    got, = _ask(db, "平潭综合实验区2020年行政处罚处理决定数量是多少")
    assert got["status"] == "not_found" and got["answer"] is None
    assert "没能读出" in got["text"] and "「2648-18538」" in got["text"] and "2648|-18|538" in got["text"]
    known, = _ask(db, "平潭综合实验区2020年行政处罚上一年项目数量是多少")  # the agreed first cell still answers
    assert known["status"] == "answered" and known["answer"]["value"] == "2648"
