"""loaders' pure parts: heading detection, heading stack, flattened crawler lines, table rows."""
from __future__ import annotations

import pytest

from loaders.flat import is_flattened, split_flat
from loaders.lines import join_text
from loaders.outline import Heading, OutlineStack, numbering_rank, split_heading
from loaders.tables import loose_rows, parse_row


@pytest.mark.parametrize(
    ("text", "rank"),
    [
        ("一、总体情况", 1),
        ("十二、附表", 1),
        ("（二）依申请公开情况", 2),
        ("(一) 工作中存在的主要问题", 2),
        ("1. 日常工作稳步开展", 3),
        ("2.深化规范政策文件发布工作", 3),
        ("3、公共查阅点", 3),
        ("（4）坚持试点先行", 4),
        ("(1) 围绕上级要求", 4),
        ("2.7 万余条", None),
        ("1335 条，其中主动公开 475 条", None),
        ("一是政府门户网站", None),
        ("第一项", None),
        ("2024年1月1日", None),
        ("（街道）实际", None),
        ("一、", None),
    ],
)
def test_numbering_rank(text: str, rank: int | None) -> None:
    assert numbering_rank(text) == rank


@pytest.mark.parametrize(
    ("line", "markdown", "title", "body"),
    [
        ("三、收到和处理政府信息公开申请情况。", False, "三、收到和处理政府信息公开申请情况", ""),
        ("1. 日常工作稳步开展。市政府办公室全年制作政府信息", False, "1. 日常工作稳步开展",
         "市政府办公室全年制作政府信息"),
        ("**(1) 围绕上级要求，力求全面。**邀请编办", True, "(1) 围绕上级要求，力求全面", "邀请编办"),
        ("(2) **重新设计公开内容架构。**将城市", True, "(2) 重新设计公开内容架构", "将城市"),
        ("**（二）创新赋能，公开活力持续迸发**", True, "（二）创新赋能，公开活力持续迸发", ""),
        ("1. 申请情况：收到申请 5 件。", False, "1. 申请情况", "收到申请 5 件。"),
        ("2. 主动公开信息 125 条。", False, "2. 主动公开信息 125 条", "主动公开信息 125 条。"),
    ],
)
def test_split_heading(line: str, markdown: bool, title: str, body: str) -> None:
    heading, rest = split_heading(line, markdown)
    assert (heading.title, rest) == (title, body)


def test_split_heading_long_item_keeps_text() -> None:
    line = "（2）在标准化栏目中展示国家、省、泉州政务公开标准化指引，发布晋江对应的 26 个国家试点目录及 10 个本级创新试点目录。"
    heading, rest = split_heading(line, False)
    assert heading.title == "（2）在标准化栏目中展示国家、省、泉州政务公开标准化指引"
    assert rest == line[3:]


def test_outline_stack() -> None:
    stack = OutlineStack()
    assert stack.push(Heading(1, "一、A")) == ("一、A",)
    assert stack.push(Heading(3, "1. B")) == ("一、A", "1. B")
    assert stack.push(Heading(2, "（二）C")) == ("一、A", "（二）C")
    assert stack.push(Heading(None, "亮点")) == ("一、A", "（二）C", "亮点")
    assert stack.push(Heading(None, "其他")) == ("一、A", "（二）C", "其他")
    assert stack.push(Heading(1, "二、D")) == ("二、D",)


def test_flattened_crawler_line() -> None:
    line = (
        "本报告根据条例编制。如有疑问请联系。 一、总体情况 2023年，平潭坚持以人民为中心，"
        "推进政务公开。（一）主动公开方面平潭切实落实要求，一是做好规范性文件公开。二是加强解读。"
        "（二）依申请公开方面持续强化服务理念。 二、主动公开政府信息情况第二十条第（一）项信息内容"
        "规章000行政许可2629三、收到和处理政府信息公开申请情况（本列数据的勾稽关系）一、本年新收政府"
        "信息公开申请数量801000081三、本年度办理结果（一）予以公开220000022四、结转下年度继续办理0000000"
        "四、政府信息公开行政复议、行政诉讼情况行政复议110024六、其他需要报告的事项2023年，无。"
    )
    assert is_flattened(line)
    headings = [piece for kind, piece in split_flat(line) if kind == "heading"]
    assert headings == [
        "一、总体情况",
        "（一）主动公开方面",
        "（二）依申请公开方面",
        "二、主动公开政府信息情况",
        "三、收到和处理政府信息公开申请情况",
        "四、政府信息公开行政复议、行政诉讼情况",
        "六、其他需要报告的事项",
    ]


def test_ordinary_line_is_not_flattened() -> None:
    assert not is_flattened("一、总体情况")
    assert not is_flattened("本报告包括总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况等六部分。" * 4)


def test_parse_rows() -> None:
    assert parse_row("|------|---|") is None
    assert parse_row("|        |     |              |") is None
    assert parse_row("| 对外公开总数量<br>(2019 年起) | **49** |") == (("对外公开总数量(2019 年起)", "49"), "pipe")
    assert parse_row("\t(二) 部分公开\t\t4\t\t") == (("", "(二) 部分公开", "", "4"), "tab")


def test_loose_rows() -> None:
    assert loose_rows(["行政事业性收费", "149.876378"]) == [("行政事业性收费", "149.876378")]
    assert loose_rows(["存在问题", "无正当理由"]) == []
    assert loose_rows(["149.876378"]) == []


@pytest.mark.parametrize(
    ("left", "right", "joined"),
    [("民政扶", "贫救灾", "民政扶贫救灾"), ("信息数 43", "条，国", "信息数 43条，国"), ("AI", "model", "AI model"),
     ("政府信息", "1335 条", "政府信息1335 条")],
)
def test_join_text(left: str, right: str, joined: str) -> None:
    assert join_text(left, right) == joined
