"""`reportbot calibrate`：在标注过的问题集上拟合「有把握」阈值（knowledge.answer.calibrate）。"""
from __future__ import annotations

import json
import tempfile
from importlib import resources
from pathlib import Path

import click

from knowledge import Answer, Store, ask, load_paths
from knowledge import CalibrationRecord as Record
from knowledge import fit_limits, write_limits


def _number(text: object) -> float | None:
    try:
        return float(str(text).replace(",", "").strip().rstrip("%"))
    except ValueError:
        return None


def _right(expect: dict, answer: Answer) -> bool:
    """The answer is the labelled one: expected answered, same value, year and agency."""
    best = answer.best
    if expect.get("status") != "answered" or best is None:
        return False
    got = _number(best.fact.value)
    wants = [_number(v) for v in expect.get("values", [])]
    close = 0.1 if best.fact.unit == "%" else 0.0
    if got is None or not any(w is not None and abs(w - got) <= close for w in wants):
        return False
    if expect.get("year") and best.report.year != expect["year"]:
        return False
    where = expect.get("agency_contains")
    return not where or where in best.report.agency + best.report.title


def records(store: Store, path: Path) -> list[Record]:
    """One record per fact question of a labelled set, answered with no confidence limit."""
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        expect = row["expect"]
        if expect.get("intent", "fact") != "fact":
            continue
        answer = ask(store, row["question"], limits=(float("inf"), float("-inf")))
        if answer.status != "answered":
            out.append(Record(row["id"], "none", None, False))
        elif answer.unexplained is not None:
            out.append(Record(row["id"], "concepts", answer.unexplained, _right(expect, answer)))
        else:
            out.append(Record(row["id"], "score", answer.leaf_cover, _right(expect, answer)))
    return out


@click.command()
@click.argument("questions", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--load", "folders", multiple=True, type=click.Path(exists=True, path_type=Path),
              help="报告文件夹：先装入一个新的临时数据库（可多次给出）")
@click.option("--write", "do_write", is_flag=True, help="把拟合结果写入 knowledge/data/thresholds.json")
def calibrate(questions: tuple[Path, ...], folders: tuple[Path, ...], do_write: bool) -> None:
    """Fit the confidence limit on labelled question sets (JSON lines with expect)."""
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(Path(tmp) / "calibrate.db")
        result = load_paths(store, list(folders))
        if result.failed:
            raise click.ClickException(f"{len(result.failed)} 个文件没有装入")
        recs = [r for q in questions for r in records(store, q)]
        store.close()
    best = fit_limits(recs)
    wrong = [r.question_id for r in recs if not r.right and r.value is not None
             and (r.value <= best.max_unexplained if r.path == "concepts" else r.value >= best.min_leaf_cover)]
    click.echo(f"{len(recs)} 个问题；max_unexplained = {best.max_unexplained:g}，min_leaf_cover = "
               f"{best.min_leaf_cover:g}：答对 {best.right}，答错 {best.wrong}，改为反问 {best.held}")
    if wrong:
        click.echo("答错的问题：" + "、".join(wrong))
    if do_write:
        target = Path(str(resources.files("knowledge") / "data" / "thresholds.json"))
        write_limits(target, best, [f"{q.parent.name}/{q.name}" for q in questions], len(recs))
        click.echo(f"已写入 {target}")
