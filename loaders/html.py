"""HTML 读取器：保存的政府网页 → Document（经 loaders.blocks 交给文本读取器）。

Decode (BOM, valid UTF-8, the <meta> charset, GB18030); drop scripts, forms, hidden elements
and page chrome (nav/header/footer/share/breadcrumb by tag, class or id, unless it holds the
title); take the smallest ancestor of the title element holding 80% of the page's non-link
text; read it in order: a paragraph per block element, <br> as a line break, inline runs joined
without spaces, a bold numbered run opening a paragraph as a heading, data-grid tables with
rowspan/colspan expanded (label in the span's first cell, '' in the others), layout tables
(nested tables, one column, long cells) read as containers.
"""
from __future__ import annotations

import codecs
import re
from collections.abc import Iterator

from bs4 import BeautifulSoup, NavigableString, Tag
from bs4.element import PreformattedString

from .blocks import Block, TableBlock, cell_text, document_from_blocks
from .decode import sniff_binary
from .errors import EmptyReportError, UnsupportedFormatError
from .meta import title_of
from .model import Document
from .outline import numbering_rank

_HARD = "\x01"
"""Marks a real line break (<br>, block boundary) while source whitespace is squeezed."""
_SKIP = frozenset("script style noscript template iframe object embed svg canvas head link meta "
                  "input select option button textarea img map".split())
_CHROME_TAGS = frozenset({"nav", "header", "footer", "aside"})
_BLOCK = _CHROME_TAGS | frozenset(
    "p div h1 h2 h3 h4 h5 h6 li ul ol dl dt dd section article main blockquote center pre address "
    "form body html tr td th tbody thead tfoot caption hr fieldset figure".split())
_BOLD = frozenset({"b", "strong"})
_JUNK_WORDS = frozenset(
    "nav navbar menu header head footer foot top topbar bottom breadcrumb breadcrumbs crumb crumbs "
    "position location dqwz share bdshare fenxiang sidebar side copyright toolbar tools search "
    "login print related xgwz xglj friendlink links banner ad".split())
"""class/id words (split at - and _) of chrome containers: navigation, share bars, footers…"""
_CHROME_LINE = re.compile(
    r"(?:^|[\s【\[|｜])(?:发布(?:时间|日期|机构)|发文日期|成文日期|生成日期|信息来源|来源|作者"
    r"|浏览(?:次数|量)|点击(?:数|量|率)|阅读(?:次数|量)|访问量|字号|索引号|责任编辑|编辑"
    r"|上一篇|下一篇|分享到|当前位置|您的位置|您当前的位置)\s*[:：]"
    r"|【\s*(?:打印|关闭|大|收藏)|打印本页|关闭窗口|扫一扫"
)
_META_CHARSET = re.compile(rb"<meta[^>]{0,200}?charset\s*=\s*[\"']?\s*([A-Za-z0-9_\-]+)", re.I)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_SPACES = re.compile(r"[^\S\x01]+")
_WIDE = 0x2E80
_MAX_CELL = 300
"""A table cell with more text than this is page layout, not a data cell."""


def read_html(data: bytes, source: str = "") -> Document:
    """把保存的网页读成 Document（表格 layout 为 'html'）。

    异常: EmptyReportError (no bytes / no visible text), UnsupportedFormatError (binary),
    MalformedReportError (no report title).
    """
    where = f" ({source})" if source else ""
    soup = BeautifulSoup(decode_html(data, source), "lxml")
    page_title = soup.title.get_text(" ", strip=True) if soup.title else ""
    body = soup.body or soup
    _clean(body)
    if not body.get_text(strip=True):
        raise EmptyReportError(f"网页没有正文文字{where}: the HTML page has no visible text")
    title = _title_element(body)
    container = _container(body, title) if title else _dominant(body)
    reader = _Reader()
    reader.walk(container)
    reader.flush()
    blocks = [b for b in (_drop_chrome(b) for b in reader.blocks) if b]
    if title is None:
        fallback = _page_title(page_title)
        if fallback:
            blocks.insert(0, fallback)
    if not blocks:
        raise EmptyReportError(f"网页没有正文文字{where}: the HTML page has no visible text")
    return document_from_blocks(blocks, source, "html")


