"""The matcher on the crawled 平潭 reports: head nouns, cell qualifiers, rows without a value."""
from __future__ import annotations

from pathlib import Path

import pytest

from knowledge import Store, ask, load_paths
from tests.conftest import shared_path


@pytest.fixture(scope="module")
def real_store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    store = Store(tmp_path_factory.mktemp("real") / "real.db")
    result = load_paths(store, [shared_path("real", "reports")])
    assert not result.failed
    return store


@pytest.mark.parametrize(("question", "value", "leaf"), [
    # the head noun after the last 的 decides: 行政复议, not 申请
    ("2021年平潭因政府信息公开申请引发的行政复议一共有几件", "3", "总计"),
    # 维持 / 直接起诉 pick the cell; the prose 「行政诉讼案件7件」 lacks both
    ("2023年平潭未经复议直接起诉的行政诉讼案件中结果维持的有几件", "4", "结果维持"),
    # 文件数 names a thing, not the unit 件 (the table counts in 条)
    ("平潭2016年历年累计主动公开文件数", "85376", "历年累计"),
    # 本年增/减 and 增减 are the same column
    ("2020年平潭行政事业性收费本年增减", "-15", "本年增/减"),
    # an applicant column without a row word: the year's new applications (提出 = 收到)
    ("2025年平潭综合实验区商业企业提出的政府信息公开申请有几件", "3", "商业企业"),
])
def test_cells_of_flattened_tables(real_store: Store, question: str, value: str, leaf: str) -> None:
    answer = ask(real_store, question)
    assert answer.status == "answered", answer
    assert answer.best is not None
    assert (answer.best.fact.value, answer.best.fact.col[-1]) == (value, leaf)


def test_a_row_without_a_value_is_not_answered_with_its_neighbour(real_store: Store) -> None:
    # 2021 「行政规范性文件693665」 has several splits and no prose support: no value was indexed;
    # the 规章 row's 现行有效件数 (0) must not stand in for it
    answer = ask(real_store, "2021年平潭行政规范性文件现行有效件数")
    assert answer.status == "not_found"
