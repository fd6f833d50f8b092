"""Issue 18, class 「an OCR'd report misspells its own body's name」: a report titled 沐阳县人民政府 is
沭阳县's. The gazetteer and one table of look-alike characters (data/ocr_confusables.txt) give the
official spelling by rule, for any body whose place the gazetteer does not know, with or without
a parent place in its name; a question naming the official place (or its pinyin) reaches the report."""
from __future__ import annotations

import pytest

from knowledge import ask
from knowledge.names.agency_names import lookalikes, parse_lookalikes
from knowledge.names.places import gazetteer
from knowledge.names.terms import SPELLED, terms_of
from knowledge.understand.agency_index import AgencyIndex
from tests.conftest import shared_path

# (the body as the OCR'd report prints it, the place a citizen types)
CASES = [
    ("沐阳县人民政府", "沭阳县"),      # 江苏 宿迁: 沭 read as 沐 (../shared/real/mixed/04)
    ("雎宁县人民政府", "睢宁县"),      # 江苏 徐州: 睢 / 雎
    ("洒阳县人民政府办公室", "泗阳县"),  # 江苏 宿迁: 泗 / 洒
    ("祟义县人民政府", "崇义县"),      # 江西 赣州: 崇 / 祟
    ("陕江县人民政府", "峡江县"),      # 江西 吉安: 峡 / 陕
    ("候马市人民政府", "侯马市"),      # 山西 临汾: 侯 / 候
    ("末央区人民政府", "未央区"),      # 陕西 西安: 未 / 末
]


@pytest.mark.parametrize(("printed", "official"), CASES)
def test_a_misspelt_body_is_reached_by_its_official_place(printed: str, official: str) -> None:
    rows = terms_of(printed, gazetteer())
    assert (SPELLED, printed, printed, 0, official) in rows
    index = AgencyIndex([printed, "晋江市人民政府"], gazetteer=gazetteer())
    for question in (f"{official}2024年依申请公开多少件", f"2024年{official[:-1]}行政处罚多少件"):
        assert index.find(question).best == (printed,), question
    assert index.spelling(printed) == (official, printed.split(official[-1])[0] + official[-1])


def test_a_correctly_spelt_or_unreachable_place_gets_no_other_spelling() -> None:
    gaz, table = gazetteer(), lookalikes()
    for real in ("泊头市", "淅川县", "崇仁县", "晋江市", "未央区"):
        assert gaz.lookalike_spelling(real, table) is None, real  # the gazetteer knows it as printed
    assert gaz.lookalike_spelling("己阳县", table) is None  # no look-alike of it is a place
    assert (SPELLED, "平潭县人民政府", "平潭县人民政府", 0, "平潭县") not in terms_of("平潭县人民政府", gaz)


def test_the_lookalike_table_is_symmetric_and_rejects_bad_lines() -> None:
    table = parse_lookalikes("# c\n沭 沐\n己 已 巳\n")
    assert table["沭"] == "沐" and table["沐"] == "沭" and set(table["已"]) == {"己", "巳"}
    with pytest.raises(ValueError, match="line 1"):
        parse_lookalikes("沭沐\n")


def test_the_ocrd_county_report_answers_questions_naming_the_county(tmp_path) -> None:  # noqa: ANN001
    from knowledge import Store, load_paths

    store = Store(tmp_path / "s.db")
    load_paths(store, [shared_path("real", "mixed", "04_shuyang_xian_2025.txt")])
    for question in ("沭阳县2025年行政许可处理决定有多少件？", "2025年沭阳县行政规范性文件现行有效多少件？",
                     "Shuyang 2025 行政处罚 本年处理决定数量 how many"):
        answer = ask(store, question)
        assert answer.reading.agencies == ("沐阳县人民政府",), (question, answer.note)
        assert any(official in ("沭阳县", "沭阳", "Shuyang") for official, _ in answer.reading.corrections), \
            answer.reading.corrections
    store.close()
