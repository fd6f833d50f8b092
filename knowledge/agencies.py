"""机关简称：从已加载报告的机关全称生成别名，并在问题里找出所指的机关。

An agency is known by its most specific place unit: 晋江市人民政府灵源街道办事处 is 灵源街道 / 灵源
(晋江市 is only its parent), 晋江市人民政府办公室 is 晋江市 / 晋江. Agencies that share that unit
form a group (晋江市人民政府 and 晋江市人民政府办公室): a question naming the unit may fall back
from one to the other when only one has the year asked for.
"""
from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from functools import lru_cache

from knowledge.agency_names import is_department, romanized, short_forms
from knowledge.places import Gazetteer, pinyin_keys

_UNIT = re.compile(r"[\u4e00-\u9fff]{1,10}?(?:自治州|自治县|特别行政区|综合实验区|新区|开发区|省|市|区|县|旗|镇|乡|街道)")
ORG_SUFFIXES = ("人民政府办公室", "人民政府办公厅", "人民政府", "政府办公室", "办事处", "管理委员会", "管委会",
                 "办公室", "政府")
_UNIT_SUFFIXES = ("综合实验区", "自治州", "自治县", "开发区", "新区", "街道", "省", "市", "区", "县", "旗", "镇", "乡")
_PLACE_WORD = re.compile(r"([\u4e00-\u9fff]{2,8}?(?:省|市|区|县|镇|乡|街道))")
_LEADING_NAME = re.compile(r"^\s*([\u4e00-\u9fff]{2,3})(?=\s*(?:19|20)\d{2}\s*年|去年|今年|前年)")
"""Two or three characters right before the year at the start: where a place is named."""
_NOT_PLACES = ("全区", "全市", "全县", "全镇", "我区", "我市", "我县", "我镇", "本区", "本市", "辖区", "城区", "社区",
               "地区", "小区", "园区", "街道办", "市民", "实验区")


@dataclass(frozen=True)
class AgencyMatch:
    """Agencies a question names: the best-named ones first, and their whole group."""

    best: tuple[str, ...]
    group: tuple[str, ...]
    spans: tuple[str, ...]
    """The alias strings found in the question (to strip them from the measure)."""


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


def _is_place_name(word: str) -> bool:
    """jieba's part-of-speech tagger calls `word` a place (ns), or a name it cannot place (nr,
    as for 石狮) that is not in the domain vocabulary."""
    from knowledge.tokenize import pos_tags

    tags = pos_tags(word)
    return len(tags) == 1 and tags[0][1] in ("ns", "nr", "nrt")


