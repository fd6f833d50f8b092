"""机关词表的推导：从一个机关的全称按规则推出它的别名、地名、拼音、部门、OCR 误拼、上级地名和纠错用词。

The rows are stored by knowledge.store.agency_terms when the agency's first report is stored, and
answering looks them up by primary key (knowledge.understand.agency_index). One row is
(kind, term, agency, strength, value); the kinds:

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
fingerprint (version()) is stored with the rows, and a store whose fingerprint differs derives
every agency's terms again when it opens.
"""
from __future__ import annotations

import hashlib
import re
from functools import lru_cache

from knowledge.names.agencies import aliases, core, group_key, units
from knowledge.names.agency_names import is_department, lookalikes
from knowledge.names.places import Gazetteer, pinyin_keys, pinyin_syllables

ALIAS, UNIT, SUFFIX, PINYIN, DEPT, SPELLED, GROUP, ABOVE, WORD, SOUND = "aushdxgvwn"
DERIVATION = "agency-terms 3"
"""Bump when terms_of changes what it derives: stores rebuild their terms on the next open."""

_SPEAKABLE = re.compile(r"[\u4e00-\u9fff]{2,4}")

Row = tuple[str, str, str, int, str]


@lru_cache(maxsize=1)
def version() -> str:
    """Fingerprint of everything terms_of reads: this code, the abbreviations and look-alike files, the gazetteer."""
    import pypinyin

    from knowledge.datafile import data_text
    from knowledge.names.places import _data_file

    digest = hashlib.sha1(DERIVATION.encode())
    digest.update(data_text("agency_abbreviations.txt").encode())
    digest.update(data_text("ocr_confusables.txt").encode())
    digest.update(f"{_data_file().stat().st_size} {pypinyin.__version__}".encode())
    return digest.hexdigest()[:16]


def terms_of(agency: str, gazetteer: Gazetteer | None) -> list[Row]:
    """Every term row of one agency (see the module docstring for the kinds)."""
    names = aliases(agency)
    found = units(agency)
    rows: list[Row] = [(GROUP, group_key(agency), agency, 0, "")]
    official = ""
    if gazetteer is not None and found and not gazetteer.lookup(found[-1]):
        official = (len(found) > 1 and gazetteer.official_spelling(found[-1], found[:-1])) \
            or gazetteer.lookalike_spelling(found[-1], lookalikes()) or ""
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
    if official and not is_department(agency, found[-1]):  # Shuyang reaches the report printed 沐阳
        rows += [(PINYIN, key, agency, len(found) - 1, core(official)) for key in pinyin_keys(core(official))]
    if found and is_department(agency, found[-1]):
        rows += [(DEPT, name, agency, 0, "") for name in {found[-1], core(found[-1])}]
    if gazetteer is not None and found:
        above = {p for place in gazetteer.lookup(official or found[-1]) for p in place.parents}
        rows += [(ABOVE, name, agency, 0, "") for name in above | {core(p) for p in above}]
    words = {n for u in (*found, official) if u for n in (u, core(u))} | {a for a in names if len(a) <= 4}
    for word in sorted(w for w in words if _SPEAKABLE.fullmatch(w)):
        rows += [(WORD, word, agency, 0, ""), (SOUND, " ".join(pinyin_syllables(word)), agency, 0, word)]
    return rows
