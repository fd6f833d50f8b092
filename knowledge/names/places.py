"""行政区划地名表：jionlp 自带的 china_location 数据（省、市、县、乡镇街道），外加拼音工具。

The gazetteer answers which places exist, where each lies (福建省 > 泉州市 > 晋江市 > 磁灶镇), which
units a county has, the official spelling of an OCR-garbled unit name, and which place names a
question mentions. Villages (the fifth level of the file) are skipped; 市直辖/省直辖行政区划
placeholders are transparent, and the 上海市/上海市 city line of a municipality is folded into it.
"""
from __future__ import annotations

import os

os.environ.setdefault("PYPINYIN_NO_PHRASES", "true")  # common readings only: the phrase dictionary costs ~45 MB
os.environ.setdefault("PYPINYIN_NO_DICT_COPY", "true")

import importlib.util
import re
import zipfile
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

LEVELS = ("province", "city", "county", "town")
_ETHNIC = ("蒙古|回|藏|维吾尔|苗|彝|壮|布依|朝鲜|满|侗|瑶|白|土家|哈尼|哈萨克|傣|黎|傈僳|佤|畲|高山|拉祜|水|东乡|"
           "纳西|景颇|柯尔克孜|土|达斡尔|仫佬|羌|布朗|撒拉|毛南|仡佬|锡伯|阿昌|普米|塔吉克|怒|乌孜别克|俄罗斯|"
           "鄂温克|德昂|保安|裕固|京|塔塔尔|独龙|鄂伦春|赫哲|门巴|珞巴|基诺|民")
_TOWN_SUFFIX = re.compile(rf"(?:(?:(?:{_ETHNIC})族)*(?:乡|镇|苏木)|街道办事处|街道办|街道|办事处|地区)$")
_AREA_SUFFIX = re.compile(r"(?:特别行政区|自治区|自治州|自治县|自治旗|地区|林区|新区|省|市|区|县|旗|盟)$")
_SPELLING_SUFFIXES = ("街道办事处", "街道办", "街道", "办事处", "苏木")
_PLACE_ENDINGS = ("省", "市", "区", "县", "旗", "盟", "州")
_TOWN_ENDINGS = ("街道", "苏木", "镇", "乡")
_NOT_PLACE_WORDS = frozenset({"乡镇", "城镇", "街道"})
_VILLAGE = re.compile(r"[^\W\d_a-zA-Z的各个全所有多少和与及在年是等村镇乡区县市省街道]{1,5}?(?:村|社区)")


@dataclass(frozen=True, slots=True)
class Place:
    """One administrative unit: full name, short name, level, enclosing units (outermost first)."""

    name: str
    short: str
    level: str
    parents: tuple[str, ...]
    code: str = ""


def _short(name: str, pattern: re.Pattern[str]) -> str:
    """Name without its administrative suffix, unless that leaves fewer than two characters."""
    stem = pattern.sub("", name)
    return stem if len(stem) >= 2 else name


def _spelling_suffix(name: str) -> str:
    """The suffix two spellings must share: 街道, 镇, 市 ... (else the last character)."""
    if name[-1:] in "道办处木":
        return next((s for s in _SPELLING_SUFFIXES if name.endswith(s)), name[-1:])
    return name[-1:]


def _is_place_word(place: Place) -> bool:
    """Whether place_words should find this name: a real suffix, not a generic word (城区, 开发区)."""
    name = place.name
    if place.level == "town":  # town-level 区/园/场 entries are mostly development zones and farms
        return name.endswith(_TOWN_ENDINGS) and name not in _NOT_PLACE_WORDS
    return name.endswith(_PLACE_ENDINGS) and not (len(name) == 2 and name[1] == "区")


def _data_file() -> Path:
    spec = importlib.util.find_spec("jionlp")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("jionlp is not installed: it ships the china_location data")
    return Path(next(iter(spec.submodule_search_locations))) / "dictionary" / "china_location.zip"


