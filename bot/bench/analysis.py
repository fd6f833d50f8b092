"""Analysis questions for the benchmark: series, comparisons and coverage of one agency, rankings
of one year, with the answers the generator knows (from its own fact questions' values)."""
from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from bot.bench.generator import SyntheticReport

_MEASURE = "行政处罚多少件"
"""The fact question template whose value the analysis questions reuse (表二 行政处罚)."""


@dataclass(frozen=True)
class AnalysisQuestion:
    """An analysis question and what a right answer holds."""

    question: str
    intent: str
    agency: str | None
    points: dict[int, str] | dict[str, str]
    """year → value (series, comparison) or agency → value (ranking, first = largest); years for coverage."""


class AnalysisSource:
    """What the analysis questions need from a corpus, gathered one report at a time (a
    100,000-report corpus is never held): the 行政处罚 value and short name of each (agency, year),
    and every year each agency reported."""

    def __init__(self, corpus: Iterable[SyntheticReport] = ()) -> None:
        self.values: dict[tuple[str, int], tuple[str, str]] = {}
        self.years: dict[str, list[int]] = defaultdict(list)
        for r in corpus:
            self.add(r)

    def add(self, r: SyntheticReport) -> None:
        """Note one generated report."""
        self.years[r.agency].append(r.year)
        for q in r.questions:
            if _MEASURE in q.question and r.aliases:
                self.values[(r.agency, r.year)] = (q.value, r.aliases[0])


def analysis_questions(corpus: AnalysisSource | Iterable[SyntheticReport], n: int,
                       seed: int = 11) -> list[AnalysisQuestion]:
    """Up to `n` questions, spread over agencies with two or more years and over the years."""
    rng = random.Random(seed)
    source = corpus if isinstance(corpus, AnalysisSource) else AnalysisSource(corpus)
    values = source.values
    by_agency: dict[str, dict[int, str]] = defaultdict(dict)
    names: dict[str, str] = {}
    for (agency, year), (value, name) in values.items():
        by_agency[agency][year] = value
        names[agency] = name
    many = [a for a, ys in by_agency.items() if len(ys) >= 2]
    rng.shuffle(many)
    by_year: dict[int, dict[str, str]] = defaultdict(dict)
    for (agency, year), (value, _name) in values.items():
        by_year[year][agency] = value
    rank_years = sorted(by_year)[: max(1, n // 10)]
    room = max(0, n - len(rank_years))  # rankings keep their place: a large corpus must time them too
    out: list[AnalysisQuestion] = []
    for agency in many:
        if len(out) >= room:
            break
        years = dict(sorted(by_agency[agency].items()))
        who = names[agency]
        y = sorted(years)
        out.append(AnalysisQuestion(f"{who}历年行政处罚多少件", "series", agency, years))
        out.append(AnalysisQuestion(f"{who}{y[-1]}年行政处罚比{y[0]}年增加了多少件", "comparison", agency,
                                    {y[0]: years[y[0]], y[-1]: years[y[-1]]}))
        every = sorted(set(source.years[agency]))
        out.append(AnalysisQuestion(f"{who}有哪些年份的年报", "coverage", agency, {yr: "" for yr in every}))
    out = out[:room]
    for year in rank_years:
        ranked = dict(sorted(by_year[year].items(), key=lambda kv: -float(kv[1])))
        out.append(AnalysisQuestion(f"{year}年哪个机关行政处罚处理决定数量最多", "ranking", None, ranked))
    return out[:n]


def analysis_ok(answer, q: AnalysisQuestion) -> bool:  # noqa: ANN001 - knowledge.Answer
    """Whether the answer holds the known points (ranking: ordered, and the known figures right)."""
    if answer.status != "answered" or answer.intent != q.intent:
        return False
    points = answer.points
    if q.intent == "coverage":
        return sorted(p.report.year for p in points if p.report.agency == q.agency) == sorted(q.points)
    if q.intent == "ranking":  # largest first, every known figure right, none of the listed range left out
        numbers = [p.fact.number or 0 for p in points]
        got = {p.report.agency: p.fact.value for p in points}
        smallest = min(numbers, default=float("inf"))
        missed = [a for a, v in q.points.items() if float(v) > smallest and a not in got]
        return bool(points) and numbers == sorted(numbers, reverse=True) and not missed and \
            all(float(got[a]) == float(v) for a, v in q.points.items() if a in got)
    got = {p.report.year: p.fact.value for p in points if p.report.agency == q.agency}
    return all(k in got and float(got[k]) == float(v) for k, v in q.points.items())
