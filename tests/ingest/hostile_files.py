"""Test helper: hostile report files, generated small on disk (hand-written DOCX zips, HTML, PDF).

Each writer makes a file that once exhausted memory or time: a DOCX cell spanning 150 million
grid columns, a list counter starting near 10^15, a zip bomb member, an HTML table of large
rowspans, a PDF of thousands of pages. `minimal_docx` also makes a valid Word file without a
numbering part (which python-docx could not open).
"""
from __future__ import annotations

import zipfile
from pathlib import Path

from tests.report_blocks import JINJIANG_2024_TITLE

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.wordprocessingml.document.main+xml"/>{numbering}</Types>')
_NUMBERING_TYPE = ('<Override PartName="/word/numbering.xml" ContentType="application/vnd.'
                   'openxmlformats-officedocument.wordprocessingml.numbering+xml"/>')
_RELS = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
         '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
         '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
         'relationships/officeDocument" Target="word/document.xml"/></Relationships>')
_DOC_RELS = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
             '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
             '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
             'relationships/numbering" Target="numbering.xml"/></Relationships>')
BODY = ("一、总体情况", "2024年，受理信息公开申请20件，依法办结20件。")


def paragraph(text: str, num_id: int | None = None) -> str:
    """A w:p with `text` (and list numbering `num_id` level 0 when given)."""
    num = f'<w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="{num_id}"/></w:numPr></w:pPr>' \
        if num_id is not None else ""
    return f"<w:p>{num}<w:r><w:t>{text}</w:t></w:r></w:p>"


def document_xml(inner: str) -> str:
    """word/document.xml with the report title, the body lines and `inner` XML."""
    paras = "".join(paragraph(t) for t in (JINJIANG_2024_TITLE, *BODY))
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            f'<w:document xmlns:w="{W_NS}"><w:body>{paras}{inner}</w:body></w:document>')


def minimal_docx(path: Path, inner: str = "", numbering: str | None = None) -> Path:
    """A Word file of just the parts Word needs (no styles, no numbering unless given)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml",
                   _CONTENT_TYPES.format(numbering=_NUMBERING_TYPE if numbering else ""))
        z.writestr("_rels/.rels", _RELS)
        z.writestr("word/document.xml", document_xml(inner))
        if numbering is not None:
            z.writestr("word/_rels/document.xml.rels", _DOC_RELS)
            z.writestr("word/numbering.xml", numbering)
    return path


def grid_span_docx(path: Path, span: int = 150_000_000) -> Path:
    """A table whose one cell spans `span` grid columns."""
    cell = (f'<w:tc><w:tcPr><w:gridSpan w:val="{span}"/></w:tcPr>{paragraph("合计")}</w:tc>'
            f'<w:tc>{paragraph("20")}</w:tc>')
    return minimal_docx(path, f"<w:tbl><w:tr>{cell}</w:tr><w:tr>{cell}</w:tr></w:tbl>")


def counter_docx(path: Path, start: int = 10**15, paragraphs: int = 3) -> Path:
    """A list whose counter starts at `start` in Chinese counting, nine levels deep."""
    levels = "".join(
        f'<w:lvl w:ilvl="{i}"><w:start w:val="{start}"/><w:numFmt w:val="upperLetter"/>'
        f'<w:lvlText w:val="{"%1%2%3%4%5%6%7%8%9"[:2 * (i + 1)]}、"/></w:lvl>' for i in range(9))
    numbering = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                 f'<w:numbering xmlns:w="{W_NS}"><w:abstractNum w:abstractNumId="0">{levels}'
                 f'</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
                 f'</w:numbering>')
    inner = "".join(paragraph("工作情况", num_id=1) for _ in range(paragraphs))
    return minimal_docx(path, inner, numbering)


def zip_bomb_docx(path: Path, inflated: int = 300 * 1024 * 1024) -> Path:
    """A Word file whose document.xml inflates to `inflated` bytes of XML (a comment of
    repeated bytes), written streaming so neither side is held in memory."""
    head = document_xml("").encode()
    cut = head.index(b"</w:body>")
    chunk = b"<!--" + b"A" * (1024 * 1024 - 7) + b"-->"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", _CONTENT_TYPES.format(numbering=""))
        z.writestr("_rels/.rels", _RELS)
        with z.open("word/document.xml", "w", force_zip64=True) as member:
            member.write(head[:cut])
            for _ in range(inflated // len(chunk)):
                member.write(chunk)
            member.write(head[cut:])
    return path


def rowspan_html(path: Path, rows: int = 400, rowspan: int = 100_000) -> Path:
    """An HTML report whose table has `rows` rows, each opening a cell of a huge rowspan."""
    body = "".join(f'<tr><td rowspan="{rowspan}">项目{r}</td><td>{r}</td><td>1</td></tr>'
                   for r in range(rows))
    html = (f"<html><head><meta charset='utf-8'></head><body><h1>{JINJIANG_2024_TITLE}</h1>"
            f"<p>{BODY[0]}</p><p>{BODY[1]}</p><table>{body}</table></body></html>")
    path.write_text(html, encoding="utf-8")
    return path


def many_pages_pdf(path: Path, pages: int = 2000) -> Path:
    """A PDF of `pages` pages, one short line each (reportlab, with a CJK font)."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    pdf = canvas.Canvas(str(path), pageCompression=1)
    for n in range(pages):
        pdf.setFont("STSong-Light", 12)
        pdf.drawString(72, 720, JINJIANG_2024_TITLE if n == 0 else f"{BODY[1]} 第{n}页")
        pdf.showPage()
    pdf.save()
    return path
