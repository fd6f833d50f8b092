"""Questions that name no agency over a corpus of many agencies are asked back, not searched."""
from __future__ import annotations

from knowledge import Store, ask
from knowledge.store import agency_terms as terms
from knowledge.store.catalog import WHOLE_CORPUS_AGENCIES


def _store(agencies: int) -> Store:
    """A store with one 2024 report per town of 晋江-like names (report rows and agency terms only)."""
    store = Store(":memory:")
    names = [f"第{i:03d}镇人民政府" for i in range(agencies)]
    store.db["reports"].insert_all({"sha256": str(i), "title": f"{a}2024年政府信息公开工作年度报告", "agency": a,
                                    "year": 2024, "source": f"{i}.txt", "n_facts": 0, "n_warnings": 0}
                                   for i, a in enumerate(names))
    terms.fill(store.db.conn, names, None)
    return store


def test_a_question_naming_no_agency_among_many_is_asked_back() -> None:
    store = _store(WHOLE_CORPUS_AGENCIES + 1)
    answer = ask(store, "2024年依申请公开多少件")
    assert answer.status == "not_found" and answer.best is None
    assert f"已收录 {WHOLE_CORPUS_AGENCIES + 1} 个机关的年报，请在问题里写上机关名" in answer.note
    coverage = ask(store, "有哪些年份的年报")
    assert coverage.status == "not_found" and not coverage.points
    assert f"已收录 {WHOLE_CORPUS_AGENCIES + 1} 个机关的 {WHOLE_CORPUS_AGENCIES + 1} 份年报，2024–2024年" in coverage.note


def test_a_question_naming_no_agency_among_few_is_still_looked_up() -> None:
    store = _store(WHOLE_CORPUS_AGENCIES)
    assert "请在问题里写上机关名" not in ask(store, "2024年依申请公开多少件").note
    coverage = ask(store, "有哪些年份的年报")
    assert coverage.status == "answered" and len(coverage.points) == WHOLE_CORPUS_AGENCIES
