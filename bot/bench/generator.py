"""Synthetic benchmark corpus: standard-format (2021 template) reports with known answers.

`generate_corpus(n, seed)` is deterministic for a seed. Agencies get two-character place names
that are unique within the corpus, so a short name always points at one body.
"""
from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass

from bot.bench.agencies import DEPTS, Agency, make_agency
from bot.bench.data import make_numbers
from bot.bench.questions import PROSE, TABLE, make_questions
from bot.bench.text import render

FIRST = "青云龙泰平长宁兴永福丰南东西华新嘉临清安德瑞海玉石白凤梅桃松柏桂兰崇昌盛常天望"
SECOND = "山江河阳川源溪林浦岭湖港桥田岩口坪塘湾洲峰亭泉水谷沙滨陵丘原庄坝岗渡沟冈埔屿陂"
THIRD = "家头马牛花竹草"
"""Middle characters for three-character names, used only when two-character ones run out."""
MORE = "羊鹿鹤雁燕莲荷杏梨橙"
"""Further middle characters, used only past about 60,000 reports (their own shuffle, so smaller
corpora stay exactly as they were)."""
YEARS = range(2019, 2026)


@dataclass(frozen=True)
class SyntheticQuestion:
    """A question with the answer the generator knows."""

    question: str
    value: str
    """Expected number as printed, e.g. "475" or "12.35"."""
    agency: str
    """Full agency name of the report holding the answer."""
    year: int
    section_contains: str
    """A word the heading path of the answer's section contains."""


@dataclass(frozen=True)
class SyntheticReport:
    """One generated report file."""

    file_name: str
    text: str
    agency: str
    year: int
    layout: str
    """'tab' (tab-separated tables, plain headings) or 'pipe' (Markdown, pipe tables)."""
    questions: tuple[SyntheticQuestion, ...]
    aliases: tuple[str, ...] = ()
    """Short names the questions use for this agency (unique within the corpus)."""


def _boilerplate() -> str:
    """All fixed wording of reports and questions, which no place name may occur in."""
    nums = make_numbers(random.Random(0), 10, [0] * 6)
    doc = render(random.Random(0), "", "", "", 2024, nums, "pipe")
    templates = [t for pool in (PROSE, TABLE) for ts, _, _ in pool.values() for t in ts]
    return "\n".join([doc.text, *templates, *DEPTS])


def name_pool(rng: random.Random) -> list[str]:
    """Shuffled place names; pop() yields all two-character ones before three-character ones."""
    fixed = _boilerplate()
    two = [a + b for a in FIRST for b in SECOND if a + b not in fixed]
    three = [a + m + b for m in THIRD for a in FIRST for b in SECOND if a + m + b not in fixed]
    rng.shuffle(two)
    rng.shuffle(three)
    more = [a + m + b for m in MORE for a in FIRST for b in SECOND if a + m + b not in fixed]
    random.Random(len(more)).shuffle(more)
    return more + three + two


def _agency_years(rng: random.Random, n: int) -> list[tuple[Agency, int]]:
    """About n/6 agencies, each with 4-7 consecutive years, n reports in all."""
    names, plan = name_pool(rng), []
    while len(plan) < n:
        agency = make_agency(rng, names)
        k = min(rng.randint(4, 7), n - len(plan))
        start = rng.randint(YEARS[0], YEARS[-1] + 1 - k)
        plan += [(agency, year) for year in range(start, start + k)]
    return plan


def generate_corpus(n: int, seed: int = 7) -> list[SyntheticReport]:
    """n synthetic reports with 3-5 known-answer questions each; same seed, same corpus."""
    return list(iter_corpus(n, seed))


def iter_corpus(n: int, seed: int = 7) -> Iterator[SyntheticReport]:
    """generate_corpus() one report at a time, so a large corpus is never held in memory."""
    rng = random.Random(seed)
    carry: dict[str, list[int]] = {}
    for i, (agency, year) in enumerate(_agency_years(rng, n)):
        layout = rng.choice(("tab", "pipe"))
        first = agency.full not in carry
        carry_in = [rng.randint(0, 3), 0, 0, 0, 0, 0] if first else carry[agency.full]
        nums = make_numbers(rng, agency.scale, carry_in)
        carry[agency.full] = list(nums.table3[-1][:6])
        doc = render(rng, agency.full, agency.place, agency.me, year, nums, layout)
        questions = tuple(SyntheticQuestion(q, v, agency.full, year, s)
                          for q, v, s in make_questions(rng, agency, year, nums, doc))
        ext = ".txt" if layout == "tab" else ".md"
        yield SyntheticReport(f"bench_{i:05d}{ext}", doc.text, agency.full, year, layout, questions,
                              agency.aliases)
