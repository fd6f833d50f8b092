"""压平的表格（layout 'flat'，行 = (文字, 粘连数字)）→ 各类表解析器能读的网格。

- 表三：文字按编号（一、/（一）/1.）拆成标签格，数字串留作一格，由表三解析器按行合计和
  列勾稽规则切分（`glued_candidates` + `choose_alignment`）。
- 表四：原样交给表四解析器（15 格按各块「…之和 = 总计」切分）。
- 表二、统计表等没有勾稽规则的表：在这里切。先用表头给出的常识约束（现行有效件数 ≥ 本年制发
  件数，历年累计 ≥ 本年度…），再看哪种切法的数在正文里出现过（`known`），最后取各格位数最
  接近的一种；仍分不出的格不给值。凡是推断出来的切法都在该行事实上留下说明。
"""
from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from loaders.model import Table

from knowledge.facts.glued import glued_candidates, is_truncated
from knowledge.facts.table_labels import canonical
from knowledge.facts.table_templates import TABLE2_HEADERS

Row = tuple[str, ...]
_MARKER = re.compile(r"[一二三四五六七八九十]、|（[一二三四五六七八九十]+）|\(\s*[一二三四五六七八九十]+\s*\)|\d{1,2}[.．]")
_CAPTION = re.compile(r"第[二两]十条第（[一二三四五六七八九十]+）项")
_HEADER_WORDS = sorted(TABLE2_HEADERS, key=len, reverse=True)
_UNIT_NOTE = re.compile(r"^（单位[:：][^）]*）")
_STAT_HEADER = re.compile(r"指标名称|计量单位|\d{4}年度?|本年度|上年度|历年累计|累计数?|同比增减")
_STAT_UNITS = ("万元", "人次", "条", "件", "元", "个", "次", "项", "篇", "人", "份", "期")
_AT_LEAST = (("现行有效件数", "本年制发件数"), ("对外公开总数量", "本年新公开数量"),
             ("对外公开总数量", "本年新制作数量"), ("累计", "年度"))
"""(大, 小)：表头含前者的列不小于表头含后者的列（负数列除外）。"""


def split_labels(words: str) -> list[str]:
    """表三一行的文字按编号拆成标签：「三、本年度办理结果（一）予以公开」→ 两格。"""
    cuts = [m.start() for m in _MARKER.finditer(words)]
    bounds = sorted({0, *cuts, len(words)})
    return [words[a:b].strip() for a, b in zip(bounds, bounds[1:]) if words[a:b].strip()]


def _ordered_ok(heads: Sequence[str], parts: Sequence[str]) -> bool:
    for big, small in _AT_LEAST:
        i = next((j for j, h in enumerate(heads) if big in h), None)
        k = next((j for j, h in enumerate(heads) if small in h and big not in h), None)
        if i is not None and k is not None and float(parts[i]) < float(parts[k]):
            return False
    return True


_GENERIC = frozenset({"信息", "政府", "公开", "情况", "数量", "件数", "本年", "年度", "全区", "工作"})


def _related(label: str, other: str) -> bool:
    """两段标签说的是同一件事：共有 3 字以上的片段，或一个不泛泛的 2 字片段。"""
    for size in (3, 2):
        for i in range(len(label) - size + 1):
            piece = label[i:i + size]
            if piece in other and (size == 3 or piece not in _GENERIC):
                return True
    return False


def _negative_ok(heads: Sequence[str], parts: Sequence[str]) -> bool:
    """只有「增/减」一类的列可以为负数。"""
    return all(not p.startswith("-") or "增" in h or "减" in h for h, p in zip(heads, parts))


def _spread(parts: Sequence[str]) -> int:
    sizes = [len(p.lstrip("-").split(".")[0]) for p in parts]
    return max(sizes) - min(sizes)


Note = tuple[str, str]
"""(行标签, 说明)：切分说明附到该行的事实上。"""
Known = Mapping[str, tuple[str, ...]]
"""正文里出现过的数 → 说它的标签（「77」→「动态更新本年度制发的规范性文件」）。"""


