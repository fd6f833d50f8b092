"""机关简称：从机关全称生成别名和所属地名（knowledge.store.agency_terms 存进 SQLite，knowledge.understand.agency_index 查）。

An agency is known by its most specific place unit: 晋江市人民政府灵源街道办事处 is 灵源街道 / 灵源
(晋江市 is only its parent), 晋江市人民政府办公室 is 晋江市 / 晋江. Agencies that share that unit
form a group (晋江市人民政府 and 晋江市人民政府办公室): a question naming the unit may fall back
from one to the other when only one has the year asked for.
"""
from __future__ import annotations

import re
import sys
from functools import lru_cache

from knowledge.names.agency_names import is_department, short_forms

_UNIT = re.compile(r"[\u4e00-\u9fff]{1,10}?(?:自治州|自治县|特别行政区|综合实验区|新区|开发区|省|市|区|县|旗|镇|乡|街道)")
ORG_SUFFIXES = ("人民政府办公室", "人民政府办公厅", "人民政府", "政府办公室", "办事处", "管理委员会", "管委会",
                 "办公室", "政府")
_UNIT_SUFFIXES = ("综合实验区", "自治州", "自治县", "开发区", "新区", "街道", "省", "市", "区", "县", "旗", "镇", "乡")


def units(agency: str) -> list[str]:
    """Place units in an agency name, outermost first: 晋江市人民政府灵源街道办事处 → [晋江市, 灵源街道]."""
    name = agency
    for suffix in ORG_SUFFIXES:
        name = name.replace(suffix, "|")
    return [sys.intern(m.group(0)) for part in name.split("|") for m in _UNIT.finditer(part)]


def core(unit: str) -> str:
    """A unit without its suffix: 灵源街道 → 灵源, 平潭综合实验区 → 平潭综合实验区 minus 综合实验区 → 平潭."""
    for suffix in _UNIT_SUFFIXES:
        if unit.endswith(suffix) and len(unit) - len(suffix) >= 2:
            return sys.intern(unit[: -len(suffix)])  # one string per place, however often asked
    return unit


def aliases(agency: str) -> dict[str, int]:
    """Alias → strength (longer, more specific names are stronger) for one agency."""
    out: dict[str, int] = {agency: 100 + len(agency)}
    out[agency.replace("人民政府", "政府")] = 100 + len(agency)
    short = agency
    for suffix in ORG_SUFFIXES:
        if short.endswith(suffix) and len(short) > len(suffix) + 1:
            short = short[: -len(suffix)]
            break
    found = units(agency)
    depth = 10 * (len(found) - 1)
    if found:
        unit = found[-1]
        c = core(unit)
        if not is_department(agency, unit):
            out.setdefault(unit, 20 + depth + len(unit))
            out.setdefault(c, 10 + depth + len(c))
            if len(c) > 3:
                out.setdefault(c[:2], 5 + depth)
            if unit.endswith("综合实验区"):
                out.setdefault(c + "实验区", 15 + depth + len(c))
                out.setdefault("实验区", 4 + depth)
        rest = agency[agency.find(unit):] if unit in agency else ""
        if rest and rest != unit:
            out.setdefault(rest, 60 + len(rest))
            out.setdefault(rest.replace(unit, c, 1), 55 + len(rest))
        for name, strength in short_forms(agency, unit, c).items():
            out.setdefault(name, strength)
        if is_department(agency, unit):
            return {a: s for a, s in out.items() if len(a) >= 2}
    out.setdefault(short, 50 + len(short))
    return {a: s for a, s in out.items() if len(a) >= 2}


@lru_cache(maxsize=65536)
def group_key(agency: str) -> str:
    """The most specific place of an agency (its group), e.g. 灵源 for the 灵源 street office."""
    found = units(agency)
    return core(found[-1]) if found else agency
