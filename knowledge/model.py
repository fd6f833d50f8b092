"""Facts and answers: the data that flows from the knowledge layer to every front-end."""
from __future__ import annotations

from dataclasses import dataclass, field, replace

SEP = " › "
"""Joins heading paths and row/column paths for display, as in the CLI contract."""


@dataclass(frozen=True)
class Fact:
    """One number from a report, with everything needed to cite it."""

    value: str
    """The number exactly as printed, e.g. "149.876378", "2.7" (for 2.7万余条)."""
    unit: str
    """The report's unit: 件, 条, 篇, 万元, 万条, %, 人, ... ("" when none)."""
    label: str
    """What the number counts: prose words before it, or the table row › column path."""
    section: tuple[str, ...]
    """Heading path of the section holding the number, outermost first."""
    quote: str
    """The sentence (prose) or "表三 › row › column" (table cell)."""
    kind: str
    """'text' for a prose number, 'table' for a table cell."""
    number: float | None = None
    """The value as a float (None if it cannot be read as one)."""
    table: str = ""
    """Table name for cells: 表二, 表三, 表四, or 表 for a generic table."""
    row: tuple[str, ...] = ()
    """Row path of a table cell, e.g. ("三、本年度办理结果", "（一）予以公开")."""
    col: tuple[str, ...] = ()
    """Column path of a table cell, e.g. ("申请人情况", "自然人")."""
    approx: bool = False
    """True for 「10 余场」, 「近 90 万人次」: the report states an approximate figure."""
    primary: bool = True
    """For table cells: True when this column is the row's default answer (总计, 处理决定数量)."""
    warnings: tuple[str, ...] = field(default=())
    """Data-quality notes (broken 勾稽 rules) touching this number."""


@dataclass(frozen=True, slots=True)
class ReportInfo:
    """A loaded report, as the store lists it."""

    id: int
    title: str
    agency: str
    year: int | None
    source: str
    facts: int
    warnings: int
    notes: tuple[str, ...] = ()
    """Report-level findings about its data (see knowledge.facts.Extraction.notes)."""


@dataclass(frozen=True)
class FoundFact:
    """A fact found for a question, with the report it belongs to and its match score."""

    fact: Fact
    report: ReportInfo
    score: float
    fact_id: str = ""
    """Short stable id for sharing and feedback (Latin letters and digits)."""


@dataclass(frozen=True)
class Reading:
    """How a question was understood, so the user can correct it."""

    question: str
    """The question as asked."""
    normalized: str
    """After full-width, traditional and numeral normalisation."""
    agencies: tuple[str, ...] = ()
    """Agencies the question names (full names), () when none."""
    year: int | None = None
    """The year asked about, None when none given."""
    measure: str = ""
    """The words left once agency, year and question words are removed, e.g. "依申请公开"."""
    unit: str = ""
    """Unit the question asks in (件 for 多少件), "" when none."""
    unknown_place: str = ""
    """A place named in the question that no loaded report belongs to, e.g. "厦门市"."""
    asked: str = ""
    """The measure before question words are dropped (「采购了几个项目」): what concepts are read from."""
    intent: str = "fact"
    """What the question asks for: fact, chat, overview, series, comparison, ranking, rate, coverage."""
    asserted: str | None = None
    """For a yes/no question (「是不是0件」) the number claimed, else None."""
    corrections: tuple[tuple[str, str], ...] = ()
    """Words read as other words: typos (正府 → 政府), plain names (行政官司 → 行政诉讼)."""


@dataclass(frozen=True)
class Derived:
    """A figure computed from facts: a difference or a rate, with its formula."""

    name: str
    """e.g. 公开率, 差值."""
    formula: str
    """How it is computed, in words: (予以公开 + 部分公开) / 办理结果总计."""
    value: str
    unit: str


