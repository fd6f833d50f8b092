"""Render one synthetic report as text: 'tab' layout (like seed 000) or Markdown 'pipe' layout."""
from __future__ import annotations

import random
from dataclasses import dataclass

from bot.bench.data import APPLICANTS, BLOCKS4, RESULTS4, ROWS3, ReportNumbers

CAPTION3 = "(本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和)"
SECTIONS = ("一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
            "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项")
SUBSECTIONS = ("（一）主动公开情况", "（二）依申请公开情况", "（三）政府信息管理",
               "（四）政府信息公开平台建设", "（五）监督保障")
PROBLEMS = (
    "一是政策解读形式还不够丰富；二是基层政务公开工作人员变动较快，业务水平有待提升。",
    "一是部分信息更新不够及时；二是依申请公开答复的规范性仍需加强。",
    "一是公开内容的深度和广度有待拓展；二是政务新媒体互动回应还不够及时。",
)


@dataclass(frozen=True)
class Rendered:
    """A report's text and the wording choices the question builder must respect."""

    text: str
    apply_info: bool
    """True when 主动公开 prose also says 「依申请公开 N 条」 (so 依申请公开 is ambiguous)."""
    interpret_unit: str
    """篇 or 份, as printed after the 政策解读 figure."""


def _prose(rng: random.Random, agency: str, place: str, me: str, year: int,
           nums: ReportNumbers, fmt) -> tuple[list[list[str]], bool, str]:
    """Paragraphs of the five 总体情况 subsections, with the wording choices made."""
    p, t3 = nums.prose, nums.table3
    y = fmt(year, "年")
    apply_info = rng.random() < 0.3
    if apply_info:
        active = (f"全年制作政府信息{fmt(p['made'], '条')}，其中主动公开{fmt(p['active'], '条')}，"
                  f"依申请公开{fmt(p['apply_info'], '条')}。")
    else:
        active = rng.choice((f"{y}，{me}主动公开政府信息{fmt(p['active'], '条')}，全文电子化率100%。",
                             f"全年通过政府门户网站主动公开政府信息{fmt(p['active'], '条')}。",
                             f"{me}全年共主动公开政府信息{fmt(p['active'], '条')}，公开及时准确。"))
    unit = rng.choice("篇篇份")
    interp = rng.choice((f"围绕重要政策文件发布政策解读{fmt(p['interpret'], unit)}，"
                         f"开展直播在线访谈{fmt(p['live'], '期')}。",
                         f"全年共发布政策解读{fmt(p['interpret'], unit)}，其中图文解读占多数；"
                         f"开展直播在线访谈{fmt(p['live'], '期')}，回应群众关切。"))
    hotline = f"12345便民服务热线受理有效诉求{fmt(p['hotline'], '件')}，按时办结率100%。"
    apply = rng.choice((f"{y}，{me}受理信息公开申请{fmt(t3[0][6], '件')}，依法办结{fmt(t3[23][6], '件')}，"
                        f"结转下年度办理{fmt(t3[24][6], '件')}。",
                        f"{y}，{me}共收到政府信息公开申请{fmt(t3[0][6], '件')}，已办结{fmt(t3[23][6], '件')}，"
                        f"结转下年度继续办理{fmt(t3[24][6], '件')}，均在法定期限内答复。"))
    manage = (f"{me}严格落实政府信息公开保密审查制度，坚持先审查、后公开，"
              f"修订完善信息发布审核等制度{fmt(p['rules'], '项')}，确保公开信息准确规范。")
    platform = (f"持续加强政府网站和政务新媒体建设，“{place}发布”微信公众号全年新增粉丝"
                f"{fmt(p['fans'], '人')}，政务公开专区运行良好。")
    guard = (f"{me}将政务公开工作纳入绩效考评，组织开展政务公开专题培训{fmt(p['training'], '场')}，"
             f"培训{fmt(p['trainees'], '人次')}。{y}度未发生因政府信息公开工作被责任追究的情况。")
    return [[active, interp, hotline], [apply], [manage], [platform], [guard]], apply_info, unit


