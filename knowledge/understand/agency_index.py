"""在问题里找出所指的机关：查 SQLite 里每个已加载机关的词表（knowledge.store.agency_terms）。

Nothing here grows with the corpus: every look-up is a primary-key query on agency_terms, so
answering over a million reports holds no more than answering over five. A question is cut into
its substrings once and they are looked up together (aliases, departments), and 「is this word
inside a loaded place name」 is one prefix range over the names' suffixes.
"""
from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass

from knowledge.names.agencies import core, group_key, units
from knowledge.names.agency_names import BODY_REMAINDERS, romanized
from knowledge.names import terms
from knowledge.names.places import Gazetteer
from knowledge.store.agency_terms import TermRows

_PLACE_WORD = re.compile(r"([\u4e00-\u9fff]{2,8}?(?:省|市|区|县|镇|乡|街道))")
_LEADING_NAME = re.compile(r"^\s*([\u4e00-\u9fff]{2,3})(?=\s*(?:19|20)\d{2}\s*年|去年|今年|前年)")
"""Two or three characters right before the year at the start: where a place is named."""
_NOT_PLACES = ("全区", "全市", "全县", "全镇", "我区", "我市", "我县", "我镇", "本区", "本市", "辖区", "城区", "社区",
               "地区", "小区", "园区", "街道办", "市民", "实验区")
_SUB_BODY = re.compile(r"(?:(?![和与及跟同比])[\u4e00-\u9fff]){1,8}?(?:分局|委员会|管委会|办公室|派出所|中队|大队|支队|片区|局)"
                       r"(?![长面势限部])")
"""A body's name going on from a matched agency's name: 「…管理局」+「金井分局」, 「晋江市」+「公安局」."""
_WHOLE = re.compile(r"[全我本](?:省|市|区|县|镇|乡|街道)$")
"""「the whole province」 after a place name (福建全省): the place is what comes before."""


@dataclass(frozen=True)
class AgencyMatch:
    """Agencies a question names: the best-named ones first, and their whole group."""

    best: tuple[str, ...]
    group: tuple[str, ...]
    spans: tuple[str, ...]
    """The alias strings found in the question (to strip them from the measure)."""


def _is_place_name(word: str) -> bool:
    """jieba's part-of-speech tagger calls `word` a place (ns), or a name it cannot place (nr,
    as for 石狮) that is not in the domain vocabulary."""
    from knowledge.text.tokenize import pos_tags

    tags = pos_tags(word)
    return len(tags) == 1 and tags[0][1] in ("ns", "nr", "nrt")


def _spans(text: str, longest: int, shortest: int = 2) -> list[str]:
    """Every substring of `text` from `shortest` to `longest` characters."""
    return list({text[i:j] for i in range(len(text)) for j in range(i + shortest, min(len(text), i + longest) + 1)})


