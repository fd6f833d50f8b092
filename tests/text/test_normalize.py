"""Question normalisation: full-width, traditional characters, years written three ways."""
from datetime import date

import pytest

from knowledge.text.normalize import normalize_question

TODAY = date(2026, 11, 25)


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("二〇二四年晋江依申请公开多少件", "2024年晋江依申请公开多少件"),
        ("二零二零年晋江", "2020年晋江"),
        ("24年鲤城区行政处罚", "2024年鲤城区行政处罚"),
        ("２０２４年晋江", "2024年晋江"),
        ("2024 年晋江", "2024年晋江"),
        ("鲤城區2024年行政處罰多少", "鲤城区2024年行政处罚多少"),
        ("鲤城区去年行政处罚多少", "鲤城区2025年行政处罚多少"),
        ("前年灵源收到几件申请", "2024年灵源收到几件申请"),
        ("今年晋江", "2026年晋江"),
    ],
)
def test_normalize_question(question: str, expected: str) -> None:
    assert normalize_question(question, TODAY) == expected


def test_table_words_with_years_are_kept() -> None:
    """本年 and 上年 are table words (本年新收, 上年结转), not relative years."""
    q = normalize_question("上年结转和本年新收的申请", TODAY)
    assert "上年结转" in q and "本年新收" in q


def test_full_width_digits_in_amounts() -> None:
    assert normalize_question("收费１４９．８万元", TODAY) == "收费149.8万元"
