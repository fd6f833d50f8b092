"""文档模型：loader 读出的报告结构（节、段落、表格），与文件格式无关。

Everything a loader returns is made of these frozen dataclasses; the knowledge layer turns a
`Document` into facts without knowing which file format it came from.
"""
from __future__ import annotations

from dataclasses import dataclass, field

Path = tuple[str, ...]
"""A heading path inside a report, outermost first, e.g. ("一、总体情况", "（二）依申请公开情况")."""


@dataclass(frozen=True)
class Paragraph:
    """One paragraph of prose, with wrapped lines and one-syllable-a-line breaks already joined."""

    text: str
    """The paragraph text, whitespace-normalised (no line breaks)."""
    section: Path
    """Heading path of the section the paragraph sits in (may be () before the first heading)."""


@dataclass(frozen=True)
class Table:
    """A table as a grid of cell strings, exactly as printed (no value interpretation yet)."""

    rows: tuple[tuple[str, ...], ...]
    """Grid rows, left to right; cells stripped of surrounding whitespace and Markdown marks.
    Rows may differ in length (real files shift and drop cells); blank cells are ''."""
    section: Path
    """Heading path of the section the table sits in, e.g. ("三、收到和处理政府信息公开申请情况",)."""
    layout: str = "tab"
    """How the grid was written: 'tab', 'pipe', 'html', 'pdf', 'docx', 'flat'."""


@dataclass(frozen=True)
class Section:
    """One heading of the report outline; the tree is given by `path` (parent = path[:-1])."""

    title: str
    """Heading text as printed, Markdown and bold marks removed, e.g. "（二）依申请公开情况"."""
    path: Path
    """Full heading path, outermost first, ending with `title`."""
    level: int
    """Depth in the outline, 1 for 一、 headings (and the cover letter)."""


@dataclass(frozen=True)
class Document:
    """A loaded report: metadata, outline, prose and tables in reading order."""

    title: str
    """Report title without spaces, e.g. "晋江市人民政府办公室2024年政府信息公开工作年度报告"."""
    agency: str
    """Issuing body as named in the title, e.g. "晋江市人民政府办公室"; "" when unknown."""
    year: int | None
    """Reporting year, from the title or else the statistics period; None when unknown."""
    sections: tuple[Section, ...]
    """Every heading in reading order (the outline as a flattened tree)."""
    paragraphs: tuple[Paragraph, ...]
    """Prose paragraphs in reading order."""
    tables: tuple[Table, ...]
    """Tables in reading order, continuation pieces already joined into one grid."""
    source: str = ""
    """Where the document came from (file name), for messages."""
    warnings: tuple[str, ...] = field(default=())
    """Problems the loader noticed while reading (not consistency-rule findings)."""

    def children(self, path: Path) -> list[Section]:
        """The sections directly under `path` (() for the top level)."""
        return [s for s in self.sections if s.path[:-1] == path]
