"""Numbers for one synthetic report: 表二, 表三 (勾稽 rules hold), 表四 and prose figures."""
from __future__ import annotations

import random
from dataclasses import dataclass

APPLICANTS = ("自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他")
"""The six applicant columns of 表三; a seventh column 总计 follows."""

ROWS3: tuple[tuple[str, str, str], ...] = (
    ("一、本年新收政府信息公开申请数量", "", ""),
    ("二、上年结转政府信息公开申请数量", "", ""),
    ("三、本年度办理结果", "(一) 予以公开", ""),
    ("", "(二) 部分公开 (区分处理的，只计这一情形，不计其他情形)", ""),
    ("", "(三) 不予公开", "1.属于国家秘密"),
    ("", "", "2.其他法律行政法规禁止公开"),
    ("", "", "3.危及“三安全一稳定”"),
    ("", "", "4.保护第三方合法权益"),
    ("", "", "5.属于三类内部事务信息"),
    ("", "", "6.属于四类过程性信息"),
    ("", "", "7.属于行政执法案卷"),
    ("", "", "8.属于行政查询事项"),
    ("", "(四) 无法提供", "1.本机关不掌握相关政府信息"),
    ("", "", "2.没有现成信息需要另行制作"),
    ("", "", "3.补正后申请内容仍不明确"),
    ("", "(五) 不予处理", "1.信访举报投诉类申请"),
    ("", "", "2.重复申请"),
    ("", "", "3.要求提供公开出版物"),
    ("", "", "4.无正当理由大量反复申请"),
    ("", "", "5.要求行政机关确认或重新出具已获取信息"),
    ("", "(六) 其他处理", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
    ("", "", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
    ("", "", "3.其他"),
    ("", "(七) 总计", ""),
    ("四、结转下年度继续办理", "", ""),
)
"""The 25 data rows of 表三 as (level 1, level 2, level 3) labels."""

NEW, CARRY_IN, FIRST_RESULT, TOTAL, CARRY_OUT = 0, 1, 2, 23, 24
"""Row indexes in ROWS3: results are rows FIRST_RESULT..TOTAL-1 (21 rows)."""

RESULT_WEIGHTS = (40, 10, 1, 1, 1, 2, 1, 2, 1, 2, 12, 4, 2, 2, 3, 1, 1, 1, 3, 1, 2)
"""How often each of the 21 result rows is chosen (予以公开 and 不掌握 dominate)."""

BLOCKS4 = ("行政复议", "未经复议直接起诉", "复议后起诉")
RESULTS4 = ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")


@dataclass(frozen=True)
class ReportNumbers:
    """Every number printed in one report."""

    table2: dict[str, tuple[str, ...]]
    """Row label -> cells: 规章/行政规范性文件 (制发, 废止, 现行有效), others one cell."""
    table3: tuple[tuple[int, ...], ...]
    """25 rows x 7 columns (six applicants, 总计)."""
    table4: tuple[int, ...]
    """15 cells: three blocks of (维持, 纠正, 其他, 尚未审结, 总计)."""
    prose: dict[str, int]
    """Prose figures by key (active, interpret, live, hotline, fans, training, ...)."""


def _table3(rng: random.Random, scale: int, carry_in: list[int]) -> tuple[tuple[int, ...], ...]:
    """Build 表三 column by column so that every 勾稽 rule holds."""
    cols: list[list[int]] = []
    for c, carry in enumerate(carry_in):
        col = [0] * len(ROWS3)
        if c == 0:
            handled = rng.randint(0, scale)
        else:
            handled = rng.choice((0, 0, 0, rng.randint(0, max(1, scale // 8))))
        for r in rng.choices(range(FIRST_RESULT, TOTAL), weights=RESULT_WEIGHTS, k=handled):
            col[r] += 1
        col[CARRY_OUT] = rng.randint(0, min(3, handled)) if c == 0 or handled > 3 else 0
        deficit = carry - (sum(col[FIRST_RESULT:TOTAL]) + col[CARRY_OUT])
        if deficit > 0:  # cannot receive a negative number: handle the extra carried-over cases
            col[FIRST_RESULT] += deficit
        col[TOTAL] = sum(col[FIRST_RESULT:TOTAL])
        col[CARRY_IN] = carry
        col[NEW] = col[TOTAL] + col[CARRY_OUT] - carry
        cols.append(col)
    return tuple(tuple([*(cols[c][r] for c in range(6)), sum(cols[c][r] for c in range(6))])
                 for r in range(len(ROWS3)))


def _table4(rng: random.Random) -> tuple[int, ...]:
    """Three blocks of four small counts plus their 总计."""
    cells: list[int] = []
    for _ in BLOCKS4:
        block = [rng.choice((0, 0, 0, 1, 2, rng.randint(0, 9))) for _ in range(4)]
        cells += [*block, sum(block)]
    return tuple(cells)


def _table2(rng: random.Random, scale: int) -> dict[str, tuple[str, ...]]:
    """表二 cells as printed strings (收费 is a decimal in 万元)."""
    made = rng.randint(0, max(2, scale // 4))
    fee = rng.choice(("0", f"{rng.uniform(0.5, 900):.2f}", f"{rng.uniform(0.01, 200):.4f}"))
    big = scale >= 100
    return {
        "规章": ("0", "0", "0") if not big or rng.random() < .6 else
        (str(rng.randint(0, 3)), "0", str(rng.randint(3, 30))),
        "行政规范性文件": (str(made), str(rng.randint(0, made + 5)), str(made + rng.randint(0, 120))),
        "行政许可": (str(rng.randint(0, scale * 300)),),
        "行政处罚": (str(rng.randint(0, scale * 20)),),
        "行政强制": (str(rng.choice((0, rng.randint(0, scale)))),),
        "行政事业性收费": (fee,),
    }


PROSE_RANGES = {
    "active": (30, 3000), "made": (3100, 9000), "apply_info": (5, 900), "interpret": (3, 150),
    "live": (1, 24), "hotline": (120, 60000), "fans": (100, 20000), "training": (1, 20),
    "trainees": (30, 900), "rules": (2, 15),
}
"""Value range of each prose figure (all distinct within a report)."""


def make_numbers(rng: random.Random, scale: int, carry_in: list[int]) -> ReportNumbers:
    """Draw all numbers of one report; `carry_in` is last year's 结转 row (six columns)."""
    t3 = _table3(rng, scale, carry_in)
    used = {t3[NEW][6], t3[TOTAL][6], t3[CARRY_OUT][6]}
    prose: dict[str, int] = {}
    for key, (lo, hi) in PROSE_RANGES.items():
        value = rng.randint(lo, hi)
        while value in used:
            value = rng.randint(lo, hi + len(used))
        used.add(value)
        prose[key] = value
    return ReportNumbers(_table2(rng, scale), t3, _table4(rng), prose)
