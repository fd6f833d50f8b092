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
Text boxes, deleted revisions and field codes are ignored. A document without lists has no
numbering part (Word leaves it out); it reads like any other.

Limits (a hostile file gets one clear MalformedReportError instead of exhausting memory):
MAX_UNZIPPED_BYTES and MAX_ZIP_RATIO are checked on the zip members' declared sizes before any
part is parsed; MAX_TABLE_COLUMNS bounds a table row's width (gridSpan, gridBefore) and
MAX_TABLE_CELLS a table's grid; docx_numbering.MAX_LIST_NUMBER bounds a list counter.
"""
from __future__ import annotations

import io
import re
import zipfile
import zlib
from collections.abc import Iterator

from docx.exceptions import PythonDocxError
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.exceptions import OpcError
from docx.oxml.ns import qn
from docx.package import Package
from docx.parts.document import DocumentPart
from lxml import etree

from .blocks import Block, TableBlock, document_from_blocks
from .decode import sniff_binary
from .errors import EmptyReportError, MalformedReportError, UnsupportedFormatError
from .docx_numbering import Numbering, val as _val
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
MAX_UNZIPPED_BYTES = 200 * 1024 * 1024
"""Largest total declared size of a Word file's unpacked parts (a long report: a few MB of XML
plus its images)."""
MAX_ZIP_RATIO = 100
"""Largest compression ratio of a member over 1 MB (Word XML compresses about 10:1; a zip bomb
1000:1)."""
MAX_TABLE_COLUMNS = 500
"""Widest table row, in grid columns (表三 has about 30)."""
MAX_TABLE_CELLS = 50_000
"""Most grid cells in one table (rows × columns after spans)."""
_HEADING_STYLE = re.compile(r"^(?:heading|标题)\s*\d$", re.I)
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

    def __init__(self, numbering: Numbering, styles: etree._Element | None):
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
        cells_total = 0
        for tr, row_cells in zip(_children(tbl, "w:tr"), rows):
            before = _val(tr.find(qn("w:trPr")), "w:gridBefore", "0") or "0"
            width = (int(before) if before.isdigit() and len(before) < 10 else 0) + sum(
                map(_span, row_cells))
            cells_total += width
            if width > MAX_TABLE_COLUMNS or cells_total > MAX_TABLE_CELLS:
                raise MalformedReportError(
                    f"DOCX 表格过大{self.numbering.where}：一行 {width} 列或共 {cells_total} 格"
                    f"（上限 {MAX_TABLE_COLUMNS} 列、{MAX_TABLE_CELLS} 格）")
            row = [""] * (width - sum(map(_span, row_cells)))
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
    if not span.isdigit():
        return 1
    return max(1, int(span)) if len(span) < 10 else MAX_TABLE_COLUMNS + 1


def _reason(exc: BaseException) -> str:
    """An exception as one short line."""
    return " ".join(str(exc).split())[:200] or type(exc).__name__


def check_zip_sizes(members: list[zipfile.ZipInfo], where: str = "") -> None:
    """Refuse a zip bomb by its members' declared sizes (zipfile stops at the declared size):
    more than MAX_UNZIPPED_BYTES in all, or a member over 1 MB inflating more than MAX_ZIP_RATIO
    times (MalformedReportError)."""
    total = sum(m.file_size for m in members)
    if total > MAX_UNZIPPED_BYTES:
        raise MalformedReportError(
            f"DOCX 解压后过大{where}：解压后 {total // 2**20} MB（上限 {MAX_UNZIPPED_BYTES // 2**20} MB）")
    for m in members:
        if m.file_size > 2**20 and m.file_size > MAX_ZIP_RATIO * max(m.compress_size, 1):
            raise MalformedReportError(
                f"DOCX 压缩比异常（疑似压缩炸弹）{where}：{m.filename} 解压比"
                f" {m.file_size // max(m.compress_size, 1)}:1（上限 {MAX_ZIP_RATIO}:1）")


def _numbering(part: DocumentPart) -> etree._Element | None:
    """numbering.xml, or None when the document has no lists (Word then leaves the part out)."""
    try:
        return part.part_related_by(RT.NUMBERING).element
    except (KeyError, AttributeError):
        return None


def _open(data: bytes, where: str) -> DocumentPart:
    """The main document part, or one clear LoaderError."""
    if not data:
        raise EmptyReportError(f"文件为空{where}：0 字节")
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
            members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError) as exc:
        raise MalformedReportError(f"DOCX 文件已损坏或不完整{where}: {_reason(exc)}") from exc
    check_zip_sizes(members, where)
    names = {m.filename for m in members}
    if "[Content_Types].xml" not in names or not any(n.startswith("word/") for n in names):
        raise UnsupportedFormatError(f"不是 Word 文档{where}：压缩包里没有 word/ 部分")
    try:
        part = Package.open(io.BytesIO(data)).main_document_part
    except KeyError as exc:
        reason = f"没有正文部分（{_reason(exc)}）"
        raise UnsupportedFormatError(f"不是 Word 文档{where}: {reason}") from exc
    except _BROKEN as exc:
        raise MalformedReportError(f"DOCX 文件已损坏或不完整{where}: {_reason(exc)}") from exc
    if part.content_type not in _WORD_TYPES:
        raise UnsupportedFormatError(f"不是 Word 文档{where}：主体部分的类型是 {part.content_type}")
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
        numbering = _numbering(part)
        body = part.element.find(qn("w:body"))
        reader = _Reader(Numbering(numbering, styles, where), styles)
        blocks = list(reader.blocks(body))
    except _BROKEN as exc:
        raise MalformedReportError(f"DOCX 文件已损坏或不完整{where}: {_reason(exc)}") from exc
    if not any((b.strip() if isinstance(b, str) else any(map(any, b.rows))) for b in blocks):
        raise EmptyReportError(f"文件为空{where}：Word 文档里没有文字")
    return document_from_blocks(blocks, source, "docx")
