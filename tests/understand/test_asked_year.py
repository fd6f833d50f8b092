"""Issue 18, class 「a long message: the year from the wrong sentence」. The year asked about is
the one in the asking clause, else the year of the report the message names, else the nearest
year before the asking clause, then after it; a year of the story (「我是2019年搬到…」) is not it."""
from __future__ import annotations

from datetime import date

import pytest

from knowledge.names.places import gazetteer
from knowledge.understand.agency_index import AgencyIndex
from knowledge.understand.query import parse

AGENCIES = ["晋江市人民政府办公室", "晋江市人民政府", "鲤城区", "晋江市人民政府灵源街道办事处", "晋江市金井镇人民政府"]
TODAY = date(2025, 6, 1)


@pytest.fixture(scope="module")
def index() -> AgencyIndex:
    return AgencyIndex(AGENCIES, gazetteer=gazetteer())


@pytest.mark.parametrize(("message", "year"), [
    ("我2020年就听说晋江政务公开做得好，想问2024年晋江依申请公开多少件", 2024),
    ("几件啊，鲤城区2024年行政处罚的", 2024),
    ("我在看晋江市人民政府2020年的年报，2019年那会儿我还没来，请问依申请公开一共多少件", 2020),
    ("灵源街道2023年的年报里，粉丝从2021年涨了不少，那一年发布的热点信息有几条", 2023),
    ("我是2018年毕业的，现在在金井镇工作，金井镇2022年政务微博发布多少条", 2022),
    ("我是2019年搬到鲤城区的，想先了解一下：2024年鲤城区新收的申请里，自然人提出的有多少件？", 2024),
    ("行政复议多少件，鲤城区2024年", 2024),
])
def test_the_year_asked_is_not_a_year_of_the_story(index: AgencyIndex, message: str, year: int) -> None:
    assert parse(message, index, TODAY).reading.year == year


@pytest.mark.parametrize(("message", "year"), [
    ("2024年晋江依申请公开多少件", 2024),
    ("晋江依申请公开多少件", None),             # none named: answering takes the latest and says so
    ("2024年比2023年晋江依申请公开多了多少件", 2024),
])
def test_plain_questions_keep_their_year(index: AgencyIndex, message: str, year: int | None) -> None:
    assert parse(message, index, TODAY).reading.year == year
