"""正文结构：把行变成 节、段落、表格（与格式无关的核心）。

Two passes: `classify` turns physical lines into items (blank, table row, heading with body,
bullet, text); `assemble` walks the items with a heading stack, joins wrapped lines into
paragraphs and collects tables.

Paragraph joining: a paragraph goes on with the next text line when its last line does not end
with 。！？；：…）: directly; across blank lines (page breaks) when the last physical line was
long (>= WRAP_MIN characters) or ends with ，、; across ONE blank line also when the paragraph
so far is long (a word broken one syllable a line, "设环保" / blank / "能源类…"). Lines such as
"电话：…" or a date never go on a short line, and a short line alone ("…办公室文件",
"2025年1月14日") is not continued across a blank line. Bullets, headings and tables always start
something new. "民政扶/贫救灾/社会保/障…" thus becomes one word run.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .flat import is_flattened, split_flat
from .lines import bullet_text, clean_inline, clean_title, ends_sentence, heading_marks, is_rule
from .lines import join_text
from .model import Paragraph, Path, Section, Table
from .outline import Heading, OutlineStack, split_heading, split_inline_bold
from .tables import TableBuilder, is_loose_cell, is_table_line, loose_rows, parse_row

WRAP_MIN = 20
"""A line at least this long that stops mid-sentence is taken as wrapped, even across blanks."""
MAX_BLANKS = 4
"""Most blank lines a wrapped paragraph may continue across (page breaks leave 3)."""
_FIELD = re.compile(r"^[\u4e00-\u9fff]{2,6}[：:]")
_DATE = re.compile(r"^\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日")


@dataclass(frozen=True)
class Item:
    """One logical line: kind is blank, row, sep, heading, bullet, solo (a paragraph of its
    own, e.g. a '#' line of a cover letter) or text."""

    kind: str
    text: str = ""
    phys: int = 0
    """Length of the physical line the item came from (for the wrap rule)."""
    heading: Heading | None = None
    row: tuple[str, ...] = ()
    layout: str = ""


def _line_items(content: str, md_level: int, markdown: bool, headings: bool) -> list[Item]:
    """Items of one non-blank, non-table line ('#' marks already removed)."""
    phys = len(content.strip())
    if not headings and md_level:
        return [Item("solo", clean_inline(content, markdown), phys)]
    if not headings:
        bullet = bullet_text(content)
        if bullet is not None:
            return [Item("bullet", clean_inline(bullet, markdown), phys)]
        return [Item("text", clean_inline(content, markdown), phys)]
    if is_flattened(content):
        pieces = split_flat(content)
    elif markdown:
        pieces = [("line", p) for p in split_inline_bold(content)]
    else:
        pieces = [("line", content)]
    items: list[Item] = []
    for index, (kind, piece) in enumerate(pieces):
        if kind == "text":
            items.append(Item("text", clean_inline(piece, markdown), phys))
            continue
        parsed = split_heading(piece, markdown)
        if parsed:
            items.append(Item("heading", parsed[1], phys, heading=parsed[0]))
        elif md_level and index == 0:
            items.append(Item("heading", "", phys, heading=Heading(None, clean_title(piece))))
        elif (bullet := bullet_text(piece)) is not None:
            items.append(Item("bullet", clean_inline(bullet, markdown), phys))
        else:
            items.append(Item("text", clean_inline(piece, markdown), phys))
    return items


def classify(lines: list[str], markdown: bool, headings: bool = True) -> list[Item]:
    """Physical lines → items. Table lines are never headings; '---' rules count as blank."""
    items: list[Item] = []
    for raw in lines:
        line = raw.rstrip("\n")
        if not line.strip() or (markdown and is_rule(line)):
            items.append(Item("blank"))
            continue
        if is_table_line(line):
            parsed = parse_row(line)
            if parsed:
                items.append(Item("row", row=parsed[0], layout=parsed[1]))
            else:
                items.append(Item("sep"))
            continue
        level, content = heading_marks(line) if markdown else (0, line)
        if not content.strip():
            items.append(Item("blank"))
            continue
        items.extend(_line_items(content, level, markdown, headings))
    return items


@dataclass
class Body:
    """What `assemble` found: sections, paragraphs and tables in reading order."""

    sections: list[Section] = field(default_factory=list)
    paragraphs: list[Paragraph] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)


@dataclass
class _Para:
    path: Path
    text: str
    phys: int

    def continues(self, item: Item, blanks: int) -> bool:
        """Does `item` (a text line after `blanks` blank lines) go on with this paragraph?"""
        if ends_sentence(self.text) or blanks > MAX_BLANKS:
            return False
        if self.phys < WRAP_MIN and (_FIELD.match(item.text) or _DATE.match(item.text)):
            return False  # "地址：…" / "电话：…" / signature dates stay apart
        if self.phys >= WRAP_MIN or self.text[-1] in "，、,":
            return True
        return blanks == 0 or (blanks == 1 and len(self.text) >= WRAP_MIN)


def assemble(items: list[Item]) -> Body:
    """Items → Body, keeping a heading stack (see module docstring for the joining rule)."""
    body, stack = Body(), OutlineStack()
    para: _Para | None = None
    table: TableBuilder | None = None
    blanks = 0

    def flush_para() -> None:
        nonlocal para
        if para and para.text.strip():
            body.paragraphs.append(Paragraph(para.text.strip(), para.path))
        para = None

    def close_table() -> None:
        nonlocal table
        if table and (built := table.build()):
            body.tables.append(built)
        table = None

    i = 0
    while i < len(items):
        item = items[i]
        i += 1
        if item.kind == "blank":
            blanks += 1
            continue
        if item.kind in ("row", "sep"):
            flush_para()
            if table is None:
                table = TableBuilder(stack.path(), item.layout or "tab")
            if item.kind == "row":
                table.add(item.row)
            blanks = 0
            continue
        if table is not None:
            if item.kind == "text":
                resume = _absorb_loose(items, i - 1, table)
                if resume is not None:
                    i, blanks = resume, 0
                    continue
            close_table()
        if item.kind == "heading":
            flush_para()
            path = stack.push(item.heading)
            body.sections.append(Section(path[-1], path, len(path)))
            if item.text:
                para = _Para(path, item.text, item.phys)
        elif item.kind == "bullet":
            flush_para()
            para = _Para(stack.path(), item.text, item.phys)
        elif item.kind == "solo":
            flush_para()
            body.paragraphs.append(Paragraph(item.text, stack.path()))
        elif para and para.continues(item, blanks):
            para.text, para.phys = join_text(para.text, item.text), item.phys
        else:
            flush_para()
            para = _Para(stack.path(), item.text, item.phys)
        blanks = 0
    flush_para()
    close_table()
    return body


def _absorb_loose(items: list[Item], start: int, table: TableBuilder) -> int | None:
    """Add label/number lines found from `start` on as rows of `table`.

    Returns the index to go on from, or None when the lines there are not loose cells.
    """
    texts, positions = [], []
    j = start
    while j < len(items) and items[j].kind in ("text", "blank"):
        if items[j].kind == "text":
            if not is_loose_cell(items[j].text):
                break
            texts.append(items[j].text)
            positions.append(j)
        j += 1
    rows = loose_rows(texts)
    if not rows:
        return None
    for row in rows:
        table.add(row)
    return positions[sum(len(r) for r in rows) - 1] + 1
