"""The matcher on the sample reports: synonyms, short names, traditional characters, years, not_found."""
from __future__ import annotations

from datetime import date

import pytest

from knowledge import Store, ask

TODAY = date(2025, 6, 1)


def _value(store: Store, question: str) -> tuple[str, str | None, int | None]:
    a = ask(store, question, today=TODAY)
    return a.status, a.best.fact.value if a.best else None, a.best.report.year if a.best else None


@pytest.mark.parametrize(
    "question",
    ["2024年晋江依申请公开多少件", "二〇二四年晋江依申请公开多少件", "24年晋江依申请公开多少件",
     "2024年晉江依申請公開多少件", "去年晋江依申请公开多少件", "２０２４年晋江市政府办公室依申请公开多少件"],
)
def test_years_three_ways_and_traditional(sample_store: Store, question: str) -> None:
    assert _value(sample_store, question) == ("answered", "20", 2024)


@pytest.mark.parametrize(
    ("question", "value"),
    [
        ("2024年晋江市人民政府办公室本年新收政府信息公开申请数量是多少", "17"),
        ("2024年晋江受理的政府信息公开申请有多少件", "20"),
        ("鲤城区2024年行政处罚多少件", "644"),
        ("鲤城2024年行政强制多少件", "15"),
        ("鲤城区2024年行政事业性收费金额是多少", "149.876378"),
        ("2020年晋江市予以公开的政府信息公开申请有多少件", "142"),
        ("2020年晋江市部分公开的申请有多少件", "21"),
        ("2020年晋江市没有现成信息需要另行制作的申请有多少件", "23"),
        ("2020年晋江市复议后起诉的行政诉讼总计多少件", "5"),
        ("2024年鲤城区予以公开的申请中自然人有多少件", "53"),
        ("灵源2023年规范性文件现行有效多少件", "10"),
    ],
)
def test_synonyms_and_exact_labels(sample_store: Store, question: str, value: str) -> None:
    status, got, _year = _value(sample_store, question)
    assert (status, got) == ("answered", value)


def test_short_agency_names(sample_store: Store) -> None:
    a = ask(sample_store, "灵源收到几次政府信息公开申请", today=TODAY)
    assert a.status == "answered" and a.best.report.agency == "晋江市人民政府灵源街道办事处"
    b = ask(sample_store, "金井2022年主动公开政府信息多少条", today=TODAY)
    assert b.best.report.agency == "晋江市金井镇人民政府" and b.best.fact.value == "36"


def test_no_year_takes_latest_and_offers_others(sample_store: Store) -> None:
    a = ask(sample_store, "晋江依申请公开多少件", today=TODAY)
    assert a.status == "answered" and a.best.report.year == 2024
    assert "2020" in a.note


def test_missing_year_is_not_found_and_says_which_exist(sample_store: Store) -> None:
    a = ask(sample_store, "2019年鲤城区行政许可处理决定数量", today=TODAY)
    assert a.status == "not_found" and a.best is None
    assert "2024" in a.note and "鲤城区" in a.note


def test_missing_agency_is_not_found(sample_store: Store) -> None:
    a = ask(sample_store, "厦门市2024年行政许可处理决定数量是多少", today=TODAY)
    assert a.status == "not_found" and "厦门市" in a.note


def test_unrelated_question_is_not_found(sample_store: Store) -> None:
    assert ask(sample_store, "今天天气怎么样", today=TODAY).status == "not_found"
    assert ask(sample_store, "", today=TODAY).status == "not_found"
    assert ask(sample_store, "行" * 5000, today=TODAY).status == "not_found"


def test_no_agency_with_several_is_ambiguous(sample_store: Store) -> None:
    a = ask(sample_store, "2024年行政许可处理决定数量是多少", today=TODAY)
    assert a.status == "ambiguous"
    assert {x.report.agency for x in a.alternatives} >= {"鲤城区", "晋江市人民政府办公室"}


def test_single_shared_character_is_no_match(sample_store: Store) -> None:
    a = ask(sample_store, "2024年鲤城区罚多少", today=TODAY)
    assert a.status == "not_found" or a.best.fact.value == "644"


def test_a_remainder_category_does_not_answer_for_the_whole(tmp_path) -> None:  # noqa: ANN001
    from knowledge import load_paths

    report = tmp_path / "r.txt"
    report.write_text("某某区2019年政府信息公开工作年度报告\n\n一、总体情况\n\n今年，我区政府信息公开单位共公布政府信息2599条，(其中规划计划类"
                      "信息28条，其他应主动公开政府信息856条)对于主动公开的政府信息，主要通过门户网站公开。\n", encoding="utf-8")
    store = Store(tmp_path / "r.db")
    assert not load_paths(store, [report]).failed
    answer = ask(store, "2019年某某区主动公开政府信息多少条", today=TODAY)
    assert answer.status == "answered" and answer.best is not None and answer.best.fact.value == "2599"
    other = ask(store, "2019年某某区其他应主动公开政府信息多少条", today=TODAY)
    assert other.best is not None and other.best.fact.value == "856"


def test_two_bodies_of_one_place_favour_the_longest_series(tmp_path) -> None:  # noqa: ANN001
    from knowledge import load_paths

    texts = {"county_2013.txt": ("平潭县人民政府2013年政府信息公开工作年度报告", 602),
             "zone_2012.txt": ("平潭综合实验区2012年政府信息公开工作年度报告", 990),
             "zone_2013.txt": ("平潭综合实验区2013年政府信息公开工作年度报告", 1037)}
    for name, (title, n) in texts.items():
        (tmp_path / name).write_text(f"{title}\n\n一、概述\n\n各乡镇主动公开政府信息{n}条，占21%。\n", encoding="utf-8")
    store = Store(tmp_path / "two.db")
    assert not load_paths(store, [tmp_path]).failed
    answer = ask(store, "2013年平潭各乡镇主动公开政府信息多少条", today=TODAY)
    assert answer.best is not None and answer.best.fact.value == "1037"
    assert "602" in {a.fact.value for a in answer.alternatives}
    county = ask(store, "平潭县2013年各乡镇主动公开政府信息多少条", today=TODAY)
    assert county.best is not None and county.best.fact.value == "602"
