"""The loaded reports, read from the store's reports table as a question needs them.

A question names one or a few agencies; holding every report in memory to find theirs would grow
with the corpus (~0.3 KB a report). Catalog asks SQLite instead, through the (agency, year) index
and the agency terms (knowledge.store.agency_terms), and keeps only a bounded cache of reports by id.
It is rebuilt whenever the store notices a load.
"""
from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator, Mapping, Sequence
from functools import cached_property, lru_cache

from knowledge.names.agencies import group_key
from knowledge.names.terms import GROUP
from knowledge.model import ReportInfo

COLUMNS = "id, title, agency, year, source, n_facts, n_warnings, notes"
"""The reports columns report_info reads, in its order."""
BY_ID_CACHE = 4096
"""Reports kept by id (a ranking cites up to a few hundred; the rest are read again)."""
WHOLE_CORPUS_AGENCIES = 50
"""A question naming no agency is looked up in every agency's reports only up to this many
agencies; beyond, it is asked back: a figure from one of thousands of bodies answers nothing."""
_NAMES = "SELECT value FROM json_each(?)"


def report_info(row: Sequence) -> ReportInfo:
    """A ReportInfo from a row of COLUMNS."""
    rid, title, agency, year, source, n_facts, n_warnings, notes = row
    return ReportInfo(id=rid, title=title, agency=agency or "", year=year, source=source or "",
                      facts=n_facts or 0, warnings=n_warnings or 0,
                      notes=tuple(json.loads(notes)) if notes else ())


