"""HTML 读取器：保存的政府网页 → Document（经 loaders.blocks 交给文本读取器）。

Decode (BOM, valid UTF-8, the <meta> charset, GB18030); drop scripts, forms, hidden elements
and page chrome (nav/header/footer/share/breadcrumb by tag, class or id, unless it holds the
title); take the smallest ancestor of the title element holding 80% of the page's non-link
text; read it in order: a paragraph per block element, <br> as a line break, inline runs joined
without spaces, a bold numbered run opening a paragraph as a heading, data-grid tables with
rowspan/colspan expanded (label in the span's first cell, '' in the others), layout tables
(nested tables, one column, long cells) read as containers.

Limits (html_grid): a rowspan reaches at most the table's last row, a colspan at most
MAX_COLSPAN columns, and a table expands to at most MAX_TABLE_CELLS grid cells (else
MalformedReportError), so 400 rows of rowspan=100000 are refused at once.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from bs4 import BeautifulSoup, Tag
from bs4.element import PageElement, PreformattedString

from .blocks import Block, TableBlock, cell_text, document_from_blocks
from .decode import decode_bytes, sniff_binary
from .errors import EmptyReportError, MalformedReportError
from .html_grid import MAX_COLSPAN, TooLarge, grid_of, spans
from .meta import title_of
from .model import Document
from .outline import numbering_rank

_HARD = "\x01"  # a real line break (<br>, block boundary) while source whitespace is squeezed
_SKIP = frozenset("script style noscript template iframe object embed svg canvas head link meta "
                  "input select option button textarea img map".split())
_CHROME_TAGS = frozenset({"nav", "header", "footer", "aside"})
_BLOCK = _CHROME_TAGS | frozenset(
    "p div h1 h2 h3 h4 h5 h6 li ul ol dl dt dd section article main blockquote center pre address "
    "form body html tr td th tbody thead tfoot caption hr fieldset figure".split())
_BOLD = frozenset({"b", "strong"})
_JUNK_WORDS = frozenset(
    "nav navbar menu header head footer foot top topbar bottom breadcrumb breadcrumbs crumb "
    "crumbs position location dqwz share bdshare fenxiang sidebar side copyright toolbar "
    "tools search login print related xgwz xglj friendlink links banner ad".split())
"""class/id words (split at - and _) of chrome containers: navigation, share bars, footers…"""
_CHROME_LINE = re.compile(
    r"(?:^|[\s【\[|｜])(?:发布(?:时间|日期|机构)|发文日期|成文日期|生成日期|信息来源|来源|作者"
    r"|浏览(?:次数|量)|点击(?:数|量|率)|阅读(?:次数|量)|访问量|字号|索引号|责任编辑|编辑"
    r"|上一篇|下一篇|分享到|当前位置|您的位置|您当前的位置|主办单位|承办单位)\s*[:：]"
    r"|【\s*(?:打印|关闭|大|收藏)|打印本页|关闭窗口|扫一扫|版权所有|ICP备|公网安备|网站标识码"
)
_USUAL_CHARSETS = (r"utf-?8|x?-?gb[k_\-]?(2312)?(-80)?|gb18030"  # Western ones on Chinese pages
                   r"|iso-?8859.*|latin.*|(windows|cp)-?125\d|.*ascii")  # are mislabels
_META_CHARSET = re.compile(rb"<meta[^>]{0,200}?charset\s*=\s*[\"']?\s*([A-Za-z0-9_\-]+)", re.I)
_SPACES = re.compile(r"[^\S\x01]+")
_WIDE = 0x2E80
_MAX_CELL = 300  # a table cell with more text is page layout, not a data cell


def read_html(data: bytes, source: str = "") -> Document:
    """把保存的网页读成 Document（表格 layout 为 'html'）。

    异常: EmptyReportError (no bytes / no visible text), UnsupportedFormatError (binary),
    MalformedReportError (no report title).
    """
    where = f" ({source})" if source else ""
    soup = BeautifulSoup(decode_html(data, source), "lxml")
    page_title = soup.title.get_text(" ", strip=True) if soup.title else ""
    body = soup.body or soup
    sizes = _clean(body)
    if not sizes[id(body)][1]:
        raise EmptyReportError(f"网页没有正文文字{where}：网页里没有可见的文字")
    title = _title_element(body, sizes)
    container = _container(body, title, sizes) if title else _dominant(body, sizes)
    try:
        read = _Reader().walk(container, flush=True).blocks
    except TooLarge as exc:
        raise MalformedReportError(f"网页表格过大{where}: {exc}") from exc
    blocks = [b if isinstance(b, TableBlock) else "\n".join(  # drop 发布时间：… lines
        s for s in b.split("\n") if len(s) > 120 or "。" in s or not _CHROME_LINE.search(s))
        for b in read]
    repeated = {i for i, b in enumerate(blocks)  # the page's <h1> and the body's own title
                if isinstance(b, str) and title_of(b) and b in blocks[i + 1:]}
    blocks = [b for i, b in enumerate(blocks) if b and i not in repeated]
    fallback = None if title else _page_title(page_title)
    if fallback:
        blocks.insert(0, fallback)
    if not blocks:
        raise EmptyReportError(f"网页没有正文文字{where}：网页里没有可见的文字")
    return document_from_blocks(blocks, source, "html")


def decode_html(data: bytes, source: str = "") -> str:
    """Bytes → text as loaders.decode reads text files (BOM, UTF-8, GB18030; binary refused),
    except that a <meta> charset other than UTF-8/GB*/Western (Big5…) is tried before GB18030.

    异常: EmptyReportError (nothing but spaces), UnsupportedFormatError (binary content).
    """
    m = _META_CHARSET.search(data[:65536])
    declared = m.group(1).decode("ascii").lower() if m else "utf-8"
    if not re.fullmatch(_USUAL_CHARSETS, declared) and not sniff_binary(data):
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            try:
                return data.decode(declared)
            except (UnicodeDecodeError, LookupError):
                pass
    return decode_bytes(data, source)


def _chrome(tag: Tag) -> bool:
    """A chrome tag, or class/id words ("print-bar" → print, bar) of a chrome container."""
    values = [*(tag.get("class") or []), str(tag.get("id") or "")]
    words = {w for v in values for w in re.split(r"[\s\-_]+", v.lower())}
    return tag.name in _CHROME_TAGS or bool(words & _JUNK_WORDS)


def _hidden(tag: Tag) -> bool:
    style = re.sub(r"\s+", "", str(tag.get("style") or "")).lower()
    return tag.has_attr("hidden") or "display:none" in style or "visibility:hidden" in style


def _holds_title(tag: Tag) -> bool:
    """Whether a line of the tag's text (links left out) is a report title."""
    return any(title_of(line) for line in _text(tag, links=False).split("\n")
               if len(line) <= 120)


