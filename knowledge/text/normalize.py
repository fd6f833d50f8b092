"""问题归一化：全角转半角、繁体转简体、中文数字年份转阿拉伯数字、今年/去年/前年换算。"""
from __future__ import annotations

import re
import unicodedata
from datetime import date

_CN_DIGITS = {"〇": "0", "零": "0", "○": "0", "Ｏ": "0", "一": "1", "二": "2", "两": "2", "三": "3",
              "四": "4", "五": "5", "六": "6", "七": "7", "八": "8", "九": "9"}
_CN_YEAR = re.compile(r"([〇零○一二三四五六七八九]{2,4})(?=\s*年)")
_SPELLED_YEAR = re.compile(r"([一二两]千[零〇]?[一二三四五六七八九十]{1,3})(?=\s*年)")
"""「两千零二十四年」「二千零二十年」: a year spelled as a number."""
_CN_VALUE = {"零": 0, "〇": 0, "○": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
             "八": 8, "九": 9}
_CN_UNIT = {"十": 10, "百": 100, "千": 1000, "万": 10000}
_SHORT_YEAR = re.compile(r"(?<![\d.])(\d{2})(?=\s*年(?!前|后|内|底|初))")
_RELATIVE = {"大前年": -3, "前年": -2, "去年": -1, "上一年度": -1, "今年": 0, "本年度": 0}
_SPACES = re.compile(r"\s+")


def to_simplified(text: str) -> str:
    """Traditional characters to simplified (zhconv); simplified text passes through unchanged."""
    import zhconv

    return zhconv.convert(text, "zh-cn")


def normalize_text(text: str) -> str:
    """NFKC (full-width letters, digits and punctuation to half-width) and collapsed whitespace.

    Used on both questions and report labels so that both sides compare equal (「本年增/减」 is
    written 增减 either way).
    """
    text = unicodedata.normalize("NFKC", text).replace("增/减", "增减")
    return _SPACES.sub(" ", text).strip()


def chinese_number(text: str) -> int | None:
    """「零」→0, 「十二」→12, 「两千零二十四」→2024, 「3」→3; None when `text` is no number."""
    if text.isdigit():
        return int(text)
    total, current = 0, 0
    for ch in text:
        if ch in _CN_VALUE:
            current = _CN_VALUE[ch]
        elif ch in _CN_UNIT:
            total += (current or 1) * _CN_UNIT[ch]
            current = 0
        else:
            return None
    return total + current


def _cn_year(m: re.Match[str]) -> str:
    digits = "".join(_CN_DIGITS[c] for c in m.group(1))
    return digits if len(digits) == 4 else "20" + digits[-2:]


def normalize_question(question: str, today: date | None = None) -> str:
    """A question ready for parsing: half-width, simplified, years as four digits.

    二〇二四年 / 24年 become 2024年; 今年 / 去年 / 前年 become years counted from `today`
    (本年 and 上年 stay: they are table words such as 本年新收 and 上年结转).
    """
    today = today or date.today()
    text = normalize_text(to_simplified(question))
    text = _SPELLED_YEAR.sub(lambda m: str(chinese_number(m.group(1))), text)
    text = _CN_YEAR.sub(_cn_year, text)
    text = _SHORT_YEAR.sub(lambda m: "20" + m.group(1), text)
    for word, delta in _RELATIVE.items():
        if word == "本年度" and re.search(r"本年度(办理|继续)", text):
            continue
        text = text.replace(word, f"{today.year + delta}年")
    text = re.sub(r"年年", "年", text)
    return text.replace(" 年", "年").replace("年 ", "年")
