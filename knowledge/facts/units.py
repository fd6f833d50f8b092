"""Find number+unit mentions in one sentence of report prose.

A *mention* is an Arabic-digit number directly followed (spaces allowed) by a counting unit
(件 条 篇 … % 元, optionally with a 万/亿/千 multiplier: 万条, 万人次, 亿元). Anything without a unit
is not a mention, which drops years and dates (2024年, 1月1日), 文号 (〔2021〕30号, 第 711 号),
phone numbers, postcodes and names such as 「12345便民服务热线」.

Conventions:
- `value` is the number as printed, with thousands separators removed ("1,234" → "1234") and
  full-width digits made ASCII; 「2万2千」 is read as value "2.2" with unit 万….
- 「“1537+122”个」 is one mention with value "1537+122" and number 1659 (the sum).
- `unit` is normalised: ％ → %, 「万（人）次」 → 万人次.
- `approx` is True for 余/多 after the number (「10 余场」, 「2.7 万余条」), 以上/左右 after the unit,
  and 近/约/超/超过/逾/突破/不足/不到 right before it.
- Masked first (never mentions): URLs, e-mail addresses, 文号, phone numbers, 《titles》, <!-- -->.
- Skipped: ordinals (第 before the number), integer parts of 11+ digits (mobile numbers, table
  rows run together: 「政府集中采购39573802895.90元」), numbers glued to Latin letters (H5, 5G) or to a
  preceding digit run, '-', '.', '/' (ranges, phone pieces, paths).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

UNITS: tuple[str, ...] = (
    "个工作日", "个百分点", "个月", "人次", "批次", "场次", "小项", "小时", "分钟",
    "件", "条", "篇", "份", "期", "次", "人", "场", "个", "项", "家", "类", "批", "户", "名", "所",
    "处", "台", "块", "栏", "页", "天", "倍", "起", "宗", "笔", "册", "本", "套", "张", "幅", "部",
    "集", "组", "支", "座", "轮", "元", "%", "％",
)
"""Counting units, longest first where one is a prefix of another."""

_NOT_BEFORE: dict[str, str] = {
    "人": "民员大", "部": "门署分", "条": "例款", "名": "单称义", "期": "间限", "处": "理罚置",
    "支": "持出付部", "集": "中体团", "组": "织成", "本": "级年部单市区镇次届期人", "张": "贴",
    "座": "谈", "台": "账帐", "起": "草诉来", "家": "庭长", "户": "籍口", "栏": "目", "页": "面",
    "批": "准复示", "项": "目", "轮": "岗换", "所": "有以在属", "天": "然", "元": "旦素",
}
"""Characters that, right after a unit character, show it starts a word (16部门, 3人民) instead."""

APPROX_BEFORE: tuple[str, ...] = ("超过", "突破", "将近", "大约", "不足", "不到", "超", "近", "约", "逾")
"""Words right before a number that make it approximate (longest first)."""

_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_UNIT_ALT = "|".join(
    re.escape(u) + (f"(?![{_NOT_BEFORE[u]}])" if u in _NOT_BEFORE else "") for u in UNITS
)
_MENTION = re.compile(
    rf"(?<![0-9A-Za-z.\-/_@~])"
    rf"(?P<num>(?:{_NUM})(?:\s*\+\s*(?:{_NUM}))*)(?![0-9A-Za-z])"
    r"[”\"’」]?\s*(?P<a1>余|多)?\s*(?P<mult>万|亿|千)?(?:(?P<k>\d)千)?\s*(?P<a2>余|多)?"
    rf"\s*(?P<unit>[（(]人[）)]次|{_UNIT_ALT})?(?P<a3>\s*(?:以上|左右))?"
)
_MASKS = re.compile(
    r"(?:https?://|www\.)[0-9A-Za-z./:_\-?=&%#~]*"          # URLs
    r"|[0-9A-Za-z._%+\-]+@[0-9A-Za-z.\-]+"                  # e-mail
    r"|[〔\[［【(（]\s*\d{4}\s*[〕\]］】)）]\s*\d+\s*号"      # 文号 〔2021〕30号
    r"|\d{3,4}\s*[-—–－]+\s*\d{7,8}"                         # phone 0595—85662126
    r"|《[^《》]*》|<!--.*?-->"                              # titles, HTML comments
)
_TOO_LONG = re.compile(r"\d{11}")
"""An integer part of 11+ digits is a mobile number or digits of a flattened table run together."""
_WIDE = str.maketrans("０１２３４５６７８９．％", "0123456789.%")


@dataclass(frozen=True)
class Mention:
    """One number with its unit, as positions into the sentence it was found in."""

    start: int
    """Where the number starts (approx words before it are not included)."""
    end: int
    """Just after the unit and any trailing 余/以上/左右."""
    value: str
    number: float
    unit: str
    approx: bool


def _masked(sentence: str) -> str:
    """The sentence with non-fact spans replaced by NUL, same length, digits made ASCII."""
    text = sentence.translate(_WIDE)
    return _MASKS.sub(lambda m: "\0" * len(m.group()), text)


def _value(num: str, k: str | None) -> tuple[str, float]:
    """Printed value and float for a matched number expression."""
    parts = [re.sub(r"[,\s]", "", p) for p in num.split("+")]
    if len(parts) > 1:
        return "+".join(parts), float(sum(float(p) for p in parts))
    value = parts[0]
    if k and "." not in value:
        value = f"{value}.{k}"
    return value, float(value)


_COUNT_BEFORE = re.compile(r"(?:数|数量|总数|量|总量)\s*(?:为|达|是|共|计)?\s*$")
_CLAUSE_END = re.compile(r"\s*(?:[。，；、,;）)]|$)")


def _bare_count(text: str, start: int, end: int) -> bool:
    """A number printed without a unit right after a count word and before a clause end:
    「不予公开信息数1402。」 (the unit is implied by the count)."""
    return bool(_COUNT_BEFORE.search(text[:start]) and _CLAUSE_END.match(text, end)
                and "." not in text[start:end])


def find_mentions(sentence: str) -> list[Mention]:
    """Every number+unit mention in `sentence`, left to right."""
    text = _masked(sentence)
    found: list[Mention] = []
    for m in _MENTION.finditer(text):
        mult, unit = m.group("mult") or "", m.group("unit") or ""
        if not unit and mult not in ("万", "亿") and not _bare_count(text, m.start(), m.end()):
            continue
        if text[: m.start()].rstrip().endswith("第") or _TOO_LONG.match(m.group("num")):
            continue
        unit = re.sub(r"[（()）]", "", unit).replace("％", "%")
        value, number = _value(m.group("num"), m.group("k") if mult == "万" else None)
        before = text[: m.start()].rstrip()
        approx = bool(m.group("a1") or m.group("a2") or m.group("a3")) or (
            before.endswith(APPROX_BEFORE) and not before.endswith(("最近", "附近"))
        )
        found.append(Mention(m.start(), m.end(), value, number, mult + unit, approx))
    return found
