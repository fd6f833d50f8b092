"""`reportbot check [AGENCY|FILE]`：逐份报告列出每条勾稽规则（运算数、成立 / 不成立 / 无法核对），
以及与上一年报告的结转核对；任何规则不成立时退出码为 1。"""
from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path

import click

from bot.cli.options import db_option
from knowledge import open_store
from knowledge import ReportbotError, ReportCheck, RuleCheck, check_file, check_store
from loaders import LoaderError

_LOADER_NOTE = ("标题取自", "标题分在几行", "文本文件内容是", "标题前的版头文字", "文件名是 ")
"""Loader notes about how a file was read, shown with --all only."""
_MARK = {"pass": "✓", "fail": "✗", "cannot": "?", "warn": "⚠"}
_WORD = {"pass": "成立", "fail": "不成立", "cannot": "无法核对（缺格）", "warn": "不一致（仅提示）"}


def _operands(chk: RuleCheck) -> str:
    """「自然人 1 + … = 总计 0」：each operand named by the part of its label the others lack."""
    parts = [label.split(" › ") for label, _ in chk.operands]
    shared = set.intersection(*(set(p) for p in parts)) if len(parts) > 1 else set()

    def name(label: str) -> str:
        own = [p for p in label.split(" › ") if p not in shared]
        return " › ".join(own[-2:]) if own else label.split(" › ")[-1]

    def side(ops: tuple[tuple[str, str | None], ...]) -> str:
        return " + ".join(f"{name(label)} {value if value is not None else '—'}" for label, value in ops)
    return f"{side(chk.lhs)} = {side(chk.rhs)}"


def _render(result: ReportCheck, verbose: bool) -> list[str]:
    year = f"{result.year}年" if result.year else "年份不明"
    counts = {s: sum(c.status == s for c in result.checks) for s in ("pass", "fail", "cannot")}
    lines = [f"{result.title}（{result.agency} · {year}）：{len(result.checks)} 条规则，"
             f"成立 {counts['pass']}，不成立 {counts['fail']}，无法核对 {counts['cannot']}"]
    if not result.checks:
        lines.append("  （没有表三、表四，无规则可核对）")
    notes = [n for n in result.notes if verbose or not n.startswith(_LOADER_NOTE)]
    for note in notes[: None if verbose else 5]:
        lines.append(f"  ℹ {note}")
    if len(notes) > 5 and not verbose:
        lines.append(f"  ℹ …另有 {len(notes) - 5} 条说明（--all 显示全部）")
    for chk in result.checks + result.cross:
        if verbose or chk.status in ("fail", "warn"):
            lines.append(f"  {_MARK[chk.status]} {chk.name}：{_WORD[chk.status]}")
            lines.append(f"      {_operands(chk)}")
    return lines


@click.command()
@click.argument("target", required=False)
@db_option
@click.option("--all", "-a", "verbose", is_flag=True, help="列出每一条规则（默认只列不成立的）")
@click.option("--json", "as_json", is_flag=True, help="每份报告一行 JSON")
def check(target: str | None, db: Path | None, verbose: bool, as_json: bool) -> None:
    """核对勾稽关系：TARGET 为机关名（如 灵源）或报告文件；不给则核对库中全部报告。不成立时退出码 1。"""
    try:
        if target and Path(target).is_file():
            results = [check_file(target)]
        else:
            store = open_store(db)
            try:
                results = check_store(store, target)
            finally:
                store.close()
    except (ReportbotError, LoaderError, OSError) as exc:
        raise click.ClickException(str(exc)) from exc
    if not results:
        raise click.ClickException(f"没有找到报告：{target}" if target else "库中还没有报告")
    for result in results:
        if as_json:
            payload = {"title": result.title, "agency": result.agency, "year": result.year,
                       "notes": list(result.notes),
                       "checks": [asdict(c) for c in result.checks], "cross_year": [asdict(c) for c in result.cross]}
            click.echo(json.dumps(payload, ensure_ascii=False))
        else:
            click.echo("\n".join(_render(result, verbose)))
    failed = sum(len(r.failed) for r in results)
    if not as_json:
        click.echo(f"共 {len(results)} 份报告，{failed} 条规则不成立。")
    if failed:
        raise SystemExit(1)