def _parse(data: bytes) -> list[Place]:
    """Places from the tab-indented tree; village lines (four tabs) are never decoded."""
    places: list[Place] = []
    stack: list[str | None] = [None, None, None]  # province, city, county full names
    province_names: tuple[str, ...] = ()
    parents: tuple[str, ...] = ()
    first = data[:data.find(b"\n")].rstrip(b"\r")  # the rest all follow a newline: no 12 MB copy
    for raw in [first, *re.findall(rb"\n((?!\t\t\t\t)[^\r\n]+)", data)]:
        line = raw.decode("utf-8")
        depth = len(line) - len(line.lstrip("\t"))
        name, _, rest = line[depth:].partition("\t")
        code, _, short = rest.partition("\t")
        name = name.strip()
        if depth < 3:
            stack[depth:] = [None] * (3 - depth)
            skip = name.endswith("直辖行政区划") or (depth == 1 and name in province_names)
            if not skip:
                stack[depth] = name
                places.append(Place(name, short.strip() or _short(name, _AREA_SUFFIX), LEVELS[depth],
                                    tuple(n for n in stack[:depth] if n), code.strip()))
            if depth == 0:
                province_names = (name, short.strip())
            parents = tuple(n for n in stack if n)
        elif not name.endswith("直辖行政区划"):
            places.append(Place(name, _short(name, _TOWN_SUFFIX), "town", parents))
    return places


class Gazetteer:
    """Index of places by full and short name, by enclosing unit, and by last character."""

    def __init__(self, places: Sequence[Place]) -> None:
        self.places: tuple[Place, ...] = tuple(places)
        self._by_name: dict[str, list[Place]] = defaultdict(list)
        self._children: dict[tuple[str, ...], list[Place]] = defaultdict(list)
        self._by_shape: dict[tuple[int, str], set[str]] = defaultdict(set)
        self._word_lengths: dict[str, set[int]] = defaultdict(set)
        self._words: set[str] = set()  # names place_words finds
        self._near_index: dict[tuple[int, str], dict[str, tuple[str, ...]]] = {}
        for place in self.places:
            self._by_name[place.name].append(place)
            if place.short != place.name:
                self._by_name[place.short].append(place)
            self._children[place.parents].append(place)
            self._by_shape[len(place.name), _spelling_suffix(place.name)].add(place.name)
            if _is_place_word(place):
                self._words.add(place.name)
                self._word_lengths[place.name[-1]].add(len(place.name))
        self._by_name = dict(self._by_name)
        self._children = dict(self._children)

    def __len__(self) -> int:
        return len(self.places)

    def lookup(self, name: str) -> list[Place]:
        """Places whose full or short name is `name` (several when the name recurs)."""
        return list(self._by_name.get(name, ()))

    def _full(self, names: Sequence[str]) -> set[str]:
        """Full names meant by full or short `names`."""
        return {p.name for n in names for p in self._by_name.get(n, ())} | set(names)

    def _matching(self, name: str, parents: Sequence[str]) -> list[Place]:
        """Places called `name` that lie under every one of `parents` (full or short names)."""
        wanted = [self._full([p]) for p in parents]
        return [pl for pl in self.lookup(name) if all(w & set(pl.parents) for w in wanted)]

    def children(self, name: str, parents: Sequence[str] = ()) -> list[Place]:
        """Direct children of the place(s) called `name`, narrowed to those under every one of `parents`."""
        out: list[Place] = []
        for place in self._matching(name, parents):
            out.extend(self._children.get(place.parents + (place.name,), ()))
        return out

    def within(self, place_name: str, ancestor: str) -> bool:
        """Whether some place called `place_name` lies under the unit called `ancestor`."""
        return bool(self._matching(place_name, [ancestor]))

    def official_spelling(self, unit: str, parents: Sequence[str] = ()) -> str | None:
        """The single gazetteer name one character away from unknown `unit` (same length and suffix)."""
        if not unit or unit in self._by_name:
            return None
        near = self._near(len(unit), _spelling_suffix(unit))
        names = {n for i in range(len(unit)) for n in near.get(unit[:i] + "\0" + unit[i + 1:], ()) if n != unit}
        if parents:
            wanted = self._full(parents)
            names = {n for n in names if any(wanted & set(pl.parents) for pl in self._by_name[n] if pl.name == n)}
        return names.pop() if len(names) == 1 else None

    def lookalike_spelling(self, unit: str, lookalikes: Mapping[str, str]) -> str | None:
        """The single gazetteer name unknown `unit` becomes when one character is swapped for a
        look-alike (`lookalikes`: character → the characters OCR mistakes it for): 沐阳县 → 沭阳县."""
        if not unit or unit in self._by_name:
            return None
        names = {unit[:i] + other + unit[i + 1:] for i, ch in enumerate(unit) for other in lookalikes.get(ch, "")}
        names = {n for n in names if n in self._by_name}
        return names.pop() if len(names) == 1 else None

    def _near(self, length: int, suffix: str) -> dict[str, tuple[str, ...]]:
        """Names of one shape by each pattern with one character blanked (晋\0市 → 晋江市、晋州市…),
        built on first use of the shape: a misspelt name's neighbours are then a few look-ups
        instead of a pass over every name of that length and suffix."""
        key = (length, suffix)
        near = self._near_index.get(key)
        if near is None:
            grouped: dict[str, list[str]] = defaultdict(list)
            for name in self._by_shape.get(key, ()):
                for i in range(length):
                    grouped[name[:i] + "\0" + name[i + 1:]].append(name)
            near = self._near_index[key] = {k: tuple(v) for k, v in grouped.items()}
        return near

    def drop_spelling_index(self) -> None:
        """Forget the patterns official_spelling built (a few MB per shape): an agency index
        calls it once for every loaded agency, then rarely again."""
        self._near_index.clear()

    def place_words(self, text: str) -> list[str]:
        """Suffixed place names in `text` (longest win, no overlaps, text order), plus 村/社区 words after them."""
        spans = []
        for end, char in enumerate(text, 1):
            for length in self._word_lengths.get(char, ()):
                if length <= end and text[end - length:end] in self._words:
                    spans.append((end - length, end))
        chosen: list[tuple[int, int]] = []
        for start, end in sorted(spans, key=lambda s: (s[0] - s[1], s[0])):
            if all(end <= s or start >= e for s, e in chosen):
                chosen.append((start, end))
        words = []
        for start, end in sorted(chosen):
            words.append(text[start:end])
            village = _VILLAGE.match(text, end)
            if village and all(village.end() <= s or village.start() >= e for s, e in chosen):
                words.append(village.group())
        return words


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The process-wide gazetteer, parsed from jionlp's china_location.zip on first use."""
    with zipfile.ZipFile(_data_file()) as archive:
        data = archive.read("china_location.txt")
    return Gazetteer(_parse(data))