@dataclass(frozen=True)
class Answer:
    """The result of asking one question: rendered by the CLI, the console and the bot alike."""

    status: str
    """'answered', 'ambiguous' or 'not_found'."""
    reading: Reading
    best: FoundFact | None = None
    """The answer ('answered'), or the best guess ('ambiguous'), else None."""
    alternatives: tuple[FoundFact, ...] = ()
    """Other candidates, best first, at most 5."""
    note: str = ""
    """For not_found and ambiguous: what is known instead, or what to choose between."""
    options: tuple[str, ...] = ()
    """For ambiguous: short choices to offer (agency names or years) as follow-up questions."""
    points: tuple[FoundFact, ...] = ()
    """The facts behind an answer that needs more than one (an overview, a series), else ()."""
    derived: Derived | None = None
    """A computed difference or rate, else None."""
    unexplained: float | None = None
    """For a fact chosen by the question's concepts: the weight of the question's words it does
    not account for (knowledge.answer.confidence); None otherwise."""
    leaf_cover: float | None = None
    """For a fact chosen by the score alone: the share of its own words the question names."""

    @property
    def intent(self) -> str:
        """What the question asked for (see Reading.intent)."""
        return self.reading.intent

    @property
    def verdict(self) -> bool | None:
        """For an answered yes/no question: whether the claim holds; None otherwise."""
        if self.status != "answered" or self.best is None or self.reading.asserted is None:
            return None
        number = self.best.fact.number
        return number is not None and abs(number - float(self.reading.asserted)) < 1e-9


# What understanding (knowledge.understand) hands to answering and analysis.
@dataclass(frozen=True)
class Rate:
    """One rate: its name, how people say it, its formula in words, numerator and denominator."""

    name: str
    words: tuple[str, ...]
    formula: str
    numerator: tuple[tuple[int, str, str, str], ...]
    """(sign, table, row concept, column concept) terms."""
    denominator: tuple[tuple[int, str, str, str], ...]


@dataclass(frozen=True)
class Query:
    """A parsed question: the user-facing reading plus what the matcher needs."""

    reading: Reading
    tokens: tuple[str, ...]
    """Canonical measure tokens."""
    group: tuple[str, ...] = ()
    """Agencies sharing the named place (fallback when the best-named one lacks the year)."""
    concepts: tuple[str, ...] = ()
    """The lexicon concepts the measure names (行政处罚, 自然人, 尚未审结…)."""
    carried_year: bool = False
    """The year was carried over from the previous question, not asked."""
    body: tuple[str, str] = ("", "")
    """A body the question names that is no loaded agency, and the words naming it (晋江市公安局,
    公安局): only a figure a loaded report states about it may answer."""
    moved: str = ""
    """A follow-up's agency lacks the carried year (「鲤城区没有2023年的年报，」): answered for its latest."""
    refusal: str = ""
    """Why this question cannot be asked of the loaded reports (an unknown place…); '' when it can."""
    plan: Plan | None = None
    """What an analysis question (series, comparison, ranking, rate, coverage) asks beyond one figure."""

    def in_year(self, year: int | None) -> Query:
        """The query asked of one report's year (so no 「未指明年份」 note is worked out for it)."""
        return replace(self, reading=replace(self.reading, year=year))


@dataclass(frozen=True)
class YearSpan:
    """Which of an agency's report years a series covers: from `low` to `high`, the `last` few, or all."""

    low: int | None = None
    high: int | None = None
    last: int | None = None

    def pick(self, have: list[int]) -> list[int]:
        """The years of `have` (ascending) inside the span."""
        if self.last is not None:
            return have[-self.last:]
        return [y for y in have if (self.low is None or y >= self.low) and (self.high is None or y <= self.high)]


@dataclass(frozen=True)
class Plan:
    """The analysis part of a question, read once by knowledge.understand.plan."""

    measured: Query
    """The query without the words that say how to compare (历年, 对比, 排名…): the one figure to
    find in each report."""
    named: tuple[str, ...]
    """Every agency the question names, in order (else the reading's agencies)."""
    years: tuple[int, ...]
    """The years the question names, in order, without repeats."""
    span: YearSpan
    """Which years a series covers (「2020到2023年」「近三年」「2021年以来」)."""
    than: bool
    """「A比B」: the difference is A − B (a plain 「A和B对比」 is the later minus the earlier)."""
    rate: Rate | None
    """The rate asked (公开率…), if any."""
    level: str | None
    """The gazetteer level to rank at (「各区县」 → county), if any."""
