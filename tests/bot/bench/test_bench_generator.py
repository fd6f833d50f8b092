"""The synthetic benchmark corpus: deterministic, consistent tables, honest questions."""
from __future__ import annotations

import os
import re

import pytest

from bot.bench.generator import generate_corpus

N = 150


@pytest.fixture(scope="module")
def corpus():
    return generate_corpus(N, seed=11)


def _section(text: str, start: str, end: str) -> str:
    return text[text.index(start):text.index(end, text.index(start) + len(start))]


def _numeric_rows(block: str) -> list[list[int]]:
    """Table rows of a text block as their trailing numbers (tab or pipe cells)."""
    rows = []
    for line in block.splitlines():
        cells = [c.strip() for c in re.split(r"\t|\|", line)]
        cells = [c for c in cells if c]
        nums = []
        for c in reversed(cells):
            if not re.fullmatch(r"\d+", c):
                break
            nums.append(int(c))
        if nums:
            rows.append(nums[::-1])
    return rows


def test_deterministic_for_a_seed():
    assert generate_corpus(30, seed=3) == generate_corpus(30, seed=3)
    assert generate_corpus(30, seed=3) != generate_corpus(30, seed=4)


def test_size_layouts_and_years(corpus):
    assert len(corpus) == N
    assert {r.layout for r in corpus} == {"tab", "pipe"}
    assert all(2019 <= r.year <= 2025 for r in corpus)
    assert len({r.file_name for r in corpus}) == N
    by_agency: dict[str, set[int]] = {}
    for r in corpus:
        by_agency.setdefault(r.agency, set()).add(r.year)
    assert len(by_agency) >= N // 8
    assert sum(len(y) for y in by_agency.values()) == N  # one report per agency and year
    assert max(len(y) for y in by_agency.values()) >= 4


def test_table3_obeys_all_rules(corpus):
    for r in corpus:
        block = _section(r.text, "三、收到和处理政府信息公开申请情况", "四、政府信息公开行政复议")
        rows = _numeric_rows(block)
        assert len(rows) == 25 and all(len(row) == 7 for row in rows), r.file_name
        new, carry_in, results, total, carry_out = rows[0], rows[1], rows[2:23], rows[23], rows[24]
        for c in range(7):
            assert new[c] + carry_in[c] == total[c] + carry_out[c], (r.file_name, c)
            assert total[c] == sum(row[c] for row in results), (r.file_name, c)
        for row in rows:
            assert row[6] == sum(row[:6]), r.file_name


def test_table4_blocks_add_up(corpus):
    for r in corpus:
        block = _section(r.text, "四、政府信息公开行政复议", "五、存在的主要问题")
        (row,) = _numeric_rows(block)
        assert len(row) == 15
        for b in range(0, 15, 5):
            assert sum(row[b:b + 4]) == row[b + 4], r.file_name


def test_carry_over_matches_next_year(corpus):
    last: dict[str, tuple[int, list[int]]] = {}
    for r in corpus:
        rows = _numeric_rows(_section(r.text, "三、收到和处理", "四、政府信息公开行政复议"))
        if r.agency in last and last[r.agency][0] == r.year - 1:
            assert rows[1] == last[r.agency][1], r.file_name
        last[r.agency] = (r.year, rows[24])


def _place(aliases: tuple[str, ...]) -> str:
    """The place name the aliases share: 晋江 from (晋江, 晋江市, 晋江市政府办公室)."""
    prefix = os.path.commonprefix(list(aliases))
    return re.sub(r"(市|区|县|镇|街道)$", "", prefix)


def test_short_names_unique(corpus):
    agencies = {r.agency: r.aliases for r in corpus}
    places = {agency: _place(aliases) for agency, aliases in agencies.items()}
    assert len(set(places.values())) == len(places)
    for agency, place in places.items():
        assert 2 <= len(place) <= 3 and place in agency
        assert [a for a in agencies if place in a] == [agency], place
        for alias in agencies[agency]:
            assert not [a for a in agencies if a != agency and alias in a], alias
    texts = {r.agency: r.text for r in corpus}  # no place name leaks into another agency's report
    for agency, place in places.items():
        assert not [a for a, t in texts.items() if a != agency and place in t], place


def test_questions(corpus):
    for r in corpus:
        assert 3 <= len(r.questions) <= 5
        for q in r.questions:
            assert q.agency == r.agency and q.year == r.year and q.section_contains
            assert re.search(rf"(?<![\d.]){re.escape(q.value)}(?![\d.])", r.text), (q, r.file_name)
            assert any(x in q.question for x in (*r.aliases, r.agency))
    questions = [q.question for r in corpus for q in r.questions]
    assert len(set(questions)) == len(questions)
    assert any("〇" in q for q in questions) and any(re.search(r"(?<!\d)\d\d年", q) for q in questions)


def test_prose_figures_distinct(corpus):
    for r in corpus:
        prose = _section(r.text, "一、总体情况", "二、主动公开政府信息情况")
        nums = [int(x) for x in re.findall(r"(?<![\d年月])(\d+)\s*(?:条|篇|份|期|人|场|项)", prose)]
        assert len(nums) == len(set(nums)), (r.file_name, nums)
