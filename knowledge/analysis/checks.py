"""数据质量核对：每份报告的勾稽规则（表三、表四），以及同一机关相邻两年的结转规则。

The rules run on the same cells the facts hold, so what `reportbot check` prints is what
answers carry as warnings. For a loaded report the cells come from its stored table facts; for
a file they come from loading it. Across years (same agency): this year's 二、上年结转 must equal
last year's 四、结转下年度继续办理, column by column — a warning only ('warn'), never a failure.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from knowledge.facts import extract
from knowledge.facts.rules import Key, RuleCheck, check, rules_for
from knowledge.facts.table_templates import TABLE3_COLS, TOP_CARRIED, TOP_NEXT
from knowledge.model import Fact, ReportInfo
from knowledge.ingest.guard import GuardedPool
from knowledge.ingest.parse import WARM, failure_reason
from knowledge.store.store import Store
from loaders import read_document
from loaders.errors import LoaderError


@dataclass
class ReportCheck:
    """一份报告的核对结果。"""

    title: str
    agency: str
    year: int | None
    checks: list[RuleCheck] = field(default_factory=list)
    """该报告表三、表四的全部规则（pass / fail / cannot）。"""
    cross: list[RuleCheck] = field(default_factory=list)
    """与上一年报告的结转核对（pass / warn / cannot）。"""
    notes: tuple[str, ...] = ()
    """报告级的数据说明（对齐、粘连数字切分、读不出的行）。"""

    @property
    def failed(self) -> list[RuleCheck]:
        """不成立的规则。"""
        return [c for c in self.checks if c.status == "fail"]


def _grids(facts: list[Fact]) -> dict[str, tuple[list[tuple[str, ...]], dict[Key, str | None]]]:
    """表 → (行顺序, 网格)，来自表格事实。"""
    out: dict[str, tuple[list[tuple[str, ...]], dict[Key, str | None]]] = {}
    for f in facts:
        if f.kind != "table" or f.table not in ("表三", "表四"):
            continue
        rows, grid = out.setdefault(f.table, ([], {}))
        if f.row not in rows:
            rows.append(f.row)
        grid[(f.row, f.col)] = f.value
    return out


def table_checks(facts: list[Fact]) -> list[RuleCheck]:
    """一份报告的表格事实 → 表三、表四全部规则的核对结果。"""
    found: list[RuleCheck] = []
    for kind, (rows, grid) in _grids(facts).items():
        found += [check(rule, grid) for rule in rules_for(kind, rows)]
    return found


def carried_over(previous: list[Fact], current: list[Fact], year: int | None) -> list[RuleCheck]:
    """上一年「四、结转下年度继续办理」= 今年「二、上年结转…」，逐列；不符为 'warn'。"""
    last = {f.col: f.value for f in previous if f.table == "表三" and f.row == (TOP_NEXT,)}
    this = {f.col: f.value for f in current if f.table == "表三" and f.row == (TOP_CARRIED,)}
    if not last and not this:
        return []
    out = []
    for col in TABLE3_COLS:
        a, b = last.get(col), this.get(col)
        name = f"跨年 {col[-1]}列：{year - 1 if year else '上'}年「四、结转下年度」= 本年「二、上年结转」"
        lhs, rhs = ((f"上年报告 › {TOP_NEXT} › {col[-1]}", a),), ((f"{TOP_CARRIED} › {col[-1]}", b),)
        if a is None or b is None:
            out.append(RuleCheck(name, lhs, rhs, "cannot"))
        elif float(a) == float(b):
            out.append(RuleCheck(name, lhs, rhs, "pass"))
        else:
            msg = f"跨年不符：上年结转下年度 {a}，本年上年结转 {b}（{col[-1]}列）"
            out.append(RuleCheck(name, lhs, rhs, "warn", msg))
    return out


def check_file(path: str | Path) -> ReportCheck:
    """读入一个报告文件并核对（不写入数据库），在受限的解析进程里（knowledge.ingest.guard）。
    异常: LoaderError (also for a breach of the limits), OSError。"""
    file = Path(path)
    with GuardedPool(_check_safe, warm=WARM) as pool:
        out = next(pool.map([(file.read_bytes(), file.name)]))
    if isinstance(out, str):
        raise LoaderError(out)
    return out


def _check_safe(job: tuple[bytes, str]) -> ReportCheck | str:
    """check_file's worker: the checks, or the reason the file could not be read."""
    try:
        doc = read_document(*job)
        found = extract(doc)
    except MemoryError:
        raise
    except Exception as exc:  # noqa: BLE001 - reported as the file's failure
        return failure_reason(exc)
    return ReportCheck(doc.title, doc.agency, doc.year, table_checks(found.facts), notes=tuple(found.notes))


def _matches(report: ReportInfo, target: str) -> bool:
    return target in report.agency or target in report.title or target == Path(report.source).name


def check_store(store: Store, target: str | None = None) -> list[ReportCheck]:
    """核对库中的报告（`target` 为机关名的一部分、标题的一部分或文件名；None 为全部）。"""
    infos = store.reports()
    chosen = [r for r in infos if target is None or _matches(r, target)]
    by_agency: dict[str, dict[int, ReportInfo]] = defaultdict(dict)
    for r in infos:
        if r.year is not None:
            by_agency[r.agency][r.year] = r
    facts: dict[int, list[Fact]] = defaultdict(list)
    wanted = {r.id for r in chosen}
    wanted |= {by_agency[r.agency][r.year - 1].id for r in chosen
               if r.year is not None and r.year - 1 in by_agency[r.agency]}
    for item in store.facts_of(sorted(wanted)):
        facts[item.report_id].append(item.fact)
    out = []
    for r in sorted(chosen, key=lambda r: (r.agency, r.year or 0)):
        result = ReportCheck(r.title, r.agency, r.year, table_checks(facts[r.id]), notes=r.notes)
        prev = by_agency[r.agency].get(r.year - 1) if r.year is not None else None
        if prev is not None:
            result.cross = carried_over(facts[prev.id], facts[r.id], r.year)
        out.append(result)
    return out
