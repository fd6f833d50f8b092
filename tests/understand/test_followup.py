"""Follow-up questions: ask(previous=...) fills agency, year or measure from the chat's last reading."""
from __future__ import annotations

from knowledge import Store, ask

FIRST = "2024年晋江依申请公开多少件"


def test_a_new_year_keeps_agency_and_measure(sample_store: Store) -> None:
    first = ask(sample_store, FIRST)
    answer = ask(sample_store, "那2020年呢", previous=first.reading)
    r = answer.reading
    assert r.year == 2020 and r.agencies == first.reading.agencies and r.measure == first.reading.measure
    assert answer.best is not None and answer.best.report.year == 2020
    assert "晋江" in answer.best.report.agency


def test_a_new_measure_keeps_agency_and_year(sample_store: Store) -> None:
    first = ask(sample_store, FIRST)
    r = ask(sample_store, "行政复议呢", previous=first.reading).reading
    assert r.measure == "行政复议" and r.year == 2024 and r.agencies == first.reading.agencies


def test_a_new_agency_keeps_year_and_measure(sample_store: Store) -> None:
    first = ask(sample_store, FIRST)
    answer = ask(sample_store, "鲤城区呢", previous=first.reading)
    assert answer.reading.agencies == ("鲤城区",) and answer.reading.year == 2024
    assert answer.reading.measure == first.reading.measure
    assert answer.best is not None and answer.best.report.agency == "鲤城区"


def test_a_missing_year_says_which_years_exist(sample_store: Store) -> None:
    first = ask(sample_store, FIRST)
    answer = ask(sample_store, "2023年呢", previous=first.reading)
    assert answer.status == "not_found" and "2023" in answer.note


def test_without_previous_nothing_is_carried(sample_store: Store) -> None:
    alone = ask(sample_store, "那2020年呢")
    assert alone.reading.agencies == () and alone.reading.measure != "依申请公开"
    assert ask(sample_store, "那2020年呢", previous=None) == alone


def test_a_full_question_ignores_the_previous_one(sample_store: Store) -> None:
    first = ask(sample_store, FIRST)
    fresh = ask(sample_store, "鲤城区2024年行政许可")
    assert ask(sample_store, "鲤城区2024年行政许可", previous=first.reading).best == fresh.best


def test_a_new_agency_without_the_carried_year_uses_its_latest_year(sample_store: Store) -> None:
    """「鲤城区呢」 after a 2020 question: 鲤城区 has only 2024, so 2024 answers, and the note says so."""
    first = ask(sample_store, "2020年晋江市人民政府行政处罚处理决定数量是多少")
    assert first.status == "answered" and first.best is not None and first.best.report.year == 2020
    answer = ask(sample_store, "鲤城区呢", previous=first.reading)
    assert answer.status == "answered" and answer.best is not None
    assert answer.best.report.agency == "鲤城区" and answer.best.report.year == 2024
    assert "鲤城区没有2020年的年报" in answer.note and "2024" in answer.note
    # the same follow-up for a year the agency has stays in that year
    again = ask(sample_store, "鲤城区呢", previous=ask(sample_store, "2024年晋江市人民政府办公室行政处罚多少件").reading)
    assert again.best is not None and again.best.report.year == 2024 and "没有" not in again.note
