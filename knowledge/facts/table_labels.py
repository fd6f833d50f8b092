"""表格标签的规范写法：全角括号、去掉中文间空格和括注、误印按模板近似归一。

「结 果 维 持」→「结果维持」；「(二) 部分公开(区分处理的…)」→「（二）部分公开」；
「对外公开总数量<br>(2019 年起)」→「对外公开总数量」；「本年度止件数」→「本年废止件数」。
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from difflib import SequenceMatcher

_CN_NUM = "一二三四五六七八九十"
_TOP = re.compile(rf"^[{_CN_NUM}]+、")
_GROUP = re.compile(rf"^（[{_CN_NUM}]+）")
_ITEM = re.compile(r"^\d+\.")
_NOTE = re.compile(rf"（(?![{_CN_NUM}]+）)[^（）]*）")
_UNIT = re.compile(r"单位[:：]\s*([^（）()]+?)\s*[）)]")
_ASCII = re.compile(r"[A-Za-z0-9]")


def _drop_spaces(text: str) -> str:
    """去掉空白，只保留两个 ASCII 字母数字之间的一个空格。"""
    def keep(m: re.Match[str]) -> str:
        a = text[m.start() - 1] if m.start() > 0 else ""
        b = text[m.end()] if m.end() < len(text) else ""
        return " " if _ASCII.match(a) and _ASCII.match(b) else ""
    return re.sub(r"\s+", keep, text)


def clean_label(raw: str) -> str:
    """印刷标签的规范写法（不做模板归一）。"""
    text = re.sub(r"<br\s*/?>", "", raw).replace("\u3000", " ").strip()
    text = text.replace("(", "（").replace(")", "）").replace("﹙", "（").replace("﹚", "）")
    text = _drop_spaces(text).strip("*")
    text = re.sub(r"^(\d+)\s*[.．、]", r"\1.", text)
    prev = None
    while prev != text:
        prev, text = text, _NOTE.sub("", text)
    return text


def label_unit(raw: str) -> str:
    """标签括注里写明的单位：「本年收费金额（单位：万元）」→ "万元"，没有则 ""。"""
    m = _UNIT.search(raw.replace(" ", ""))
    return m.group(1) if m else ""


def level(label: str) -> str:
    """表三行标签的层级：'top'（一、）、'group'（（一））、'item'（1.）或 'text'。"""
    if _TOP.match(label):
        return "top"
    if _GROUP.match(label):
        return "group"
    if _ITEM.match(label):
        return "item"
    return "text"


def marker(label: str) -> str:
    """标签的编号前缀：「（三）不予公开」→「（三）」，没有编号则 ""。"""
    for pattern in (_TOP, _GROUP, _ITEM):
        m = pattern.match(label)
        if m:
            return m.group(0)
    return ""


def similarity(a: str, b: str) -> float:
    """两个标签的相似度（0–1，difflib）。"""
    return SequenceMatcher(None, a, b).ratio()


def canonical(label: str, choices: Iterable[str], threshold: float = 0.75) -> str:
    """把标签归一到最接近的标准写法；同编号前缀时放宽到 0.5；都不够像则原样返回。"""
    choices = tuple(choices)
    if label in choices:
        return label
    mark = marker(label)
    best, best_score = label, 0.0
    for choice in choices:
        score = similarity(label, choice)
        need = 0.5 if mark and marker(choice) == mark else threshold
        if score >= need and score > best_score:
            best, best_score = choice, score
    return best
