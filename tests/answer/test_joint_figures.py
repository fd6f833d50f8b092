"""Issue 18, class 「a prose figure that counts the asked thing together with a sibling」: 「办理行政复议、
行政诉讼案件 74 件」 is no answer to 「行政复议多少件」 (../shared/real/mixed/04). Two concepts of one kind
named as one group (joined by 、和及与或) before a number make it their sum; it answers a question
that asks for the group, never one that asks for one member. Cases of my own, one report of a
made-up county; the controls are figures that stand for one member each."""
from __future__ import annotations

from datetime import date

import pytest

from knowledge import Store, ask, load_paths
from knowledge.answer.concept_match import joint
from knowledge.model import Fact

REPORT = """某某县人民政府2024年政府信息公开工作年度报告

一、总体情况

（一）依申请公开

全年共办理行政复议、行政诉讼案件12件。

（二）主动公开

主动公开规章和规范性文件15件。

政务网站和政务新媒体发布信息200条。

全年作出行政处罚与行政强制决定共9件。

因信访举报投诉类、重复申请类不予处理7件。

（三）平台建设

政务微博发布4092条、政务微信发布1330条。

全年办理行政复议3件、行政诉讼2件。
"""
TODAY = date(2025, 6, 1)


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    folder = tmp_path_factory.mktemp("joint")
    (folder / "r.txt").write_text(REPORT, encoding="utf-8")
    store = Store(folder / "r.db")
    assert not load_paths(store, [folder / "r.txt"]).failed
    yield store
    store.close()


@pytest.mark.parametrize(("question", "joint_value"), [
    ("某某县2024年行政复议多少件", "12"),
    ("某某县2024年行政规范性文件公开了多少件", "15"),
    ("某某县2024年政务新媒体发布信息多少条", "200"),
    ("某某县2024年行政处罚决定多少件", "9"),
    ("某某县2024年重复申请不予处理多少件", "7"),
])
def test_a_group_figure_never_answers_for_one_member(store: Store, question: str, joint_value: str) -> None:
    answer = ask(store, question, today=TODAY)
    assert not (answer.status == "answered" and answer.best and answer.best.fact.value == joint_value), \
        (question, answer.status, answer.best and answer.best.fact.quote)


@pytest.mark.parametrize(("question", "value"), [
    ("某某县2024年政务微信发布多少条", "1330"),   # 「政务微博发布4092条、政务微信发布1330条」: one figure each
    ("某某县2024年行政诉讼多少件", "2"),
])
def test_figures_of_one_member_each_still_answer(store: Store, question: str, value: str) -> None:
    answer = ask(store, question, today=TODAY)
    assert answer.status == "answered" and answer.best is not None and answer.best.fact.value == value, \
        (question, answer.status, answer.note)


def test_joint_needs_one_asked_and_one_unasked_member_joined() -> None:
    fact = Fact(value="74", unit="件", label="全县共办理相关案件", section=(), kind="text",
                quote="依法做好相关行政复议、行政诉讼案件的应诉工作，全县共办理相关案件 74 件")
    assert joint(fact, frozenset({"t4_review"}))
    assert not joint(fact, frozenset({"t4_review", "t4_litigation"}))  # both asked: the group is the answer
    assert not joint(fact, frozenset())
    apart = Fact(value="2", unit="件", label="行政诉讼", section=(), kind="text", quote="行政复议3件、行政诉讼2件")
    assert not joint(apart, frozenset({"t4_litigation"}))