class Catalog:
    """Every loaded report (iterable, by agency then year), with the look-ups questions make."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db
        self.by_id: Mapping[int, ReportInfo] = _ById(db)
        """Report by id."""
        self.series_of = lru_cache(maxsize=BY_ID_CACHE)(self._series_of)
        """How many reports an agency has (the main publisher of a place has the longest series)."""

    def _reports(self, where: str, params: Sequence = (), order: str = "agency, year, id") -> list[ReportInfo]:
        return [report_info(r) for r in self.db.execute(f"SELECT {COLUMNS} FROM reports {where} ORDER BY {order}",
                                                        params)]

    def __iter__(self) -> Iterator[ReportInfo]:
        return (report_info(r) for r in self.db.execute(f"SELECT {COLUMNS} FROM reports ORDER BY agency, year, id"))

    @cached_property
    def _count(self) -> int:
        return self.db.execute("SELECT count(*) FROM reports").fetchone()[0]

    def __len__(self) -> int:
        return self._count

    def __bool__(self) -> bool:
        return self._count > 0

    def of(self, agencies: Iterable[str]) -> list[ReportInfo]:
        """The reports of these agencies, each agency's oldest first."""
        return self._of(agencies, "")

    def of_year(self, agencies: Iterable[str], year: int | None) -> list[ReportInfo]:
        """The reports of these agencies for `year` (read through the (agency, year) index)."""
        return self._of(agencies, " AND year IS ?", [year])

    def _of(self, agencies: Iterable[str], also: str, params: Sequence = ()) -> list[ReportInfo]:
        names = list(dict.fromkeys(agencies))
        found: dict[str, list[ReportInfo]] = {}
        for x in self._reports(f"WHERE agency IN ({_NAMES}){also}", [json.dumps(names, ensure_ascii=False), *params]):
            found.setdefault(x.agency, []).append(x)
        return [x for a in names for x in found.get(a, ())]

    def report_ids(self, agencies: Iterable[str] | None, year: int | None) -> dict[str, int]:
        """agency → the id of its report for `year` (its latest when None), for `agencies` or,
        given None, every agency: ids only, so a ranking over thousands builds no ReportInfo."""
        where, params = (f"WHERE agency IN ({_NAMES})", [json.dumps(sorted(agencies), ensure_ascii=False)]) \
            if agencies is not None else ("WHERE 1", [])
        if year is not None:
            where, params = where + " AND year = ?", [*params, year]
        out: dict[str, tuple[int, int]] = {}
        for agency, rid, got in self.db.execute(f"SELECT agency, id, year FROM reports {where} "
                                                "ORDER BY agency, year, id", params):
            if agency not in out or (got or 0) > out[agency][1]:
                out[agency] = (rid, got or 0)
        return {a: rid for a, (rid, _y) in out.items()}

    def years_of(self, agency: str) -> list[int]:
        """The years one agency has reports for, oldest first."""
        return [r[0] for r in self.db.execute("SELECT DISTINCT year FROM reports WHERE agency = ? AND year IS NOT NULL "
                                              "ORDER BY year", [agency])]

    @property
    def agencies(self) -> tuple[str, ...]:
        """Every agency, sorted (read afresh: for the rare question about all of them)."""
        return tuple(r[0] or "" for r in self.db.execute("SELECT DISTINCT agency FROM reports ORDER BY agency"))

    def known(self) -> str:
        """「已收录：甲（2023、2024年）、乙（2024年）等 N 个机关。」: what is loaded, for a note."""
        agencies, count = self.some_agencies(8)
        shown = "、".join(f"{a}（{'、'.join(str(y) for y in self.years_of(a))}年）" for a in agencies)
        more = f"等 {count} 个机关" if count > 8 else ""
        return f"已收录：{shown}{more}。"

    def some_agencies(self, limit: int) -> tuple[tuple[str, ...], int]:
        """The first `limit` agencies in order, and how many there are in all."""
        return self._some("agency", "reports", (), limit)

    def _some(self, column: str, source: str, params: Sequence, limit: int) -> tuple[tuple[str, ...], int]:
        """The first `limit` distinct values of `column` in `source`, sorted, and how many there are."""
        first = tuple(r[0] or "" for r in self.db.execute(
            f"SELECT DISTINCT {column} FROM {source} ORDER BY {column} LIMIT ?", [*params, limit]))
        if len(first) < limit:
            return first, len(first)
        return first, self.db.execute(f"SELECT count(DISTINCT {column}) FROM {source}", params).fetchone()[0]

    @cached_property
    def years(self) -> tuple[int, ...]:
        """Every year some report covers, sorted."""
        return tuple(r[0] for r in self.db.execute("SELECT DISTINCT year FROM reports WHERE year IS NOT NULL "
                                                   "ORDER BY year"))

    def _series_of(self, agency: str) -> int:
        return self.db.execute("SELECT count(*) FROM reports WHERE agency = ?", [agency]).fetchone()[0]

    def group_years(self, agency: str) -> list[int]:
        """The years any agency of `agency`'s place group has reports for."""
        return [r[0] for r in self.db.execute(
            "SELECT DISTINCT r.year FROM agency_terms t JOIN reports r ON r.agency = t.agency "
            "WHERE t.kind = ? AND t.term = ? AND r.year IS NOT NULL ORDER BY r.year", [GROUP, group_key(agency)])]

    def some_places(self, limit: int) -> tuple[tuple[str, ...], int]:
        """The first `limit` place groups (knowledge.names.agencies.group_key), sorted, and how many there are."""
        return self._some("term", "agency_terms WHERE kind = ?", [GROUP], limit)

    def page(self, offset: int, limit: int) -> list[ReportInfo]:
        """`limit` reports from the `offset`-th on, by agency then year."""
        return self._reports("", order=f"agency, year, id LIMIT {int(limit)} OFFSET {int(offset)}")

    def agency_page(self, offset: int, limit: int) -> list[str]:
        """`limit` agencies from the `offset`-th on, sorted."""
        return [r[0] or "" for r in self.db.execute("SELECT DISTINCT agency FROM reports ORDER BY agency "
                                                    "LIMIT ? OFFSET ?", [limit, offset])]

    def too_many_to_search(self) -> int:
        """How many agencies there are when more than WHOLE_CORPUS_AGENCIES, else 0."""
        _first, count = self.some_agencies(WHOLE_CORPUS_AGENCIES + 1)
        return count if count > WHOLE_CORPUS_AGENCIES else 0

    def longest_agency(self) -> int:
        """The length of the longest agency name."""
        return self.db.execute("SELECT coalesce(max(length(agency)), 0) FROM reports").fetchone()[0]

    def gaps(self, limit: int) -> dict[str, list[int]]:
        """For the first `limit` agencies lacking some loaded year: the years they lack."""
        rows = self.db.execute("SELECT agency, group_concat(DISTINCT year) FROM reports GROUP BY agency "
                               "HAVING count(DISTINCT year) < ? ORDER BY agency LIMIT ?", [len(self.years), limit])
        return {agency or "": [y for y in self.years if str(y) not in (have or "").split(",")] for agency, have in rows}

    def newest(self, limit: int) -> list[ReportInfo]:
        """The `limit` reports of the latest years (by agency within a year)."""
        return self._reports("WHERE year IS NOT NULL", order=f"year DESC, agency, id LIMIT {int(limit)}")


class _ById(Mapping[int, ReportInfo]):
    """Reports by id, read on demand; the BY_ID_CACHE most recently used stay in memory."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db
        self._cache: dict[int, ReportInfo] = {}

    def __getitem__(self, report_id: int) -> ReportInfo:
        found = self._cache.pop(report_id, None)
        if found is None:
            row = self.db.execute(f"SELECT {COLUMNS} FROM reports WHERE id = ?", [report_id]).fetchone()
            if row is None:
                raise KeyError(report_id)
            found = report_info(row)
            if len(self._cache) >= BY_ID_CACHE:
                del self._cache[next(iter(self._cache))]  # the least recently used
        self._cache[report_id] = found
        return found

    def __iter__(self) -> Iterator[int]:
        return (r[0] for r in self.db.execute("SELECT id FROM reports ORDER BY id"))

    def __len__(self) -> int:
        return self.db.execute("SELECT count(*) FROM reports").fetchone()[0]
