"""DOCX 读取器：Word 文件 → 阅读顺序的块（段落、表格）→ Document。

The body is walked in reading order (paragraphs and tables interleaved, content controls
unwrapped). Paragraph text includes Word's automatic list numbering ("一、", "（一）", "1."),
rendered from numbering.xml, since sections come from the numbering in the text; heading
styles only keep a heading on one line. Tables are read from the XML grid: a horizontally
merged cell (gridSpan, legacy hMerge) or vertically merged cell (vMerge) gives its text to the
first grid cell of the span and '' to the others, so no value is doubled; w:gridBefore columns
are '' and w:gridAfter columns are left out. A cell's text is its paragraphs joined without a
separator. A table nested in a cell is not folded into the cell (that would glue numbers
together): it is emitted as its own table after the outer one (the bridge then joins the two
grids like a table continued on the next page; each value is still in one cell only). A
one-column table that only frames other content (one cell, or holding nested tables) is
unwrapped into body blocks.
Text boxes, deleted revisions and field codes are ignored.
"""
from __future__ import annotations

import io
import re
import zipfile
import zlib
from collections.abc import Iterator

from docx.exceptions import PythonDocxError
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.exceptions import OpcError
from docx.oxml.ns import qn
from docx.package import Package
from docx.parts.document import DocumentPart
from lxml import etree

from .blocks import Block, TableBlock, document_from_blocks
from .decode import sniff_binary
from .errors import EmptyReportError, MalformedReportError, UnsupportedFormatError
from .model import Document

_OLE = b"\xd0\xcf\x11\xe0"
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_WML = "application/vnd.ms-word."
_WORD_TYPES = frozenset({CT.WML_DOCUMENT_MAIN, _WML + "document.macroEnabled.main+xml",
                         _WML + "template.macroEnabledTemplate.main+xml",
                         CT.WML_DOCUMENT_MAIN.replace("document.main", "template.main")})
""".docx, .docm, .dotm and .dotx main parts: all read alike."""
_WRAPPERS = frozenset(qn(t) for t in ("w:sdt", "w:sdtContent", "w:customXml", "w:ins",
                                      "w:smartTag", "w:hyperlink", "w:fldSimple"))
_SKIP = frozenset(qn(t) for t in ("w:txbxContent", "w:del", "w:pPr", "w:rPr", "w:tblPr",
                                  "w:trPr", "w:tcPr", "w:instrText", "w:delText")) | {_MC_FALLBACK}
_BROKEN = (zipfile.BadZipFile, zlib.error, EOFError, KeyError, ValueError, etree.LxmlError,
           OpcError, PythonDocxError)
"""What a corrupt file makes zipfile, lxml and python-docx raise."""
_HEADING_STYLE = re.compile(r"^(?:heading|标题)\s*\d$", re.I)
_CN = "零一二三四五六七八九"
_TIANGAN = "甲乙丙丁戊己庚辛壬癸"


def _val(el: etree._Element | None, tag: str, default: str | None = None) -> str | None:
    """w:val of the child `tag` of `el` ('' when the child has no w:val), else `default`."""
    child = el.find(qn(tag)) if el is not None else None
    return default if child is None else child.get(qn("w:val"), "")


def _chinese(n: int) -> str:
    """1 → 一, 10 → 十, 21 → 二十一 (chineseCounting; 100 and more as digits)."""
    if n < 10 or n >= 100:
        return _CN[n] if 0 <= n < 10 else str(n)
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else _CN[tens]) + "十" + (_CN[ones] if ones else "")