def _table2_rows(nums: ReportNumbers) -> list[list[str]]:
    t2, rows = nums.table2, []
    rows += [["第二十条第（一）项", "", "", ""], ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
             ["规章", *t2["规章"]], ["行政规范性文件", *t2["行政规范性文件"]]]
    for item, label, names in (("（五）", "本年处理决定数量", ("行政许可",)),
                               ("（六）", "本年处理决定数量", ("行政处罚", "行政强制")),
                               ("（八）", "本年收费金额（单位：万元）", ("行政事业性收费",))):
        rows += [[f"第二十条第{item}项", "", "", ""], ["信息内容", label, "", ""]]
        rows += [[name, t2[name][0], "", ""] for name in names]
    return rows


def _table3_rows(nums: ReportNumbers, grid: bool) -> list[list[str]]:
    """Tab: label cells as in seed 000 (一/二/四 span two cells); grid: always three label cells."""
    pad = [""] if grid else []
    head = [[CAPTION3, "", *pad, "申请人情况", "", "", "", "", "", ""],
            ["", "", *pad, APPLICANTS[0], "法人或其他组织", "", "", "", "", "总计"],
            ["", "", *pad, "", *APPLICANTS[1:], ""]]
    body = []
    for (l1, l2, l3), values in zip(ROWS3, nums.table3):
        labels = [l1, ""] if l1 and not l2 and not grid else [l1, l2, l3]
        body.append([*labels, *map(str, values)])
    return head + body


def _table4_rows(nums: ReportNumbers) -> list[list[str]]:
    five = list(RESULTS4)
    return [[BLOCKS4[0], "", "", "", "", "行政诉讼", *[""] * 9],
            [*five, BLOCKS4[1], "", "", "", "", BLOCKS4[2], "", "", "", ""],
            ["", "", "", "", "", *five, *five],
            list(map(str, nums.table4))]


def _pipe(rows: list[list[str]]) -> list[str]:
    width = max(map(len, rows))
    grid = [r + [""] * (width - len(r)) for r in rows]
    lines = ["| " + " | ".join(grid[0]) + " |", "|" + "---|" * width]
    return lines + ["| " + " | ".join(r) + " |" for r in grid[1:]]


def render(rng: random.Random, agency: str, place: str, me: str, year: int,
           nums: ReportNumbers, layout: str) -> Rendered:
    """The full report text in the given layout ('tab' or 'pipe')."""
    spaced = rng.random() < (0.6 if layout == "pipe" else 0.3)

    def fmt(value: int | str, unit: str) -> str:
        return f" {value} {unit}" if spaced else f"{value}{unit}"

    paras, apply_info, unit = _prose(rng, agency, place, me, year, nums, fmt)
    pipe = layout == "pipe"
    h1, h2 = ("## ", "### ") if pipe else ("", "")
    table = _pipe if pipe else (lambda rows: ["\t".join(r) for r in rows])
    gap = " " if rng.random() < 0.3 else ""
    out = [f"{'# ' if pipe else ''}{agency}{gap}{year}年政府信息公开工作年度报告", "",
           f"本报告依据《中华人民共和国政府信息公开条例》和国办公开办函〔2021〕30号要求编制，所列数据统计期限"
           f"自{year}年1月1日至{year}年12月31日。如对本报告有疑问，请与{agency}联系。", "",
           h1 + SECTIONS[0], "", f"{fmt(year, '年')}，{me}坚持以公开为常态、不公开为例外，"
           "持续推进政务公开标准化规范化，各项工作有序开展。", ""]
    for title, chunk in zip(SUBSECTIONS, paras):
        out += [h2 + title, ""]
        out += [x for para in chunk for x in (para, "")]
    for title, rows in zip(SECTIONS[1:4], (_table2_rows(nums), _table3_rows(nums, pipe), _table4_rows(nums))):
        out += [h1 + title, "", *table(rows), ""]
    out += [h1 + SECTIONS[4], "", rng.choice(PROBLEMS), "", h1 + SECTIONS[5], "",
            rng.choice(("无。", f"{fmt(year, '年')}度{me}未收取信息处理费。")), ""]
    return Rendered("\n".join(out), apply_info, unit)
