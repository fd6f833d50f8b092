"""机关词表：每个已加载机关的别名、地名、拼音等，存在 SQLite 表 agency_terms 里。

Answering used to build an alias index of every loaded agency in memory, which grows with the
corpus (~3.4 KB per agency). Instead the writer derives each agency's terms once, when its first
report is stored, and answering looks them up by primary key (knowledge.understand.agency_index). One row
is (kind, term, agency, strength, value); the kinds:

- ALIAS   a name that means the agency (晋江, 晋江市政府办公室), with its strength
- UNIT    a place unit in the agency's name (晋江市, 灵源街道)
- SUFFIX  every suffix of an alias or unit: 「is this word inside some loaded place name」 is one
          prefix range look-up
- PINYIN  toneless pinyin of a place's short name (term) → the short name (value); strength is the
          unit's position, so the first unit of the first agency wins as before
- DEPT    a place name whose agency is a department of that place (平潭综合实验区公安局)
- SPELLED an OCR-misspelt agency (term) → the official spelling of its own unit (value)
- GROUP   the agency's group key (its most specific place, knowledge.names.agencies.group_key)
- ABOVE   a place above the agency's own one in the gazetteer (泉州市, 福建省, and short forms)
- WORD    a place word of two to four characters the speller should know (灵源, 晋江市)
- SOUND   the toneless pinyin of such a word (term) → the word (value)

The derivation depends on this code, the abbreviations data file and the gazetteer; their
fingerprint (VERSION) is stored in table `derived`, and a store whose fingerprint differs
rebuilds every agency's terms when it opens (knowledge.store.store).
"""
from __future__ import annotations

import hashlib
import logging
import re
import sqlite3
from collections.abc import Callable, Iterable
from contextlib import AbstractContextManager
from functools import lru_cache

from knowledge.names.agencies import aliases, core, group_key, units
from knowledge.names.agency_names import is_department
from knowledge.errors import StoreError
from knowledge.names.places import Gazetteer, pinyin_keys, pinyin_syllables

ALIAS, UNIT, SUFFIX, PINYIN, DEPT, SPELLED, GROUP, ABOVE, WORD, SOUND = "aushdxgvwn"
DERIVATION = "agency-terms 1"
"""Bump when terms_of changes what it derives: stores rebuild their terms on the next open."""

SCHEMA = (("CREATE TABLE IF NOT EXISTS agency_terms (kind TEXT NOT NULL, term TEXT NOT NULL, "
           "agency TEXT NOT NULL, strength INTEGER NOT NULL DEFAULT 0, value TEXT NOT NULL DEFAULT '', "
           "PRIMARY KEY (kind, term, agency, value)) WITHOUT ROWID"),
          "CREATE TABLE IF NOT EXISTS derived (name TEXT PRIMARY KEY, version TEXT NOT NULL)")
log = logging.getLogger(__name__)
_SPEAKABLE = re.compile(r"[\u4e00-\u9fff]{2,4}")

Row = tuple[str, str, str, int, str]


@lru_cache(maxsize=1)
def version() -> str:
    """Fingerprint of everything terms_of reads: this code, the abbreviations file, the gazetteer."""
    import pypinyin

    from knowledge.datafile import data_text
    from knowledge.names.places import _data_file

    digest = hashlib.sha1(DERIVATION.encode())
    digest.update(data_text("agency_abbreviations.txt").encode())
    digest.update(f"{_data_file().stat().st_size} {pypinyin.__version__}".encode())
    return digest.hexdigest()[:16]


