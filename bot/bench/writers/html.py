"""Test helper: reading-order blocks → a realistic saved government web page (HTML bytes).

The page has what real 政府信息公开 pages carry around a report: scripts and styles, a top bar,
a navigation menu and search form, a breadcrumb, an 索引号 info table, the title in an <h1>
outside the content div, a 发布时间/来源/浏览次数 line, share and print bars, related links,
a footer. The report itself is written the way CMS editors and Word exports write it:
numbered headings as <h2> or <p><strong>, paragraphs with source line wraps and numbers split
over <span>s, tables with rowspan on merged labels (bot.bench.writers.blocks.merged_spans), colspan
on header cells followed by '' cells, <br> inside long labels. A cover letter (blocks after
COVER_SECTION) is printed before the report title, as on a 转发 notice page.
"""
from __future__ import annotations

import re
from html import escape

from bot.bench.writers.blocks import merged_spans
from loaders.blocks import Block, TableBlock
from loaders.meta import title_of
from loaders.outline import numbering_rank
from loaders.report import COVER_SECTION

_NUMBER = re.compile(r"\d{2,}")
_CJK = re.compile(r"[\u4e00-\u9fff]")


def page_blocks(blocks: list[Block]) -> list[Block]:
    """The blocks in page order: a cover letter's lines moved before the title, the
    COVER_SECTION heading dropped (the reader finds the cover by its place)."""
    if len(blocks) < 2 or blocks[1] != COVER_SECTION:
        return list(blocks)
    end = 2
    while end < len(blocks) and not (isinstance(blocks[end], TableBlock)
                                     or numbering_rank(blocks[end]) == 1):
        end += 1
    return [*blocks[2:end], blocks[0], *blocks[end:]]


def _split_numbers(text: str, limit: int = 2) -> str:
    """Escape `text`, printing its first `limit` multi-digit numbers as two <span>s."""
    out, last = [], 0
    for m in list(_NUMBER.finditer(text))[:limit]:
        half = m.start() + len(m.group()) // 2
        out += [escape(text[last:m.start()]), f'<span lang="EN-US">{escape(text[m.start():half])}'
                f'</span><span lang="EN-US">{escape(text[half:m.end()])}</span>']
        last = m.end()
    return "".join(out) + escape(text[last:])


