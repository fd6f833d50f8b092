"""表格解析的中间结果（逻辑格）和由它生成 `Fact` 的公共步骤。"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from knowledge.facts.rules import Key, RuleCheck
from knowledge.facts.table_cells import as_float, cell_value, squeeze
from knowledge.model import SEP, Fact

RowPath = tuple[str, ...]


@dataclass(frozen=True)
class CellText:
    """逻辑网格中有值的一格。"""

    row: RowPath
    """行路径，如 ("三、本年度办理结果", "（一）予以公开")。"""
    col: tuple[str, ...]
    """列路径，如 ("申请人情况", "自然人")。"""
    raw: str
    """印刷文本（可带括注，如「22（其中修订16件）」）。"""
    unit: str
    primary: bool


@dataclass
class ParsedTable:
    """一张表解析后的逻辑格、行顺序和说明。"""

    cells: list[CellText] = field(default_factory=list)
    rows: list[RowPath] = field(default_factory=list)
    """数据行路径（按出现顺序，勾稽规则用）。"""
    row_notes: dict[RowPath, list[str]] = field(default_factory=dict)
    """逐行的数据质量说明（对齐、无法定位的格），附到该行每个事实上。"""
    notes: list[str] = field(default_factory=list)
    """表级说明（如无法读出的行）。"""

    def grid(self) -> dict[Key, str | None]:
        """勾稽用的网格：(行, 列) → 数字串（无值为 None）。"""
        return {(c.row, c.col): cell_value(c.raw) for c in self.cells}

    def note(self, row: RowPath, text: str) -> None:
        """给一行加一条说明。"""
        self.row_notes.setdefault(row, []).append(text)


def build_facts(kind: str, section: tuple[str, ...], parsed: ParsedTable,
                checks: Sequence[RuleCheck]) -> list[Fact]:
    """逻辑格 → 事实；不成立的勾稽规则作为告警附到它涉及的每个事实上。"""
    fails: dict[str, list[str]] = {}
    for chk in checks:
        if chk.status == "fail":
            for label, _ in chk.operands:
                fails.setdefault(label, []).append(chk.message)
    facts = []
    for c in parsed.cells:
        value = cell_value(c.raw)
        if value is None:
            continue
        label = SEP.join(c.row + c.col)
        quote = SEP.join((kind, *c.row, *c.col))
        if squeeze(c.raw) != value:
            quote += f"：{c.raw.strip()}"
        warnings = tuple(dict.fromkeys(parsed.row_notes.get(c.row, []) + fails.get(label, [])))
        facts.append(Fact(
            value=value, unit=c.unit, label=label, section=tuple(section), quote=quote, kind="table",
            number=as_float(value), table=kind, row=c.row, col=c.col, primary=c.primary, warnings=warnings,
        ))
    return facts


def describe(row: RowPath) -> str:
    """行路径的显示写法。"""
    return SEP.join(row) if row else "数据行"


def keys_of(cells: Mapping[Key, str | None]) -> list[RowPath]:
    """网格中出现的行（按出现顺序）。"""
    return list(dict.fromkeys(k[0] for k in cells))