Sizes = dict[int, tuple[int, int]]
"""id(tag) → (non-link text length, text length), whitespace left out."""


def _sizes(body: Tag) -> Sizes:
    """Text sizes of every tag, children before parents (linear, also for deep nesting)."""
    linked = {id(t) for a in body.find_all("a") for t in (a, *a.find_all(True))}
    sizes: Sizes = {}
    for tag in reversed([body, *body.find_all(True)]):
        own = sum(len(c.strip()) for c in tag.children if not isinstance(c, Tag))
        kids = [sizes[id(child)] for child in tag.find_all(True, recursive=False)]
        nonlink = (0 if id(tag) in linked else own) + sum(k[0] for k in kids)
        sizes[id(tag)] = (nonlink, own + sum(k[1] for k in kids))
    return sizes


def _clean(body: Tag) -> Sizes:
    """Remove comments, scripts, widgets, hidden elements and chrome containers (unless they
    hold the title or much non-link text) in place; the text sizes of what is left."""
    for node in body.find_all(string=lambda s: isinstance(s, PreformattedString)):
        node.extract()
    _remove(body, lambda tag: tag.name in _SKIP or _hidden(tag))
    sizes = _sizes(body)
    _remove(body, lambda t: _chrome(t) and sizes[id(t)][0] < 500 and not _holds_title(t))
    return _sizes(body)


def _remove(body: Tag, doomed: Callable[[Tag], bool]) -> None:
    """Extract the tags for which `doomed` holds (their descendants are not tested)."""
    dead: set[int] = set()
    for tag in body.find_all(True):
        if id(tag.parent) in dead:
            dead.add(id(tag))
        elif doomed(tag):
            dead.add(id(tag))
            tag.extract()


def _title_element(body: Tag, sizes: Sizes) -> Tag | None:
    """The first deepest element (outside links) whose text holds a report-title line."""
    holders: set[int] = set()
    found = None
    for tag in reversed(body.find_all(True)):
        if any(id(c) in holders for c in tag.find_all(True, recursive=False)):
            holders.add(id(tag))
        elif sizes[id(tag)][0] and sizes[id(tag)][1] <= 400 and _holds_title(tag):
            holders.add(id(tag))
            found = tag
    return found