class AgencyIndex:
    """Finds the loaded agencies a question names, from the agency_terms rows of `db` (knowledge.store).

    `AgencyIndex(agencies)` derives the terms of a given list into a private in-memory database
    (for tests and tools); answering passes the store's connection as `db`.
    """

    def __init__(self, agencies: Iterable[str] = (), gazetteer: Gazetteer | None = None,
                 db: sqlite3.Connection | None = None) -> None:
        self.rows = TermRows(db) if db is not None else TermRows.of(agencies, gazetteer)
        self.gazetteer = gazetteer
        self._longest: int | None = None
        self.by_pinyin: Mapping[str, str] = _Pinyin(self.rows)
        """toneless pinyin of a place's short name → the short name (jinjiang → 晋江)."""

    def _hits(self, question: str) -> list[tuple[int, str, str, int]]:
        """(position, alias, agency, strength) of every alias in the question, by position."""
        if self._longest is None:
            self._longest = self.rows.longest(terms.ALIAS)
        rows = self.rows.among("term, agency, strength", (terms.ALIAS,), _spans(question, self._longest)).fetchall()
        hits = [(question.find(alias), alias, agency, strength) for alias, agency, strength in rows]
        return sorted(hits, key=lambda h: (h[0], -len(h[1]), h[1], h[2]))

    def is_alias(self, word: str) -> bool:
        """Whether `word` names some loaded agency."""
        return self.rows.has(terms.ALIAS, word)

    def spelling(self, agency: str) -> tuple[str, str]:
        """(official unit, the report's misspelt unit) of an OCR'd agency name, else ('', '')."""
        official = self.rows.value(terms.SPELLED, agency)
        return (official, units(agency)[-1]) if official else ("", "")

    def romanized(self, question: str) -> tuple[str, tuple[tuple[str, str], ...]]:
        """Pinyin place names in `question` (Jinjiang, Licheng区) written as the loaded place."""
        return romanized(question, self.by_pinyin)

    def narrower_place(self, question: str, best: tuple[str, ...]) -> str:
        """A place in the question below or beside the matched agencies (晋江市磁灶镇, 金井镇围头村):
        no loaded report covers it, so its parent's figures must not answer ('' if none)."""
        if self.gazetteer is None or not best:
            return ""
        own = {u for a in best for u in units(a)} | {s for a in best if (s := self.spelling(a)[0])}
        for word in self.gazetteer.place_words(question):
            if word in own or any(word in u or core(u) == core(word) for u in own) or self.is_alias(word):
                continue
            if word.endswith(("村", "社区")):
                return word
            places = self.gazetteer.lookup(word)
            if any(p.level == "town" for p in places) or any(self.gazetteer.within(word, u) for u in own):
                return word  # a town, or a place inside the matched one (晋江市磁灶镇)
            if places and not any(self.gazetteer.within(u, word) for u in own):
                return word  # a county beside the matched place, not its parent (平潭县 ≠ 平潭综合实验区)
        return ""

    def unloaded_body(self, question: str, match: AgencyMatch) -> tuple[str, str]:
        """A body named right after a matched agency's name that is no loaded agency, and the part
        that names it (平潭综合实验区市场监督管理局金井分局 / 金井分局; 晋江市公安局 / 公安局 when only
        the office is loaded): only a figure its loaded relatives state about it may answer
        (('', '') if none)."""
        found = sorted({(at, at + len(span)) for span in match.spans if (at := question.find(span)) >= 0})
        for start, end in found:
            if any(s <= start and end <= e and (s, e) != (start, end) for s, e in found):
                continue  # inside a longer name the question gives (实验区 in 平潭综合实验区…)
            m = _SUB_BODY.match(question, end)
            if m is None or any(end < s < m.end() for s, _e in found):
                continue  # no name goes on, or it runs into another name the question gives
            name = question[start:m.end()]
            if m.group(0).lstrip("省市区县镇乡") in BODY_REMAINDERS:
                continue  # the place's own body (平潭综合实验区 + 区管委会)
            if not self.is_alias(name) and not self._in_a_place(name):
                return name, m.group(0)
        return "", ""

    def departments_only(self, question: str) -> tuple[str, ...]:
        """Departments whose place the question names when no body of that place is loaded
        (only 平潭综合实验区公安局 for 「平潭综合实验区…」): they must not answer for it."""
        return tuple(sorted({r[0] for r in self.rows.among("agency", (terms.DEPT,), _spans(question, 16))}))

    def find(self, question: str) -> AgencyMatch:
        """Agencies named in `question` (longest, most specific alias wins)."""
        scores: dict[str, int] = {}
        spans: dict[str, None] = {}
        for _at, alias, agency, strength in self._hits(question):
            spans[alias] = None
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
        best: dict[str, tuple[int, int, str]] = {}
        for at, alias, agency, strength in self._hits(question):
            place, weight = group_key(agency), -strength - len(alias)
            if place not in best or weight < best[place][1]:
                best[place] = (at, weight, agency)
        return tuple(agency for _at, _w, agency in sorted(best.values()))

    def _in_a_place(self, word: str) -> bool:
        """Whether `word` is part of some loaded place name or alias."""
        return self.rows.has_prefix(terms.SUFFIX, word)

    def _holds_a_place(self, word: str) -> bool:
        """Whether some loaded place name or alias (two characters or more) is part of `word`."""
        return self.rows.among("1", (terms.ALIAS, terms.UNIT), _spans(word, len(word))).fetchone() is not None

    def unknown_place(self, question: str) -> str:
        """A place named in the question that no loaded agency belongs to ('' if none): a word
        ending in 市/区/县/镇/街道…, or a bare place name (石狮, 南安) that opens the question
        before its year."""
        for m in _PLACE_WORD.finditer(question):
            word = _WHOLE.sub("", m.group(1).lstrip("年各").split("各")[0])  # 泉州各区县, 福建全省: 泉州, 福建
            if len(word) < 2 or word in ("街道", "乡镇", "区县", "县区", "镇街"):
                continue
            real = self.gazetteer is not None and bool(self.gazetteer.lookup(word))
            if real and self.rows.has(terms.ABOVE, word):
                continue  # a parent of loaded places (泉州市各区县…): not unknown
            if word in _NOT_PLACES or (not real and len(word) <= 3 and any(word.endswith(n) for n in _NOT_PLACES)):
                continue
            if not self._in_a_place(word) and not self._holds_a_place(word):
                return word
        for word in self._bare_places(question):
            return word
        head = _LEADING_NAME.match(question)
        if head and not self._in_a_place(head.group(1)) and _is_place_name(head.group(1)):
            return head.group(1)
        return ""

    def _bare_places(self, question: str) -> Iterator[str]:
        """Place names without their 市/县/镇 (2024年南安…) that jieba tags as places and the
        gazetteer knows, when no loaded place holds them and none lies inside them."""
        from knowledge.text.tokenize import pos_tags

        if self.gazetteer is None:
            return
        for word, tag in pos_tags(question):
            if tag == "ns" and 2 <= len(word) <= 4 and word not in _NOT_PLACES and self.gazetteer.lookup(word) \
                    and not self.rows.has(terms.ABOVE, word) and not self._in_a_place(word):
                yield word

    # -- the speller's place words (knowledge.understand.speller.Speller) ----------------------------------
    def words_among(self, spans: Iterable[str]) -> set[str]:
        """Those of `spans` that are place words of loaded agencies."""
        return {r[0] for r in self.rows.among("term", (terms.WORD,), spans)}

    def sounding(self, sounds: Iterable[str]) -> dict[str, set[str]]:
        """Place words of loaded agencies by their toneless pinyin, for the given pinyin keys."""
        out: dict[str, set[str]] = {}
        for sound, word in self.rows.among("term, value", (terms.SOUND,), sounds):
            out.setdefault(sound, set()).add(word)
        return out


class _Pinyin(Mapping[str, str]):
    """Pinyin key → a loaded place's short name, looked up in agency_terms."""

    def __init__(self, rows: TermRows) -> None:
        self.rows = rows

    def __getitem__(self, key: str) -> str:
        value = self.rows.value(terms.PINYIN, key)
        if value is None:
            raise KeyError(key)
        return value

    def __iter__(self) -> Iterator[str]:
        return self.rows.terms(terms.PINYIN)

    def __len__(self) -> int:
        return self.rows.count(terms.PINYIN)
