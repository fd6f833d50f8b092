"""`reportbot check`: every 勾稽 rule per report, the cross-year carried-over rule, exit status."""
from __future__ import annotations

import json
import subprocess
from pathlib import Path

from knowledge import Store, bundled_corpus
from knowledge.analysis.checks import carried_over, check_file, check_store
from knowledge.facts.table_templates import TABLE3_COLS, TOP_CARRIED, TOP_NEXT
from knowledge.model import Fact
from tests.conftest import reportbot_cmd

BROKEN = {
    "晋江市人民政府灵源街道办事处": {
        "表三 自然人列：（七）总计 = 各项办理结果之和",
        "表三 自然人列：一+二 = （七）总计+四",
        "表三「一、本年新收政府信息公开申请数量」行：自然人+…+其他 = 总计",
        "表三「三、本年度办理结果 › （一）予以公开」行：自然人+…+其他 = 总计",
        "表四 行政诉讼 › 未经复议直接起诉：维持+纠正+其他+尚未审结 = 总计",
    },
    "晋江市人民政府": {"表三「一、本年新收政府信息公开申请数量」行：自然人+…+其他 = 总计",
                   "表三 商业企业列：一+二 = （七）总计+四"},
}
"""The rules the sample tables break: 灵源 prints 总计 0 beside 自然人 1 (and a 表四 block that does
not add up); the 2020 晋江 新收 row does not add up."""


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*reportbot_cmd(), "check", *args], capture_output=True, text=True, timeout=120)


def test_samples_fail_exactly_the_broken_rules(sample_store: Store) -> None:
    results = check_store(sample_store)
    assert len(results) == 5
    for result in results:
        assert {c.name for c in result.failed} == BROKEN.get(result.agency, set()), result.title
        assert all(c.status in ("pass", "fail", "cannot") for c in result.checks)
    jinjing = next(r for r in results if "金井" in r.agency)
    assert len(jinjing.checks) == 42 and all(c.status == "pass" for c in jinjing.checks)


def test_failures_are_the_warnings_answers_carry(sample_store: Store) -> None:
    lingyuan = check_store(sample_store, "灵源")[0]
    report = next(r for r in sample_store.reports() if "灵源" in r.agency)
    facts = [s.fact for s in sample_store.facts_of([report.id])]
    for chk in lingyuan.failed:
        labels = {label for label, _ in chk.operands}
        touched = [f for f in facts if f.label in labels]
        assert touched and all(chk.message in f.warnings for f in touched), chk.name


def test_file_check_matches_the_stored_check(sample_store: Store) -> None:
    for path in sorted(Path(bundled_corpus()).glob("*.txt")):
        from_file = check_file(path)
        stored = next(r for r in check_store(sample_store) if r.title == from_file.title)
        assert [(c.name, c.status) for c in from_file.checks] == [(c.name, c.status) for c in stored.checks]


def test_cli_exit_status_and_output(sample_db: Path) -> None:
    everything = run("--db", str(sample_db))
    assert everything.returncode == 1
    assert "✗ 表三「一、本年新收政府信息公开申请数量」行" in everything.stdout
    assert "共 5 份报告，7 条规则不成立。" in everything.stdout
    clean = run("--db", str(sample_db), "鲤城", "--all")
    assert clean.returncode == 0, clean.stdout
    assert "✓ 表四 行政诉讼 › 复议后起诉" in clean.stdout and "✗" not in clean.stdout
    one_file = run(str(Path(bundled_corpus()) / "002_c04ce978e6e30015.txt"), "--json")
    assert one_file.returncode == 1
    payload = json.loads(one_file.stdout.splitlines()[0])
    assert sum(c["status"] == "fail" for c in payload["checks"]) == 5
    missing = run("--db", str(sample_db), "石狮")
    assert missing.returncode == 1 and "没有找到报告" in missing.stderr


def _row(row: str, values: list[str]) -> list[Fact]:
    return [Fact(value=v, unit="件", label=f"{row} › {col[-1]}", section=("三、",), quote="", kind="table",
                 table="表三", row=(row,), col=col) for col, v in zip(TABLE3_COLS, values)]


def test_cross_year_carried_over_is_a_warning() -> None:
    last = _row(TOP_NEXT, ["3", "1", "0", "0", "0", "0", "4"])
    this = _row(TOP_CARRIED, ["3", "0", "0", "0", "0", "0", "3"])
    found = carried_over(last, this, 2024)
    status = {c.name.split("：")[0]: c.status for c in found}
    assert status["跨年 自然人列"] == "pass"
    assert status["跨年 商业企业列"] == "warn" and status["跨年 总计列"] == "warn"
    assert any("上年结转 3" in c.message for c in found if c.status == "warn")
    assert all(c.status == "cannot" for c in carried_over([], this[:1], 2024))


def test_report_notes_name_digits_that_could_not_be_split(tmp_path: Path) -> None:
    from tests.conftest import shared_path

    db = tmp_path / "real.db"
    subprocess.run([*reportbot_cmd(), "load", "--db", str(db), str(shared_path("real", "reports"))],
                   capture_output=True, text=True, timeout=300, check=True)
    shown = run("--db", str(db), "平潭", "--json")
    reports = {json.loads(line)["year"]: json.loads(line) for line in shown.stdout.splitlines()}
    assert any("693665" in n and "未取值" in n for n in reports[2021]["notes"])
    assert any("77132470" in n and "推断" in n for n in reports[2023]["notes"])
    assert shown.returncode == 1  # the 2020 表三 prints 21 beside results that add up to 27