def _wrap(text: str) -> str:
    """A Word-style source line break between two CJK characters near the middle."""
    for i in range(len(text) // 2, len(text) - 1):
        if _CJK.match(text[i]) and _CJK.match(text[i + 1]):
            return text[: i + 1] + "\n" + text[i + 1:]
    return text


def _paragraph(block: str, title: str, *, centred_title: bool) -> str:
    if block == title:
        centred = f'<p style="text-align:center"><strong>{escape(block)}</strong></p>'
        return centred if centred_title else ""
    one_line = "\n" not in block and len(block) <= 40
    rank = numbering_rank(block) if one_line else None
    if rank == 1:
        return f"<h2>{escape(block)}</h2>"
    if rank is not None:
        return f'<p class="MsoNormal"><strong><span>{escape(block)}</span></strong></p>'
    lines = [_split_numbers(_wrap(line)) if len(line) > 60 else _split_numbers(line)
             for line in block.split("\n")]
    return '<p style="text-indent:2em">\u3000\u3000' + "<br>\n".join(lines) + "</p>"


def _header_row(row: tuple[str, ...]) -> bool:
    return not any(re.fullmatch(r"[\d.]+", c) for c in row)


def _cell_html(text: str) -> str:
    if re.fullmatch(r"\d[\d.]+", text):
        return f'<p class="MsoNormal" align="center">{_split_numbers(text, 1)}</p>'
    cut = text.find("、")
    if len(text) > 20 and 0 < cut < len(text) - 1:
        return f"{escape(text[:cut + 1])}<br>\n{escape(text[cut + 1:])}"
    return escape(text)


def _table(block: TableBlock) -> str:
    rows, spans = block.rows, merged_spans(block.rows)
    covered = {(r + i, c) for (r, c), n in spans.items() for i in range(1, n)}
    out = ['<table class="MsoNormalTable" border="1" cellspacing="0" cellpadding="0" '
           'style="border-collapse:collapse"><tbody>']
    for r, row in enumerate(rows):
        cells, c = [], 0
        while c < len(row):
            if (r, c) in covered:
                c += 1
                continue
            attrs, across = "", 1
            if (r, c) in spans:
                attrs = f' rowspan="{spans[(r, c)]}"'
            elif row[c] and _header_row(row):
                while (c + across < len(row) and not row[c + across]
                       and (r, c + across) not in covered):
                    across += 1
                attrs = f' colspan="{across}"' if across > 1 else ""
            cells.append(f'<td{attrs} valign="center">{_cell_html(row[c])}</td>')
            c += across
        out.append("<tr>\n  " + "\n  ".join(cells) + "\n</tr>")
    return "\n".join(out) + "</tbody></table>"


def _content(blocks: list[Block], title: str, *, centred_title: bool) -> str:
    parts = [_table(b) if isinstance(b, TableBlock)
             else _paragraph(b, title, centred_title=centred_title) for b in blocks]
    return "\n".join(p for p in parts if p)


_HEAD = """<!DOCTYPE html>
<html lang="zh-CN"><head>
<meta charset="{charset}">
<title>{page_title}_晋江市人民政府</title>
<meta name="ArticleTitle" content="{page_title}">
<link rel="stylesheet" href="/images/style.css">
<style>.nav-menu li {{ float: left; }} #zoom p {{ line-height: 2; }}</style>
<script>var _hmt = _hmt || []; document.write("<div>统计代码 2025</div>");</script>
</head>
<body>"""

_TOP = """<div class="top-bar">无障碍浏览 | 长者模式 | <a href="/login">登录</a></div>
<div class="header"><div class="logo">晋江市人民政府 2025</div>
<ul class="nav-menu"><li><a href="/">首页</a></li><li><a href="/zwgk">政务公开</a></li>
<li><a href="/zwfw">政务服务</a></li><li><a href="/hdjl">互动交流</a></li></ul>
<form class="search-box" action="/search"><input name="q" value="请输入关键字">
<button>搜索</button></form></div>
<div class="breadcrumb">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk">政府信息公开</a>
 &gt; <a href="/zwgk/ndbg">政府信息公开年报</a></div>"""

_INFO = """<table class="xxgk-table"><tr><td>索引号：</td><td>003612345/2025-00012</td>
<td>发布机构：</td><td>晋江市人民政府办公室</td></tr>
<tr><td>生成日期：</td><td>2025-01-20</td><td>文号：</td><td></td></tr></table>"""

_META = """<div class="article-info">发布时间：2025-01-20 10:32\u3000<span>来源：晋江市人民政府办公室</span>
\u3000<span>浏览次数：<em id="hits">1234</em></span>\u3000字号：【<a>大</a> <a>中</a> <a>小</a>】</div>"""

_AFTER = """<div class="bdshare">分享到：<a>微信</a> <a>微博</a></div>
<div class="print-bar">【<a href="javascript:window.print()">打印本页</a>】【<a>关闭窗口</a>】</div>
<div class="related"><h4>相关链接</h4><ul>
<li><a href="/a/1.html">晋江市人民政府办公室2023年政府信息公开工作年度报告</a></li>
<li><a href="/a/2.html">晋江市2022年政府信息公开工作年度报告</a></li></ul></div>"""

_FOOTER = """<div class="footer"><p>主办单位：晋江市人民政府办公室\u3000承办：晋江市大数据服务中心</p>
<p>网站标识码：3505820001\u3000闽ICP备05012345号-1\u3000联系电话：0595-85612345</p></div>
<script src="/js/common.js"></script>
<script>$(function(){ $("#hits").load("/hits?id=12"); });</script>"""


def write_html(blocks: list[Block], *, encoding: str = "utf-8", whole_page: bool = True,
               layout_table: bool = False) -> bytes:
    """A saved web page holding `blocks` (the first block is the report title).

    encoding: 'utf-8', 'gbk', 'gb2312'… (declared in <meta charset>); whole_page: page chrome
    around the content div, else a bare page; layout_table: the page laid out in nested
    <table>s (header / left menu / content cell), the content itself inside a table cell.
    """
    first = blocks[0] if blocks else ""
    title = first if isinstance(first, str) and title_of(first) else ""
    ordered = page_blocks(blocks)
    in_body = not whole_page or not title or ordered[0] != title
    content = _content(ordered, title, centred_title=in_body)
    if layout_table:
        content = f'<table width="100%"><tr><td>\n{content}\n</td></tr></table>'
    page_title = escape(title or "政务公开")
    head = _HEAD.format(charset=encoding, page_title=page_title)
    if not whole_page:
        body = f'<div class="article">\n{content}\n</div>'
    else:
        h1 = "" if in_body else f'<h1 class="article-title">{escape(title)}</h1>'
        main = (f'<div class="main-wrap">{_INFO}\n{h1}\n{_META}\n'
                f'<div class="TRS_Editor" id="zoom">\n{content}\n</div>\n{_AFTER}</div>')
        if layout_table:
            menu = ('<td class="left" width="200"><a href="/1">机构概况</a><br>'
                    '<a href="/2">政策文件</a></td>')
            main = (f'<table width="1000" align="center"><tr><td>{_TOP}</td></tr><tr><td>'
                    f'<table width="100%"><tr>{menu}<td>{main}</td></tr></table>'
                    f'</td></tr><tr><td>{_FOOTER}</td></tr></table>')
            body = main
        else:
            body = f"{_TOP}\n{main}\n{_FOOTER}"
    page = f"{head}\n{body}\n</body></html>\n"
    return page.encode(encoding, errors="xmlcharrefreplace")