def _format_number(n: int, fmt: str) -> str:
    """A list counter in Word's number format `fmt` (unknown formats fall back to decimal)."""
    if fmt in ("chineseCounting", "chineseCountingThousand", "japaneseCounting",
               "chineseLegalSimplified", "ideographLegalTraditional", "taiwaneseCounting"):
        return _chinese(n)
    if fmt == "ideographTraditional":
        return _TIANGAN[(n - 1) % 10]
    if fmt in ("upperLetter", "lowerLetter"):
        text = chr(ord("A") + (n - 1) % 26) * ((n - 1) // 26 + 1)
        return text if fmt == "upperLetter" else text.lower()
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese"):
        return chr(0x2460 + n - 1) if 1 <= n <= 20 else str(n)
    return str(n)


class _Numbering:
    """Renders automatic list numbers ("一、", "（二）", "3.") in reading order."""

    def __init__(self, numbering: etree._Element | None, styles: etree._Element | None):
        self.levels: dict[str, dict[int, etree._Element]] = {}
        self.starts: dict[tuple[str, int], int] = {}
        self.counters: dict[str, dict[int, int]] = {}
        self.style_num: dict[str, tuple[str | None, int | None, str | None]] = {}
        if numbering is not None:
            abstract = {a.get(qn("w:abstractNumId")): {int(lv.get(qn("w:ilvl"), "0")): lv
                        for lv in a.iter(qn("w:lvl"))}
                        for a in numbering.iter(qn("w:abstractNum"))}
            for num in numbering.iter(qn("w:num")):
                num_id = num.get(qn("w:numId"))
                self.levels[num_id] = abstract.get(_val(num, "w:abstractNumId") or "", {})
                for over in num.iter(qn("w:lvlOverride")):
                    start = _val(over, "w:startOverride")
                    if start and start.isdigit():
                        self.starts[(num_id, int(over.get(qn("w:ilvl"), "0")))] = int(start)
        for style in styles.iter(qn("w:style")) if styles is not None else ():
            ppr = style.find(qn("w:pPr"))
            num_pr = ppr.find(qn("w:numPr")) if ppr is not None else None
            ilvl = _val(num_pr, "w:ilvl")
            self.style_num[style.get(qn("w:styleId"), "")] = (
                _val(num_pr, "w:numId"), int(ilvl) if ilvl and ilvl.isdigit() else None,
                _val(style, "w:basedOn"))

    def _style_numpr(self, style_id: str) -> tuple[str | None, int]:
        for _ in range(10):
            num_id, ilvl, based = self.style_num.get(style_id, (None, None, None))
            if num_id is not None:
                return num_id, ilvl or 0
            if not based:
                break
            style_id = based
        return None, 0

    def label(self, ppr: etree._Element | None) -> str:
        """The list number the paragraph with properties `ppr` shows ('' when none/bullet)."""
        num_pr = ppr.find(qn("w:numPr")) if ppr is not None else None
        num_id, ilvl = _val(num_pr, "w:numId"), _val(num_pr, "w:ilvl")
        level = int(ilvl) if ilvl and ilvl.isdigit() else 0
        if num_id is None:
            num_id, style_level = self._style_numpr(_val(ppr, "w:pStyle") or "")
            level = style_level if ilvl is None else level
        levels = self.levels.get(num_id or "0")
        if not levels or level not in levels:
            return ""
        counters = self.counters.setdefault(num_id, {})
        for deeper in [k for k in counters if k > level]:
            del counters[deeper]
        counters[level] = counters[level] + 1 if level in counters else self._start(num_id, level)
        lvl = levels[level]
        fmt = _val(lvl, "w:numFmt", "decimal")
        if fmt in ("bullet", "none"):
            return ""

        def number(m: re.Match[str]) -> str:
            k = int(m.group(1)) - 1
            n = counters.get(k, self._start(num_id, k))
            return _format_number(n, "decimal" if lvl.find(qn("w:isLgl")) is not None
                                  and k != level else _val(levels.get(k), "w:numFmt", "decimal"))
        text = re.sub(r"%(\d)", number, _val(lvl, "w:lvlText", "") or "")
        if not text or _val(lvl, "w:suff") == "nothing" or text[-1] in "、）)．":
            return text
        return text + " "

    def _start(self, num_id: str, level: int) -> int:
        start = self.starts.get((num_id, level)) or _val(self.levels[num_id].get(level), "w:start")
        return int(start) if str(start).isdigit() else 1


def _text(el: etree._Element, breaks: str) -> str:
    """Visible text under `el`: w:t runs, tabs as spaces, line breaks as `breaks`."""
    out: list[str] = []

    def walk(node: etree._Element) -> None:
        for child in node:
            tag = child.tag
            if tag in _SKIP or tag == qn("w:tbl"):
                continue
            if tag == qn("w:t"):
                out.append(child.text or "")
            elif tag in (qn("w:tab"), qn("w:ptab")):
                out.append(" ")
            elif tag in (qn("w:br"), qn("w:cr")):
                out.append(breaks)
            elif tag == qn("w:noBreakHyphen"):
                out.append("-")
            else:
                walk(child)
    walk(el)
    return "".join(out)


class _Reader:
    """Turns the document body into reading-order blocks."""

    def __init__(self, numbering: _Numbering, styles: etree._Element | None):
        self.numbering = numbering
        self.heading_styles: set[str] = set()
        for style in styles.iter(qn("w:style")) if styles is not None else ():
            name = _val(style, "w:name") or ""
            ppr = style.find(qn("w:pPr"))
            if (_HEADING_STYLE.match(name) or name.lower() in ("title", "标题")
                    or _val(ppr, "w:outlineLvl") not in (None, "9")):
                self.heading_styles.add(style.get(qn("w:styleId"), ""))

    def is_heading(self, ppr: etree._Element | None) -> bool:
        """Heading or Title style, or an outline level set on the paragraph."""
        return ((_val(ppr, "w:pStyle") or "") in self.heading_styles
                or _val(ppr, "w:outlineLvl") not in (None, "9"))

    def paragraph(self, p: etree._Element, in_cell: bool = False) -> str:
        ppr = p.find(qn("w:pPr"))
        label = self.numbering.label(ppr)
        breaks = "" if in_cell or self.is_heading(ppr) else "\n"
        return label + _text(p, breaks)

    def blocks(self, container: etree._Element) -> Iterator[Block]:
        """Paragraph strings and tables of a body (or cell) in reading order."""
        for child in container:
            if child.tag == qn("w:p"):
                yield self.paragraph(child)
            elif child.tag == qn("w:tbl"):
                yield from self.table(child)
            elif child.tag in _WRAPPERS:
                yield from self.blocks(child)

    def table(self, tbl: etree._Element) -> Iterator[Block]:
        """The table's grid, then the tables nested in its cells (or its content if a frame)."""
        rows = [list(_children(tr, "w:tc")) for tr in _children(tbl, "w:tr")]
        cells = [tc for row in rows for tc in row]
        nested = [t for tc in cells for t in _children(tc, "w:tbl")]
        if all(len(row) == 1 and _span(row[0]) == 1 for row in rows) and (
                len(cells) == 1 or nested):
            for tc in cells:  # a one-column frame around the real content
                yield from self.blocks(tc)
            return
        grid: list[tuple[str, ...]] = []
        for tr, row_cells in zip(_children(tbl, "w:tr"), rows):
            row = [""] * int(_val(tr.find(qn("w:trPr")), "w:gridBefore", "0") or 0)
            for tc in row_cells:
                tc_pr = tc.find(qn("w:tcPr"))
                merged = (_val(tc_pr, "w:vMerge") not in (None, "restart")
                          or _val(tc_pr, "w:hMerge") not in (None, "restart"))
                text = "" if merged else "".join(
                    self.paragraph(p, in_cell=True) for p in _children(tc, "w:p"))
                row += [text] + [""] * (_span(tc) - 1)
            grid.append(tuple(row))
        yield TableBlock(tuple(grid))
        for table in nested:
            yield from self.table(table)


def _children(el: etree._Element, tag: str) -> Iterator[etree._Element]:
    """Children of `el` named `tag`, looking through content controls and similar wrappers."""
    for child in el:
        if child.tag == qn(tag):
            yield child
        elif child.tag in _WRAPPERS:
            yield from _children(child, tag)


def _span(tc: etree._Element) -> int:
    span = _val(tc.find(qn("w:tcPr")), "w:gridSpan", "1") or "1"
    return max(1, int(span)) if span.isdigit() else 1


def _reason(exc: BaseException) -> str:
    """An exception as one short line."""
    return " ".join(str(exc).split())[:200] or type(exc).__name__


def _open(data: bytes, where: str) -> DocumentPart:
    """The main document part, or one clear LoaderError."""
    if not data:
        raise EmptyReportError(f"文件为空{where}: zero bytes")
    if data.startswith(_OLE):
        raise UnsupportedFormatError(
            f"加密或旧版 Word 文件{where}: OLE container (.doc or password-protected .docx);"
            " remove the password or save as .docx")
    if not data.startswith(b"PK"):
        label = sniff_binary(data)
        looks = f"content looks like {label}" if label else "not a zip archive"
        raise MalformedReportError(f"不是有效的 DOCX 文件{where}: {looks}")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError) as exc:
        raise MalformedReportError(f"DOCX 文件已损坏或不完整{where}: {_reason(exc)}") from exc
    if "[Content_Types].xml" not in names or not any(n.startswith("word/") for n in names):
        raise UnsupportedFormatError(f"不是 Word 文档{where}: zip without word/ parts")
    try:
        part = Package.open(io.BytesIO(data)).main_document_part
    except KeyError as exc:
        reason = f"no main document ({_reason(exc)})"
        raise UnsupportedFormatError(f"不是 Word 文档{where}: {reason}") from exc
    except _BROKEN as exc:
        raise MalformedReportError(f"DOCX 文件已损坏或不完整{where}: {_reason(exc)}") from exc
    if part.content_type not in _WORD_TYPES:
        raise UnsupportedFormatError(f"不是 Word 文档{where}: main part is {part.content_type}")
    if part.element.find(qn("w:body")) is None:
        raise UnsupportedFormatError(
            f"不支持的 Word 文件{where}: no w:body (Strict Open XML?); save as a standard .docx")
    return part


def read_docx(data: bytes, source: str = "") -> Document:
    """Word (.docx) bytes → Document, tables marked layout 'docx'.

    异常: EmptyReportError (no bytes / no text), UnsupportedFormatError (.doc, encrypted, not a
    Word zip), MalformedReportError (corrupt or truncated file, or no report title).
    """
    where = f" ({source})" if source else ""
    part = _open(data, where)
    try:
        styles = part.styles.element
        numbering = part.numbering_part.element
        body = part.element.find(qn("w:body"))
        reader = _Reader(_Numbering(numbering, styles), styles)
        blocks = list(reader.blocks(body))
    except _BROKEN as exc:
        raise MalformedReportError(f"DOCX 文件已损坏或不完整{where}: {_reason(exc)}") from exc
    if not any((b.strip() if isinstance(b, str) else any(map(any, b.rows))) for b in blocks):
        raise EmptyReportError(f"文件为空{where}: the Word document has no text")
    return document_from_blocks(blocks, source, "docx")