def place_words(text: str) -> list[str]:
    """Place names the gazetteer knows in `text` (see Gazetteer.place_words)."""
    return gazetteer().place_words(text)


def pinyin_syllables(text: str) -> list[str]:
    """Toneless lowercase pinyin, one item per character (non-Chinese characters kept, lowercased).

    Each character takes its common reading (pypinyin without its phrase dictionary, which would
    cost ~45 MB): typed words and known words are read the same way, which is all comparing needs."""
    from pypinyin import Style, lazy_pinyin

    return [s.lower() for s in lazy_pinyin(text, style=Style.NORMAL, errors=lambda chars: list(chars))]


def pinyin_key(text: str) -> str:
    """Toneless pinyin of `text` as one lowercase string without spaces: 晋江 -> jinjiang."""
    return "".join(s for s in pinyin_syllables(text) if not s.isspace())


def pinyin_keys(text: str, limit: int = 8) -> set[str]:
    """Every reading of a short name, for names with characters read two ways: 重庆 ->
    {zhongqing, chongqing} (at most `limit` readings)."""
    from pypinyin import Style, pinyin

    keys = [""]
    for readings in pinyin(text, style=Style.NORMAL, heteronym=True, errors=lambda chars: [[c] for c in chars]):
        keys = [k + r.lower() for k in keys for r in dict.fromkeys(readings) if not r.isspace()][:limit]
    return set(keys)