def terms_of(agency: str, gazetteer: Gazetteer | None) -> list[Row]:
    """Every term row of one agency (see the module docstring for the kinds)."""
    names = aliases(agency)
    found = units(agency)
    rows: list[Row] = [(GROUP, group_key(agency), agency, 0, "")]
    if gazetteer is not None and len(found) > 1 and not gazetteer.lookup(found[-1]):
        official = gazetteer.official_spelling(found[-1], found[:-1])
        if official:
            rows.append((SPELLED, agency, agency, 0, official))
            for alias, strength in aliases(agency.replace(found[-1], official)).items():
                names.setdefault(alias, strength)
    rows += [(ALIAS, alias, agency, strength, "") for alias, strength in names.items()]
    rows += [(UNIT, unit, agency, 0, "") for unit in found]
    whole = set(names) | set(found)
    rows += [(SUFFIX, s, agency, 0, "") for s in {name[i:] for name in whole for i in range(len(name))}]
    for at, unit in enumerate(found):
        if not is_department(agency, unit) or unit != found[-1]:
            rows += [(PINYIN, key, agency, at, core(unit)) for key in pinyin_keys(core(unit))]
    if found and is_department(agency, found[-1]):
        rows += [(DEPT, name, agency, 0, "") for name in {found[-1], core(found[-1])}]
    if gazetteer is not None and found:
        above = {p for place in gazetteer.lookup(found[-1]) for p in place.parents}
        rows += [(ABOVE, name, agency, 0, "") for name in above | {core(p) for p in above}]
    words = {n for u in found for n in (u, core(u))} | {a for a in names if len(a) <= 4}
    for word in sorted(w for w in words if _SPEAKABLE.fullmatch(w)):
        rows += [(WORD, word, agency, 0, ""), (SOUND, " ".join(pinyin_syllables(word)), agency, 0, word)]
    return rows


def _insert(db: sqlite3.Connection, rows: Iterable[Row], table: str = "agency_terms") -> None:
    db.executemany(f"INSERT OR IGNORE INTO {table} VALUES (?, ?, ?, ?, ?)", rows)


def has_terms(db: sqlite3.Connection, agency: str) -> bool:
    """Whether `agency`'s terms are stored."""
    return db.execute("SELECT 1 FROM agency_terms WHERE kind = ? AND term = ? AND agency = ?",
                      [GROUP, group_key(agency), agency]).fetchone() is not None


def add_agency(db: sqlite3.Connection, agency: str, gazetteer: Callable[[], Gazetteer | None]) -> None:
    """Store `agency`'s terms unless they are there (inside the caller's transaction)."""
    if agency and not has_terms(db, agency):
        _insert(db, terms_of(agency, gazetteer()))


def drop_agency(db: sqlite3.Connection, agency: str, gazetteer: Callable[[], Gazetteer | None]) -> None:
    """Remove `agency`'s terms once it has no report left (inside the caller's transaction)."""
    if not agency or db.execute("SELECT 1 FROM reports WHERE agency = ?", [agency]).fetchone():
        return
    db.executemany("DELETE FROM agency_terms WHERE kind = ? AND term = ? AND agency = ? AND value = ?",
                   [(k, t, a, v) for k, t, a, _s, v in terms_of(agency, gazetteer())])


def fill(db: sqlite3.Connection, agencies: Iterable[str], gazetteer: Gazetteer | None,
         table: str = "agency_terms") -> None:
    """Insert the terms of `agencies` into an empty terms table."""
    for agency in agencies:
        if agency:
            _insert(db, terms_of(agency, gazetteer), table)


def stored_version(db: sqlite3.Connection) -> str | None:
    """The fingerprint the stored terms were derived with (None: never derived)."""
    row = db.execute("SELECT version FROM derived WHERE name = 'agency_terms'").fetchone()
    return row[0] if row else None


def rebuild(db: sqlite3.Connection, gazetteer: Callable[[], Gazetteer | None], current: str,
            table: str = "agency_terms") -> None:
    """Derive every loaded agency's terms afresh (inside the caller's write transaction)."""
    db.execute(f"DELETE FROM {table}")
    agencies = [r[0] for r in db.execute("SELECT DISTINCT agency FROM main.reports").fetchall()]
    fill(db, agencies, gazetteer() if agencies else None, table)
    if table != "agency_terms":
        return
    db.execute("INSERT OR REPLACE INTO derived (name, version) VALUES ('agency_terms', ?)", [current])


def ensure(db: sqlite3.Connection, write: Callable[[], AbstractContextManager[None]],
           gazetteer: Callable[[], Gazetteer | None]) -> None:
    """Derive the stored terms afresh when their fingerprint is not the current one. A store
    that cannot be written (a read-only replica of another version, or one locked by a long
    load) derives them into a temporary table of this connection instead, and says so."""
    current = version()
    if stored_version(db) == current:
        return
    try:
        with write():
            rebuild(db, gazetteer, current)
    except (sqlite3.OperationalError, StoreError) as exc:
        log.warning("agency terms derived in memory (%s): the store could not be written", exc)
        db.execute(SCHEMA[0].replace("CREATE TABLE", "CREATE TEMP TABLE"))
        rebuild(db, gazetteer, current, "temp.agency_terms")