def decode_html(data: bytes, source: str = "") -> str:
    """Bytes → text: a BOM; else UTF-8 when valid; else the <meta> charset (GB2312/GBK read
    as GB18030); else GB18030; else UTF-8 with replacement characters.

    异常: EmptyReportError (nothing but spaces), UnsupportedFormatError (binary content).
    """
    where = f" ({source})" if source else ""
    if not data or not data.strip():
        raise EmptyReportError(f"文件为空{where}: no text at all")
    utf16 = data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
    label = None if utf16 else sniff_binary(data)
    if label:
        raise UnsupportedFormatError(f"不是网页文件{where}: content looks like {label}")
    m = _META_CHARSET.search(data[:65536])
    declared = m.group(1).decode("ascii").lower() if m else "gb18030"
    if re.fullmatch(r"x?-?gb[k_\-]?(2312)?(-80)?|iso-?8859.*|latin.*|(windows|cp)-?125\d|.*ascii",
                    declared):
        declared = "gb18030"  # GB2312/GBK text is GB18030; a Western charset is a mislabel
    order = ["utf-16"] if utf16 else ["utf-8-sig", declared, "gb18030"]
    for encoding in order:
        try:
            text = data.decode(encoding)
            break
        except (UnicodeDecodeError, LookupError):
            continue
    else:
        text = data.decode("utf-8", errors="replace")
    if len(_CONTROL.findall(text)) > max(2, len(text) // 200):
        raise UnsupportedFormatError(f"不是网页文件{where}: control characters, not text")
    return text


def _words(tag: Tag) -> set[str]:
    """Lower-case class/id tokens, also split at - and _ ("print-bar" → print, bar)."""
    values = [*(tag.get("class") or []), str(tag.get("id") or "")]
    return {w for v in values for w in re.split(r"[\s\-_]+", v.lower()) if w}


def _hidden(tag: Tag) -> bool:
    style = re.sub(r"\s+", "", str(tag.get("style") or "")).lower()
    return tag.has_attr("hidden") or "display:none" in style or "visibility:hidden" in style


def _holds_title(tag: Tag) -> bool:
    """Whether a line of the tag's text (links left out) is a report title."""
    return any(title_of(line) for line in _text(tag, links=False).split("\n")
               if len(line) <= 120)


def _clean(body: Tag) -> None:
    """Remove scripts, forms' widgets, hidden elements and chrome containers in place."""
    for tag in body.find_all(True):
        if tag.decomposed or tag.parent is None:
            continue
        if tag.name in _SKIP or _hidden(tag):
            tag.decompose()
        elif tag.name in _CHROME_TAGS or _words(tag) & _JUNK_WORDS:
            if not _holds_title(tag) and _nonlink_len(tag) < 500:
                tag.decompose()
    for node in body.find_all(string=lambda s: isinstance(s, PreformattedString)):
        node.extract()


def _nonlink_len(tag: Tag) -> int:
    return sum(len(s.strip()) for s in tag.find_all(string=True) if not s.find_parent("a"))


def _title_element(body: Tag) -> Tag | None:
    """The first deepest element (outside links) whose text holds a report-title line."""
    for tag in body.find_all(True):
        if tag.name == "a" or tag.find_parent("a") or len(tag.get_text()) > 400:
            continue
        if _holds_title(tag) and not any(_holds_title(t) for t in tag.find_all(True)):
            return tag
    return None


def _container(body: Tag, title: Tag) -> Tag:
    """Smallest ancestor of the title element holding 80% of the page's non-link text."""
    total = _nonlink_len(body)
    for tag in (title, *title.parents):
        if tag is body or _nonlink_len(tag) >= 0.8 * total:
            return tag
    return body


def _dominant(tag: Tag) -> Tag:
    """Without a title element: descend while one child holds 80% of the non-link text."""
    while True:
        total = _nonlink_len(tag)
        best = max(tag.find_all(True, recursive=False), key=_nonlink_len, default=None)
        if best is None or best.name == "table" or _nonlink_len(best) < 0.8 * total:
            return tag
        tag = best


def _page_title(text: str) -> str | None:
    """The report title from <title> ("…年度报告_晋江市人民政府"), if it is one."""
    return next((p.strip() for p in (text, *re.split(r"[_|｜\-—–]+", text)) if title_of(p)), None)


def _squeeze(raw: str) -> str:
    """Source whitespace → one space (nothing between two CJK characters when it holds a
    newline, as browsers render wrapped CJK source); _HARD → a line break."""
    raw = raw.replace("\xa0", " ").replace("\u3000", " ")

    def space(m: re.Match[str]) -> str:
        before, after = raw[m.start() - 1:m.start()], raw[m.end():m.end() + 1]
        cjk = before and after and ord(before) >= _WIDE and ord(after) >= _WIDE
        return "" if cjk and "\n" in m.group() else " "
    text = _SPACES.sub(space, raw)
    lines = (line.strip() for line in text.split(_HARD))
    return "\n".join(line for line in lines if line)


def _drop_chrome(block: Block) -> Block | None:
    """Drop page-chrome lines (发布时间：…, 【打印本页】) from a paragraph block."""
    if isinstance(block, TableBlock):
        return block
    keep = [s for s in block.split("\n") if len(s) > 120 or "。" in s or not _CHROME_LINE.search(s)]
    return "\n".join(keep) or None


def _spans(value: object, limit: int) -> int:
    m = re.match(r"\s*(\d+)", str(value or ""))
    n = int(m.group(1)) if m else 1
    return limit if n == 0 else max(1, min(n, limit))


class _Reader:
    """Walks a container in reading order, collecting paragraph and table blocks."""

    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.buf: list[str] = []
        self.linked: list[bool] = []
        self.in_link = 0

    def flush(self) -> None:
        """End the current paragraph (dropped when all its text is link text)."""
        text = _squeeze("".join(self.buf))
        if text and any(not linked and _squeeze(s) for s, linked in zip(self.buf, self.linked)):
            self.blocks.append(text)
        self.buf, self.linked = [], []

    def walk(self, node: Tag) -> None:
        for child in node.children:
            if isinstance(child, Tag):
                if child.name not in _SKIP:
                    self.element(child)
            elif not isinstance(child, PreformattedString):
                self.buf.append(str(child))
                self.linked.append(self.in_link > 0)

    def element(self, tag: Tag) -> None:
        if tag.name == "br":
            self.buf.append(_HARD)
            self.linked.append(True)
        elif tag.name == "table":
            self.flush()
            self.table(tag)
        elif tag.name in _BLOCK or (tag.name in _BOLD and self._heading_run(tag)):
            if tag.name in _BLOCK:
                self.flush()
            self.walk(tag)
            self.flush()
        else:
            self.in_link += tag.name == "a"
            self.walk(tag)
            self.in_link -= tag.name == "a"

    def _heading_run(self, tag: Tag) -> bool:
        """A bold numbered run at the start of a paragraph ("<b>1. 日常工作</b>正文…")."""
        text = re.sub(r"\s+", " ", tag.get_text()).strip()
        return not _squeeze("".join(self.buf)) and numbering_rank(text) is not None and len(text) <= 40

    def table(self, table: Tag) -> None:
        """A data grid becomes a TableBlock; a layout table is read cell by cell."""
        rows = [tr for tr in table.find_all("tr") if tr.find_parent("table") is table]
        cells = [tr.find_all(["td", "th"], recursive=False) for tr in rows]
        texts = [[cell_text(_text(td)) for td in row] for row in cells]
        width = max((sum(_spans(td.get("colspan"), 100) for td in row) for row in cells), default=0)
        if (table.find("table") is None and width >= 2
                and all(len(t) <= _MAX_CELL for row in texts for t in row)):
            self.blocks.append(TableBlock(_grid(cells, texts)))
            return
        for td in (td for row in cells for td in row):
            self.walk(td)
            self.flush()


def _text(node: Tag, links: bool = True) -> str:
    """A node's text: <br> and block elements as line breaks, inline runs joined as they are
    (so a cell's <span>1</span><span>2</span> is 12); links left out when `links` is False."""
    def parts(tag: Tag) -> Iterator[str]:
        for child in tag.children:
            if isinstance(child, Tag):
                if child.name in _SKIP or (child.name == "a" and not links):
                    yield _HARD
                    continue
                hard = _HARD if child.name == "br" or child.name in _BLOCK else ""
                yield hard
                yield from parts(child)
                yield hard
            elif not isinstance(child, PreformattedString):
                yield str(child)
    return _squeeze("".join(parts(node)))


def _grid(cells: list[list[Tag]], texts: list[list[str]]) -> tuple[tuple[str, ...], ...]:
    """Rows with rowspan/colspan expanded: the text in the span's first cell, '' elsewhere."""
    grid: dict[tuple[int, int], str] = {}
    for r, row in enumerate(cells):
        c = 0
        for td, text in zip(row, texts[r]):
            while (r, c) in grid:
                c += 1
            down = _spans(td.get("rowspan"), len(cells) - r)
            across = _spans(td.get("colspan"), 100)
            for i in range(down):
                for j in range(across):
                    grid.setdefault((r + i, c + j), "")
            grid[(r, c)] = text
            c += across
    widths = [0] * len(cells)
    for r, c in grid:
        widths[r] = max(widths[r], c + 1)
    return tuple(tuple(grid.get((r, c), "") for c in range(w)) for r, w in enumerate(widths))
