"""机关的其他叫法：常见简称（data/agency_abbreviations.txt）、拼音地名（Jinjiang）、
OCR 错字机关名的官方写法（行政区划表），以及「机关本身」与「它的部门」之分。

A body (a government, its office, a street office) is reached by its place alone (晋江, 灵源);
a department (平潭综合实验区公安局) only by a name that includes the department, so a question
about the body is never answered from a department's report.
"""
from __future__ import annotations

import re
from functools import lru_cache
from knowledge.datafile import data_lines, data_rows, data_text

BODY_REMAINDERS = frozenset({"", "人民政府", "政府", "人民政府办公室", "政府办公室", "人民政府办公厅", "办事处",
                             "街道办事处", "人民政府街道办事处", "管委会", "管理委员会", "综合实验区管理委员会"})
"""What may follow an agency's last place unit for the agency to be the place's own body."""
_LATIN = re.compile(r"[A-Za-z][A-Za-z' ]*[A-Za-z]|[A-Za-z]")
_LEVEL_WORDS = re.compile(
    r"(city|district|county|town(ship)?|street|subdistrict|village|province|shi|qu|xian|zhen|jiedao|xiang|sheng)$")


def parse_abbreviations(text: str) -> dict[str, tuple[str, ...]]:
    """full name → short names, from the data file's text; a bad line raises ValueError."""
    out: dict[str, tuple[str, ...]] = {}
    for n, parts in data_rows(text):
        if len(parts) != 2 or not parts[0] or not parts[1]:
            raise ValueError(f"agency_abbreviations.txt line {n}: expected '全称 | 简称、简称'")
        out[parts[0]] = tuple(s.strip() for s in parts[1].split("、") if s.strip())
    return out


@lru_cache(maxsize=1)
def abbreviations() -> dict[str, tuple[str, ...]]:
    """The abbreviation table, read once."""
    return parse_abbreviations(data_text("agency_abbreviations.txt"))


def parse_lookalikes(text: str) -> dict[str, str]:
    """character → the characters OCR mistakes it for, from groups of look-alikes (one group a line)."""
    out: dict[str, str] = {}
    for n, line in data_lines(text):
        group = line.split()
        if len(group) < 2 or any(len(ch) != 1 for ch in group):
            raise ValueError(f"ocr_confusables.txt line {n}: expected single characters separated by spaces")
        for ch in group:
            out[ch] = out.get(ch, "") + "".join(other for other in group if other != ch)
    return out


@lru_cache(maxsize=1)
def lookalikes() -> dict[str, str]:
    """The OCR look-alike table (data/ocr_confusables.txt), read once."""
    return parse_lookalikes(data_text("ocr_confusables.txt"))


def remainder(agency: str, unit: str) -> str:
    """What follows the last place unit in an agency name: 人民政府, 公安局, '' (鲤城区)."""
    at = agency.rfind(unit)
    return agency[at + len(unit):] if at >= 0 else agency


def is_department(agency: str, unit: str) -> bool:
    """True for 平潭综合实验区公安局 (a department of 平潭), False for the place's own body."""
    return remainder(agency, unit) not in BODY_REMAINDERS


_CONNECTOR = re.compile(r"和|与|及")
_KINDS = (("委员会", "委"), ("办公室", "办"), ("局", "局"))


def derived_shorts(rest: str) -> tuple[str, ...]:
    """The short names a department's own name gives by rule, without a hand list: the first
    character of each part joined by 和/与/及 (人力资源和社会保障局 → 人社局, 交通与建设局 → 交建局),
    else of the two two-character words of a four-character name (地方税务局 → 地税局, 财政金融局 →
    财金局, 社会事业局 → 社事局); such a 委员会 is also its first character + 委 (科学技术委员会 → 科技委,
    科委). Longer names without a connector get none: their abbreviations follow no rule."""
    if rest in BODY_REMAINDERS:
        return ()
    for full, kind in _KINDS:
        if rest.endswith(full) and len(rest) >= len(full) + 4:
            head = rest[: -len(full)]
            break
    else:
        return ()
    parts = [p for p in _CONNECTOR.split(head) if p]
    if len(parts) >= 2:
        return ("".join(p[0] for p in parts) + kind,) if all(len(p) >= 2 for p in parts) else ()
    if len(head) != 4:
        return ()
    return (head[::2] + kind, head[0] + kind) if full == "委员会" else (head[::2] + kind,)


def short_forms(agency: str, unit: str, core: str) -> dict[str, int]:
    """Abbreviated names (晋江府办, 鲤城区府, 平潭市场监管局) → alias strength."""
    rest = remainder(agency, unit) or "人民政府"
    out: dict[str, int] = {}
    for short in derived_shorts(rest):
        for name in (unit + short, core + short):
            if len(name) > len(core) + 1:
                out.setdefault(name, 55 + len(name))
    for full, shorts in abbreviations().items():
        if not rest.endswith(full):
            continue
        head = rest[: -len(full)]
        for short in shorts:
            if short.startswith("+"):
                names = [unit + head + short[1:]] if unit[-1] in "市区县镇乡" else []
            else:
                names = [unit + head + short, core + head + short]
            for name in names:
                if len(name) > len(core) + 1:
                    out.setdefault(name, 55 + len(name))
    return out


def romanized(text: str, by_pinyin: dict[str, str]) -> tuple[str, tuple[tuple[str, str], ...]]:
    """Latin place names (Jinjiang, Pingtan, Licheng区, Jinjiang City) replaced by the loaded
    place they spell (`by_pinyin`: toneless pinyin → Chinese short name)."""
    fixes: list[tuple[str, str]] = []

    def swap(m: re.Match[str]) -> str:
        key = re.sub(r"[\s']+", "", m.group(0).lower())
        for candidate in (key, _LEVEL_WORDS.sub("", key)):
            if candidate in by_pinyin:
                fixes.append((m.group(0), by_pinyin[candidate]))
                return by_pinyin[candidate]
        return m.group(0)

    return _LATIN.sub(swap, text), tuple(fixes)