def _container(body: Tag, title: Tag, sizes: Sizes) -> Tag:
    """Smallest ancestor of the title element holding 80% of the page's non-link text."""
    for tag in (title, *title.parents):
        if tag is body or sizes[id(tag)][0] >= 0.8 * sizes[id(body)][0]:
            return tag
    return body


def _dominant(tag: Tag, sizes: Sizes) -> Tag:
    """Without a title element: descend while one child holds 80% of the non-link text."""
    while True:
        kids = tag.find_all(True, recursive=False)
        best = max(kids, key=lambda t: sizes[id(t)][0], default=None)
        if best is None or best.name == "table" or sizes[id(best)][0] < 0.8 * sizes[id(tag)][0]:
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


class _Reader:
    """Reads a node in order with an explicit stack (pages nest thousands deep). Block mode
    collects paragraph blocks (dropping link-only ones) and tables; text mode (`links` given)
    only text, with blocks, <br> and tables as line breaks and links kept or left out."""

    def __init__(self, links: bool | None = None) -> None:
        self.links = links
        self.blocks: list[Block] = []
        self.buf: list[tuple[str, bool]] = []
        self.in_link = 0

    def add(self, text: str) -> None:
        self.buf.append((text, self.in_link > 0))

    def text(self) -> str:
        return _squeeze("".join(s for s, _ in self.buf))

    def flush(self) -> None:
        """End the current paragraph (dropped when all its text is link text)."""
        if any(not linked and _squeeze(s) for s, linked in self.buf):
            self.blocks.append(self.text())
        self.buf = []

    def walk(self, node: Tag, flush: bool = False) -> _Reader:
        """Read `node`'s children (and end the last paragraph when `flush`)."""
        stack: list[tuple[Iterator[PageElement], Callable[[], None] | None]] = []
        stack.append((iter(node.children), None))
        while stack:
            child = next(stack[-1][0], None)
            if child is None:
                close = stack.pop()[1]
                if close:
                    close()
            elif not isinstance(child, Tag):
                if not isinstance(child, PreformattedString):
                    self.add(str(child))
            elif child.name not in _SKIP:
                descend, close = self.open(child)
                if descend:
                    stack.append((iter(child.children), close))
        if flush:
            self.flush()
        return self

    def open(self, tag: Tag) -> tuple[bool, Callable[[], None] | None]:
        """Handle an opening tag: (read its children?, what to do after them)."""
        name, hard = tag.name, (lambda: self.add(_HARD))
        if name == "br" or (name == "a" and self.links is False):
            hard()
            return False, None
        if self.links is not None:
            return (True, hard) if name in _BLOCK or name == "table" else (True, None)
        if name == "table":
            self.flush()
            self.table(tag)
            return False, None
        if name in _BLOCK:
            self.flush()
            return True, self.flush
        if name in _BOLD and self._heading_run(tag):
            return True, self.flush
        self.in_link += name == "a"
        return True, self._leave_link if name == "a" else None

    def _leave_link(self) -> None:
        self.in_link -= 1

    def _heading_run(self, tag: Tag) -> bool:
        """A bold numbered run at the start of a paragraph ("<b>1. 日常工作</b>正文…")."""
        text = re.sub(r"\s+", " ", tag.get_text()).strip()
        return not self.text() and numbering_rank(text) is not None and len(text) <= 40

    def table(self, table: Tag) -> None:
        """A data grid becomes a TableBlock; a layout table is read cell by cell."""
        rows = [tr for tr in table.find_all("tr") if tr.find_parent("table") is table]
        cells = [tr.find_all(["td", "th"], recursive=False) for tr in rows]
        texts = [[cell_text(_text(td)) for td in row] for row in cells]
        width = max((sum(spans(td.get("colspan"), MAX_COLSPAN) for td in row) for row in cells),
                    default=0)
        if (table.find("table") is None and width >= 2
                and all(len(t) <= _MAX_CELL for row in texts for t in row)):
            titles = [t for row in texts for t in row if title_of(t)]  # 标题 in an info table
            self.blocks += [TableBlock(grid_of(cells, texts)), *titles]
            return
        for td in (td for row in cells for td in row):
            self.walk(td, flush=True)


def _text(node: Tag, links: bool = True) -> str:
    """A node's text: <br> and block elements as line breaks, inline runs joined as they are
    (so a cell's <span>1</span><span>2</span> is 12); links left out when `links` is False."""
    return _Reader(links).walk(node).text()
