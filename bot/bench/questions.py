"""Questions with known answers for one synthetic report, phrased like the dev questions."""
from __future__ import annotations

import random
from typing import Callable

from bot.bench.agencies import Agency
from bot.bench.data import CARRY_IN, CARRY_OUT, NEW, TOTAL, ReportNumbers
from bot.bench.text import Rendered

Getter = Callable[[ReportNumbers, Rendered], "str | int | None"]
"""Returns the expected value, or None when the question has no single honest answer."""

PROSE: dict[str, tuple[tuple[str, ...], str, Getter]] = {
    "active": (("{who}{y}主动公开政府信息多少条", "{y}{who}主动公开了多少条政府信息"), "总体情况",
               lambda n, r: n.prose["active"]),
    "interpret": (("{y}{who}发布政策解读多少{unit}", "{who}{y}政策解读发布了几{unit}"), "总体情况",
                  lambda n, r: n.prose["interpret"]),
    "live": (("{who}{y}开展直播在线访谈几期", "{y}{who}直播在线访谈开展了多少期"), "总体情况",
             lambda n, r: n.prose["live"]),
    "hotline": (("{who}{y}12345便民服务热线受理有效诉求多少件",), "总体情况",
                lambda n, r: n.prose["hotline"]),
    "fans": (("{who}{y}微信公众号新增粉丝多少人", "{y}{who}公众号新增了多少粉丝"), "平台",
             lambda n, r: n.prose["fans"]),
    "training": (("{who}{y}开展政务公开专题培训多少场", "{y}{who}组织了几场政务公开培训"), "监督",
                 lambda n, r: n.prose["training"]),
    "apply": (("{y}{who}依申请公开多少件", "{who}{y}收到政府信息公开申请多少件"), "申请",
              lambda n, r: None if r.apply_info else n.table3[NEW][6]),
}
"""Prose figures: templates, section word, value."""

TABLE: dict[str, tuple[tuple[str, ...], str, Getter]] = {
    "permit": (("{who}{y}行政许可处理决定数量", "{y}{who}行政许可处理决定数量是多少"), "主动公开",
               lambda n, r: n.table2["行政许可"][0]),
    "penalty": (("{who}{y}行政处罚多少件", "{y}{who}行政处罚处理决定有多少"), "主动公开",
                lambda n, r: n.table2["行政处罚"][0]),
    "force": (("{y}{who}行政强制处理决定数量是多少",), "主动公开", lambda n, r: n.table2["行政强制"][0]),
    "rules_valid": (("{y}{who}行政规范性文件现行有效多少件", "{who}{y}规范性文件现行有效件数"), "主动公开",
                    lambda n, r: n.table2["行政规范性文件"][2]),
    "rules_made": (("{who}{y}本年制发行政规范性文件多少件",), "主动公开",
                   lambda n, r: n.table2["行政规范性文件"][0]),
    "fee": (("{who}{y}行政事业性收费金额是多少",), "主动公开", lambda n, r: n.table2["行政事业性收费"][0]),
    "new": (("{y}{who}本年新收政府信息公开申请数量是多少",), "申请", lambda n, r: n.table3[NEW][6]),
    "carry_in": (("{who}{y}上年结转政府信息公开申请数量是多少",), "申请", lambda n, r: n.table3[CARRY_IN][6]),
    "carry_out": (("{who}{y}结转下年度继续办理的申请有多少件",), "申请", lambda n, r: n.table3[CARRY_OUT][6]),
    "granted": (("{who}{y}予以公开的申请有多少件", "{y}{who}予以公开的政府信息公开申请有多少件"), "申请",
                lambda n, r: n.table3[2][6]),
    "partial": (("{y}{who}部分公开的申请有几件",), "申请", lambda n, r: n.table3[3][6]),
    "not_held": (("{who}{y}因本机关不掌握相关政府信息无法提供的申请有几件",), "申请", lambda n, r: n.table3[12][6]),
    "not_made": (("{y}{who}没有现成信息需要另行制作的申请有多少件",), "申请", lambda n, r: n.table3[13][6]),
    "repeat": (("{who}{y}重复申请有几件",), "申请", lambda n, r: n.table3[16][6]),
    "handled": (("{who}{y}本年度办理结果总计多少件",), "申请", lambda n, r: n.table3[TOTAL][6]),
    "review_kept": (("{who}{y}行政复议结果维持几件", "{y}{who}行政复议维持原决定的有几件"), "复议",
                    lambda n, r: n.table4[0]),
    "review_total": (("{y}{who}行政复议总计多少件",), "复议", lambda n, r: n.table4[4]),
    "suit_direct": (("{who}{y}未经复议直接起诉的行政诉讼总计多少件",), "诉讼", lambda n, r: n.table4[9]),
    "suit_after": (("{y}{who}复议后起诉的行政诉讼总计多少件",), "诉讼", lambda n, r: n.table4[14]),
}
"""Table cells (表二, 表三 总计 column, 表四): templates, section word, value."""

CN_DIGITS = "〇一二三四五六七八九"


def year_text(rng: random.Random, year: int) -> str:
    """2024年, 二〇二四年 or 24年."""
    form = rng.choices(("arabic", "chinese", "short"), weights=(7, 2, 2))[0]
    if form == "chinese":
        return "".join(CN_DIGITS[int(d)] for d in str(year)) + "年"
    return f"{year % 100}年" if form == "short" else f"{year}年"


def make_questions(rng: random.Random, agency: Agency, year: int, nums: ReportNumbers,
                   doc: Rendered) -> list[tuple[str, str, str]]:
    """3-5 (question, value, section word): at least one prose figure and one table cell."""
    prose = [k for k, (_, _, get) in PROSE.items() if get(nums, doc) is not None]
    table = list(TABLE)
    picked = [(PROSE, rng.choice(prose)), (TABLE, rng.choice(table))]
    rest = [(PROSE, k) for k in prose] + [(TABLE, k) for k in table]
    rest = [x for x in rest if x not in picked]
    picked += rng.sample(rest, rng.randint(1, 3))
    out = []
    for pool, key in picked:
        templates, section, get = pool[key]
        who = agency.full if rng.random() < 0.2 else rng.choice(agency.aliases)
        text = rng.choice(templates).format(who=who, y=year_text(rng, year), unit=doc.interpret_unit)
        out.append((text, str(get(nums, doc)), section))
    return out
