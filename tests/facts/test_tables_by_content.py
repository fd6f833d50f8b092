"""Tables found by their content, not only their heading: 表四 printed before its heading (or
without it) right after 表三, and a part heading with a stray character, still give 表三 and 表四."""
from __future__ import annotations

from pathlib import Path

from knowledge import bundled_corpus
from knowledge.facts import document_facts
from loaders import read_document
from tests.report_blocks import JINJIANG_2024

PART3 = ("三、收到和处理政府信息公开申请情况",)
PART4 = ("四、政府信息公开行政复议、行政诉讼情况",)


def lines() -> list[str]:
    return (Path(bundled_corpus()) / JINJIANG_2024).read_text(encoding="utf-8").split("\n")


def table4_span(text: list[str]) -> tuple[int, int, int]:
    """(heading line, first table line, line after the table) of 表四."""
    h = next(i for i, line in enumerate(text) if line.startswith("四、政府信息公开行政复议"))
    j = h + 1
    while not text[j].strip():
        j += 1
    k = j
    while k < len(text) and ("\t" in text[k] or not text[k].strip()):
        k += 1
    return h, j, k


def tables(text: list[str]) -> dict[str, set[tuple[str, ...]]]:
    facts = document_facts(read_document("\n".join(text).encode("utf-8"), "report.txt"))
    out: dict[str, set[tuple[str, ...]]] = {}
    for f in facts:
        if f.kind == "table":
            out.setdefault(f.table, set()).add(f.section)
    return out


def count(text: list[str], kind: str) -> int:
    facts = document_facts(read_document("\n".join(text).encode("utf-8"), "report.txt"))
    return sum(1 for f in facts if f.table == kind)


def test_table4_printed_before_its_heading() -> None:
    text = lines()
    h, j, k = table4_span(text)
    moved = text[:h] + text[j:k] + ["", text[h]] + text[k:]
    assert tables(moved) == {"表二": {("二、主动公开政府信息情况",)}, "表三": {PART3}, "表四": {PART4}}
    assert count(moved, "表三") == count(text, "表三") and count(moved, "表四") == count(text, "表四")


def test_table4_without_its_heading() -> None:
    text = lines()
    h, _, _ = table4_span(text)
    headless = text[:h] + text[h + 1:]
    assert set(tables(headless)) == {"表二", "表三", "表四"}
    assert count(headless, "表三") == count(text, "表三")


def test_part_heading_with_a_stray_character() -> None:
    text = lines()
    h, _, _ = table4_span(text)
    typo = [*text]
    typo[h] = typo[h].replace("行政复议", "行政复x议")
    got = tables(typo)
    assert set(got) == {"表二", "表三", "表四"} and count(typo, "表三") == count(text, "表三")