def split_by_priors(raw: str, heads: Sequence[str], known: Known, label: str = "",
                    bound: Sequence[str] = ()) -> tuple[list[str], str]:
    """没有勾稽规则的一行：(各格文本，分不出的为 ''；说明，唯一切法时为 '')。

    `bound`：「其中」小项的上一级行的值，小项逐列不超过它（这是规则，不是推断）。
    推断只在至少一格得到正文印证（同一个数、说的是同一件事）时才做。"""
    n = len(heads)
    if n <= 1:
        return [re.sub(r"\s+", "", raw)], ""
    cands = glued_candidates(raw, n)
    if not cands or is_truncated(raw, n):
        return [""] * n, f"粘连数字「{raw}」无法切成 {n} 格，未取值"
    cands = [c for c in cands if c.cost == cands[0].cost]  # printed spaces are cell boundaries
    if bound and all(bound):
        cands = [c for c in cands if all(float(v) <= float(b) for v, b in zip(c.values, bound))] or cands  # type: ignore[arg-type]
    if len(cands) == 1:
        return list(cands[0].values), ""  # type: ignore[arg-type]
    pool = [c for c in cands if _ordered_ok(heads, c.values)  # type: ignore[arg-type]
            and _negative_ok(heads, c.values)] or cands  # type: ignore[arg-type]

    def support(values: Sequence[str]) -> int:
        return sum(1 for h, v in zip(heads, values) if len(v.lstrip("-")) >= 2
                   and any(_related(label + re.sub(r"\d", "", h), said) for said in known.get(v, ())))

    top = max(support(c.values) for c in pool)  # type: ignore[arg-type]
    if top:
        pool = [c for c in pool if support(c.values) == top]  # type: ignore[arg-type]
        low = min(_spread(c.values) for c in pool)  # type: ignore[arg-type]
        pool = [c for c in pool if _spread(c.values) == low]  # type: ignore[arg-type]
        if len(pool) == 1:
            values = list(pool[0].values)  # type: ignore[arg-type]
            return values, f"粘连数字「{raw}」按正文印证和位数推断为 {'|'.join(values)}，请以原表核对"
    agreed = [v if all(c.values[j] == v for c in pool) else "" for j, v in enumerate(pool[0].values)]
    shown = "；".join("|".join(c.values) for c in pool[:6]) + ("；…" if len(pool) > 6 else "")  # type: ignore[arg-type]
    return agreed, f"粘连数字「{raw}」有 {len(pool)} 种可能的切法（{shown}），分不出的格未取值"  # type: ignore[list-item]


def _table2_rows(rows: Sequence[Row], known: Known) -> tuple[list[Row], list[Note]]:
    """表二：拆出「第二十条第（X）项」、「信息内容」+ 表头和行名，再切数字。"""
    out: list[Row] = []
    notes: list[Note] = []
    heads: list[str] = []
    for row in rows:
        words = re.sub(r"\s+", "", row[0])
        cap = _CAPTION.search(words)
        if cap:
            out.append((cap.group(0),))
            words = words[cap.end():]
            heads = []
            if words.startswith("信息内容"):
                words = words[len("信息内容"):]
            while True:
                hit = next((h for h in _HEADER_WORDS if words.startswith(h)), None)
                if hit is None:
                    break
                words = words[len(hit):]
                unit = _UNIT_NOTE.match(words)
                if unit:
                    hit, words = hit + unit.group(0), words[unit.end():]
                heads.append(hit)
            out.append(("信息内容", *heads))
        if len(row) < 2 or not words:
            continue
        values, note = split_by_priors(row[1], [canonical(h, TABLE2_HEADERS) for h in heads], known, words)
        if note:
            notes.append((words, f"表二「{words}」行：{note}"))
        out.append((words, *values))
    return out, notes


def _stat_rows(rows: Sequence[Row], known: Known) -> tuple[list[Row], list[Note]]:
    """旧式统计表（指标名称/计量单位/本年度/累计）：表头、单位、「其中：」小项。"""
    start = next((i for i, r in enumerate(rows) if "指标名称" in re.sub(r"\s+", "", r[0])), 0)
    rows = rows[start:]
    first = re.sub(r"\s+", "", rows[0][0]) if rows else ""
    first = first[max(first.find("指标名称"), 0):]
    found = list(_STAT_HEADER.finditer(first))
    if not found:
        return [tuple(r) for r in rows], []
    heads = [m.group(0) for m in found]
    value_heads = [h for h in heads if h not in ("指标名称", "计量单位")]
    has_unit = "计量单位" in heads
    out: list[Row] = [("指标名称", "", "计量单位", *value_heads)]
    notes: list[Note] = []
    parent, under, parent_values = "", False, [""] * len(value_heads)
    for i, row in enumerate(rows):
        words = re.sub(r"\s+", "", row[0])
        if i == 0:
            words = first[found[-1].end():]
        if words.endswith("其中：") or words in ("其中", "其中："):
            under = True
            continue
        if len(row) < 2 or not words:
            continue
        words = re.sub(r"^其中[:：]", "", words)
        item = re.match(r"^\d{1,2}[、.．]", words)
        unit = next((u for u in _STAT_UNITS if has_unit and words.endswith(u)), "")
        label = words[len(item.group(0)) if item else 0: len(words) - len(unit)]
        child = bool(item and under and parent)
        path = (parent, label) if child else (label, "")
        values, note = split_by_priors(row[1], value_heads, known, label, parent_values if child else ())
        if not item:
            parent, under, parent_values = label, False, values
        if note:
            notes.append((label, f"「{label}」行：{note}"))
        out.append((*path, unit, *values))
    return out, notes


def unflatten(table: Table, kind: str, known: Known) -> tuple[Table, list[Note]]:
    """压平的表 → 解析器能读的网格和切分说明（表三、表四仍为 'flat'，由其解析器切分）。"""
    rows = [r for r in table.rows if r and r[0].strip() or len(r) > 1]
    if kind == "表三":
        grid = [(*split_labels(r[0]), *r[1:]) for r in rows]
        return Table(tuple(grid), table.section, "flat"), []
    if kind == "表四":
        return table, []
    if kind == "表二":
        grid, notes = _table2_rows(rows, known)
    else:
        grid, notes = _stat_rows(rows, known)
    return Table(tuple(grid), table.section, "flat-split"), notes
