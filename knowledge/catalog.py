"""The loaded reports as a list, with the look-ups a question needs built once per load.

A question names one or a few agencies; scanning 100,000 reports for them on every question
would cost more than answering. Catalog is the store's report list (agency, then year order)
with views by id, by agency and by place group, each built on first use and kept until the
next load clears the store's cache.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping
from functools import cached_property

from knowledge.agencies import group_key
from knowledge.model import ReportInfo


class Catalog(list[ReportInfo]):
    """Every loaded report (a list, so it iterates as before), with views built once."""

    def __init__(self, reports: Iterable[ReportInfo] = ()) -> None:
        super().__init__(reports)

    @cached_property
    def by_id(self) -> Mapping[int, ReportInfo]:
        """Report by id."""
        return _ById(self)

    @cached_property
    def _by_agency(self) -> dict[str, list[ReportInfo]]:
        out: dict[str, list[ReportInfo]] = defaultdict(list)
        for x in self:
            out[x.agency].append(x)
        for own in out.values():
            own.sort(key=lambda x: x.year or 0)
        return dict(out)

    def of(self, agencies: Iterable[str]) -> list[ReportInfo]:
        """The reports of these agencies, each agency's oldest first."""
        return [x for a in dict.fromkeys(agencies) for x in self._by_agency.get(a, ())]

    def of_year(self, agencies: Iterable[str], year: int | None) -> list[ReportInfo]:
        """The reports of these agencies for `year`."""
        return [x for x in self.of(agencies) if x.year == year]

    def years_of(self, agency: str) -> list[int]:
        """The years one agency has reports for, oldest first."""
        return sorted({x.year for x in self._by_agency.get(agency, ()) if x.year is not None})

    @cached_property
    def agencies(self) -> tuple[str, ...]:
        """Every agency, sorted."""
        return tuple(sorted(self._by_agency))

    @cached_property
    def years(self) -> tuple[int, ...]:
        """Every year some report covers, sorted."""
        return tuple(sorted({x.year for x in self if x.year}))

    @cached_property
    def series(self) -> Counter[str]:
        """How many reports each agency has (the main publisher of a place has the longest series)."""
        return Counter({a: len(own) for a, own in self._by_agency.items()})

    @cached_property
    def _by_group(self) -> dict[str, list[str]]:
        out: dict[str, list[str]] = defaultdict(list)
        for agency in self._by_agency:
            out[group_key(agency)].append(agency)
        return dict(out)

    def group_years(self, agency: str) -> list[int]:
        """The years any agency of `agency`'s place group has reports for."""
        return sorted({y for a in self._by_group.get(group_key(agency), ()) for y in self.years_of(a)})


class _ById(Mapping[int, ReportInfo]):
    """Reports by id in a list indexed by id (ids are SQLite rowids, nearly dense): an eighth of
    a dict's size for 100,000 reports."""

    def __init__(self, reports: Iterable[ReportInfo]) -> None:
        items = list(reports)
        self._slots: list[ReportInfo | None] = [None] * (max((x.id for x in items), default=0) + 1)
        for x in items:
            self._slots[x.id] = x
        self._count = len(items)

    def __getitem__(self, report_id: int) -> ReportInfo:
        found = self._slots[report_id] if 0 <= report_id < len(self._slots) else None
        if found is None:
            raise KeyError(report_id)
        return found

    def __iter__(self) -> Iterator[int]:
        return (i for i, x in enumerate(self._slots) if x is not None)

    def __len__(self) -> int:
        return self._count
