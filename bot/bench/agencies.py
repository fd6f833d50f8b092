"""Synthetic reporting bodies: the `Agency` record and `make_agency`, which builds one from a place
name. Imports nothing else from the bench, so `questions` and `generator` can both use it.
"""
from __future__ import annotations

import random
from dataclasses import dataclass

DEPTS = ("教育局", "财政局", "民政局", "生态环境局", "自然资源局", "卫生健康委员会", "市场监督管理局")


@dataclass(frozen=True)
class Agency:
    """A reporting body and the names people use for it."""

    full: str
    aliases: tuple[str, ...]
    me: str
    """How the report refers to itself (我办, 我镇, ...)."""
    place: str
    scale: int
    """Rough number of 申请 handled per year by the 自然人 column."""


def make_agency(rng: random.Random, names: list[str]) -> Agency:
    """Pop one or two unused names and build an agency of a random kind."""
    a = names.pop()
    kind = rng.choices(("office", "district", "county", "town", "street", "bureau"),
                       weights=(2, 2, 1, 3, 2, 3))[0]
    if kind == "office":
        return Agency(f"{a}市人民政府办公室", (a, f"{a}市", f"{a}市政府办公室"), "我办", a, 200)
    if kind == "district":
        return Agency(f"{a}区人民政府", (f"{a}区", f"{a}区政府"), "我区", a, 150)
    if kind == "county":
        return Agency(f"{a}县人民政府", (f"{a}县", f"{a}县政府"), "我县", a, 120)
    if kind == "bureau":
        dept = rng.choice(DEPTS)
        me = "我委" if dept.endswith("委员会") else "我局"
        return Agency(f"{a}市{dept}", (f"{a}市{dept}", f"{a}{dept}"), me, a, 40)
    b = names.pop()
    if kind == "town":
        return Agency(f"{a}{rng.choice('县市')}{b}镇人民政府", (f"{b}镇", f"{b}镇政府"), "我镇", b, 8)
    return Agency(f"{a}市{b}街道办事处", (f"{b}街道", f"{b}街道办事处"), "我街道", b, 12)