class AgencyIndex:
    """Aliases of every loaded agency, for finding agencies in a question."""

    def __init__(self, agencies: list[str], gazetteer: Gazetteer | None = None) -> None:
        self.agencies = sorted(set(a for a in agencies if a))
        self.alias_map: dict[str, tuple[str | int, ...]] = {}
        """alias → (agency, strength, agency, strength, …): one flat tuple per alias, a fraction of
        a dict's size when there are 100,000s of aliases (see owners())."""
        self.spelled: dict[str, tuple[str, str]] = {}
        """agency → (official unit, the report's misspelt unit), for OCR'd agency names."""
        self.by_pinyin: dict[str, str] = {}
        """toneless pinyin of a place's short name → the short name (jinjiang → 晋江)."""
        self.gazetteer = gazetteer
        for agency in self.agencies:
            group_key(agency)  # cached: answers look the group of every report up
            for alias, strength in aliases(agency).items():
                self.alias_map[alias] = self.alias_map.get(alias, ()) + (agency, strength)
            found = units(agency)
            for unit in found:
                if not is_department(agency, unit) or unit != found[-1]:
                    for key in pinyin_keys(core(unit)):
                        self.by_pinyin.setdefault(key, core(unit))
            if gazetteer is not None and found and not gazetteer.lookup(found[-1]) and len(found) > 1:
                official = gazetteer.official_spelling(found[-1], found[:-1])
                if official:
                    self.spelled[agency] = (official, found[-1])
                    for alias, strength in aliases(agency.replace(found[-1], official)).items():
                        had = self.alias_map.get(alias, ())
                        if agency not in had[::2]:
                            self.alias_map[alias] = had + (agency, strength)
        if gazetteer is not None:
            gazetteer.drop_spelling_index()
        self._units = frozenset(u for a in self.agencies for u in units(a)) - self.alias_map.keys()
        """Place units of the loaded agencies that are no alias; with the aliases, every place name."""
        self._places_text = "\0".join(sorted(self._units | self.alias_map.keys()))
        """Every place name in one string: 「is this word inside some place name」 is one C-level search."""
        self._above: set[str] | None = None
        self._by_head: dict[str, list[str]] = {}
        """Aliases by their first two characters: a question is scanned once, not every alias."""
        for alias in self.alias_map:
            self._by_head.setdefault(alias[:2], []).append(alias)
        self._departments: dict[str, list[str]] = {}
        """Place names (unit and its short name) → the department agencies of that place."""
        for agency in self.agencies:
            found = units(agency)
            if found and is_department(agency, found[-1]):
                for name in {found[-1], core(found[-1])}:
                    self._departments.setdefault(name, []).append(agency)

    def _ancestors(self) -> set[str]:
        """Every place above a loaded agency's own place in the gazetteer (泉州市, 福建省…)."""
        if self._above is None:
            self._above = set()
            if self.gazetteer is not None:
                for unit in {found[-1] for a in self.agencies if (found := units(a))}:
                    for place in self.gazetteer.lookup(unit):
                        self._above.update(place.parents)
                        self._above.update(core(p) for p in place.parents)
        return self._above

    def _aliases_in(self, question: str) -> list[tuple[int, str]]:
        """(position, alias) for every alias in the question, first occurrences only."""
        seen: dict[str, int] = {}
        for i in range(len(question) - 1):
            for alias in self._by_head.get(question[i:i + 2], ()):
                if alias not in seen and question.startswith(alias, i):
                    seen[alias] = i
        return [(at, alias) for alias, at in seen.items()]

    def romanized(self, question: str) -> tuple[str, tuple[tuple[str, str], ...]]:
        """Pinyin place names in `question` (Jinjiang, Licheng区) written as the loaded place."""
        return romanized(question, self.by_pinyin)

    def narrower_place(self, question: str, best: tuple[str, ...]) -> str:
        """A place in the question below or beside the matched agencies (晋江市磁灶镇, 金井镇围头村):
        no loaded report covers it, so its parent's figures must not answer ('' if none)."""
        if self.gazetteer is None or not best:
            return ""
        own = {u for a in best for u in units(a)} | {self.spelled[a][0] for a in best if a in self.spelled}
        for word in self.gazetteer.place_words(question):
            if word in own or any(word in u or core(u) == core(word) for u in own) or word in self.alias_map:
                continue
            if word.endswith(("村", "社区")):
                return word
            places = self.gazetteer.lookup(word)
            if any(p.level == "town" for p in places) or any(self.gazetteer.within(word, u) for u in own):
                return word  # a town, or a place inside the matched one (晋江市磁灶镇)
            if places and not any(self.gazetteer.within(u, word) for u in own):
                return word  # a county beside the matched place, not its parent (平潭县 ≠ 平潭综合实验区)
        return ""

    def departments_only(self, question: str) -> tuple[str, ...]:
        """Departments whose place the question names when no body of that place is loaded
        (only 平潭综合实验区公安局 for 「平潭综合实验区…」): they must not answer for it."""
        out: list[str] = []
        for name, agencies in self._departments.items():
            if name in question:
                out += [a for a in agencies if a not in out]
        return tuple(sorted(out))

    def find(self, question: str) -> AgencyMatch:
        """Agencies named in `question` (longest, most specific alias wins)."""
        scores: dict[str, int] = {}
        spans: list[str] = []
        for _at, alias in self._aliases_in(question):
            spans.append(alias)
            for agency, strength in self.owners(alias):
                scores[agency] = max(scores.get(agency, 0), strength)
        if not scores:
            return AgencyMatch((), (), ())
        top = max(scores.values())
        best = tuple(a for a, s in scores.items() if s == top)
        keys = {group_key(a) for a in best}
        group = tuple(a for a in scores if group_key(a) in keys)
        return AgencyMatch(best, group, tuple(sorted(spans, key=len, reverse=True)))

    def find_each(self, question: str) -> tuple[str, ...]:
        """Every agency the question names, one per place, in the order they are named (「鲤城区
        …比晋江市人民政府办公室…」 → both): for comparisons and rankings between bodies."""
        hits: list[tuple[int, int, str, str]] = []  # (position, -strength, place, agency)
        for at, alias in self._aliases_in(question):
            for agency, strength in self.owners(alias):
                hits.append((at, -strength - len(alias), group_key(agency), agency))
        best: dict[str, tuple[int, int, str]] = {}
        for at, weight, place, agency in hits:
            if place not in best or weight < best[place][1]:
                best[place] = (at, weight, agency)
        covered = sorted(best.values())
        return tuple(agency for _at, _w, agency in covered)

    def owners(self, alias: str) -> list[tuple[str, int]]:
        """(agency, strength) of every agency `alias` names."""
        flat = self.alias_map.get(alias, ())
        return list(zip(flat[::2], flat[1::2]))  # type: ignore[arg-type]

    def _in_a_place(self, word: str) -> bool:
        """Whether `word` is part of some loaded place name or alias."""
        return word in self._places_text

    def _holds_a_place(self, word: str) -> bool:
        """Whether some loaded place name or alias (two characters or more) is part of `word`."""
        return any(part in self.alias_map or part in self._units
                   for i in range(len(word)) for j in range(i + 2, len(word) + 1) for part in (word[i:j],))

    def unknown_place(self, question: str) -> str:
        """A place named in the question that no loaded agency belongs to ('' if none): a word
        ending in 市/区/县/镇/街道…, or a bare place name (石狮, 南安) that opens the question
        before its year."""
        for m in _PLACE_WORD.finditer(question):
            word = m.group(1).lstrip("年各")
            if len(word) < 2 or word in ("街道", "乡镇", "区县", "县区", "镇街"):
                continue
            real = self.gazetteer is not None and bool(self.gazetteer.lookup(word))
            if real and word in self._ancestors():
                continue  # a parent of loaded places (泉州市各区县…): not unknown
            if word in _NOT_PLACES or (not real and len(word) <= 3 and any(word.endswith(n) for n in _NOT_PLACES)):
                continue
            if not self._in_a_place(word) and not self._holds_a_place(word):
                return word
        head = _LEADING_NAME.match(question)
        if head and not self._in_a_place(head.group(1)) and _is_place_name(head.group(1)):
            return head.group(1)
        return ""
