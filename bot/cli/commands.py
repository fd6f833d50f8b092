"""`reportbot` 命令行：ask、chat、load、reports、bench（serve 见 Telegram 前端）。"""
from __future__ import annotations

import io
import sys
from pathlib import Path

import click

from bot.cli.console import Console
from bot.cli.options import db_option
from bot.render.answer_json import answer_to_dict, json_line
from bot.render.coverage import coverage_grid
from bot.render.reply import render_text
from knowledge import LoaderError, ReportbotError, Store, ask, default_db_path, load_paths, open_store
from knowledge import LoadResult, rebuild



def _open(db: Path | None) -> Store:
    try:
        return open_store(db, notice=lambda message: click.echo(message, err=True))
    except ReportbotError as exc:
        raise click.ClickException(str(exc)) from exc


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="reportbot")
def cli() -> None:
    """年报问答：就政府信息公开工作年度报告提问，得到确切数字和出处。"""


@cli.command(name="ask")
@click.argument("question", required=False)
@click.option("--json", "as_json", is_flag=True, help="每个问题输出一行 JSON（见 cli-contract）")
@db_option
def ask_cmd(question: str | None, as_json: bool, db: Path | None) -> None:
    """回答 QUESTION；不给 QUESTION 时从标准输入逐行读问题。"""
    store = _open(db)
    lines = io.TextIOWrapper(sys.stdin.buffer, encoding="utf-8", errors="replace") if question is None else ()
    questions = [question] if question is not None else (line.rstrip("\n") for line in lines)
    try:
        for q in questions:
            if question is None and not q.strip():
                continue
            answer = ask(store, q)
            if as_json:
                click.echo(json_line(answer_to_dict(answer)))
            else:
                click.echo(render_text(answer) + ("\n" if question is None else ""))
            sys.stdout.flush()
    finally:
        store.close()


@cli.command()
@db_option
def chat(db: Path | None) -> None:
    """交互式控制台：和机器人一样回答，支持追问（「那2020年呢」）和按编号选择（「2」）。输入 /quit 退出。"""
    store = _open(db)
    console = Console(store)
    interactive = sys.stdin.isatty()
    if interactive:
        click.echo("年报问答控制台。直接输入问题；有几个候选时输入编号选择；/quit 退出。")
    try:
        while True:
            try:
                line = input("问> " if interactive else "")
            except EOFError:
                break
            if line.strip() in {"/quit", "/exit", "exit", "quit"}:
                break
            if not line.strip():
                continue
            click.echo(console.reply(line) + "\n")
    finally:
        store.close()


def _report_load(result: LoadResult) -> None:
    for path, reason in result.failed:
        click.echo(f"失败：{path} — {reason}", err=True)
    click.echo(f"已加载 {result.n_loaded} 个，未变化 {result.n_unchanged} 个，失败 {len(result.failed)} 个。")
    if result.failed:
        sys.exit(1)


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--replace", is_flag=True, help="只用这些文件重建索引（建好后原子替换旧库）")
@click.option("--cluster", metavar="ADDRESS",
              help="把解析交给 Dask 集群（调度器地址，如 tcp://10.0.0.5:8786），本机只写库；需 pip install '.[cluster]'")
@db_option
def load(paths: tuple[Path, ...], replace: bool, cluster: str | None, db: Path | None) -> None:
    """把报告文件或文件夹（txt、md、html、pdf、docx）加入索引；失败的文件会列出原因，其余照常加载。"""
    import logging
    from contextlib import nullcontext

    from knowledge import ClusterPool
    from knowledge import iter_files

    try:
        # the cluster is reached before the database is opened: unreachable → database untouched
        with ClusterPool(cluster) if cluster else nullcontext() as pool:
            if pool is not None:  # its reconnect tracebacks: a lost scheduler is our one line
                logging.getLogger("distributed.client").setLevel(logging.CRITICAL)
            bar = None
            if sys.stderr.isatty():  # the files are counted, not listed: a list of a million paths is ~350 MB
                bar = click.progressbar(length=sum(1 for _ in iter_files(paths)), label="加载", file=sys.stderr)

            def progress(_path: str, _outcome: str) -> None:
                if bar is not None:
                    bar.update(1)

            try:
                if replace:
                    result = rebuild(db or default_db_path(), paths, progress, cluster=pool)
                else:
                    store = Store(db or default_db_path())
                    try:
                        result = load_paths(store, paths, progress, cluster=pool)
                    finally:
                        store.close()
            finally:
                if bar is not None:
                    bar.render_finish()
    except (ReportbotError, LoaderError) as exc:
        raise click.ClickException(str(exc)) from exc
    _report_load(result)


@cli.command()
@click.option("--coverage", is_flag=True, help="机关 × 年份的网格：● 有年报，· 缺")
@db_option
def reports(coverage: bool, db: Path | None) -> None:
    """列出已加载的报告：机关、年份、事实数、警告数（--coverage：机关 × 年份网格）。"""
    store = _open(db)
    try:
        if coverage:
            click.echo(coverage_grid(store.reports()))
            return
        count = 0
        for r in store.catalog():  # streamed from SQLite, never held as a list
            click.echo(f"{r.agency}\t{r.year or '—'}\t{r.facts} 个数字\t{r.warnings} 个警告\t{r.title}")
            count += 1
        click.echo(f"共 {count} 份报告。")
    finally:
        store.close()


@cli.command()
@click.option("--reports", "n_reports", default=2000, show_default=True, help="合成报告数")
@click.option("--seed", default=7, show_default=True)
@click.option("--format", "fmt", type=click.Choice(["txt", "html", "pdf"]), default="txt", show_default=True,
              help="报告写成的文件格式（html、pdf 变体测网页和 PDF 读取）")
def bench(n_reports: int, seed: int, fmt: str) -> None:
    """基准测试：合成 N 份标准格式报告，测加载速度、回答延迟、准确率、库大小和峰值内存。"""
    from bot.bench.run import format_bench, run_bench
    from bot.bench.formats import FormatUnavailable

    try:
        click.echo(f"格式：{fmt}")
        click.echo(format_bench(run_bench(reports=n_reports, seed=seed, fmt=fmt)))
    except FormatUnavailable as exc:
        raise click.ClickException(str(exc)) from exc


from bot.cli.calibrate import calibrate  # noqa: E402 - confidence fitting
from bot.cli.check import check  # noqa: E402 - data-quality command
from bot.telegram.main import serve  # noqa: E402 - the Telegram front-end's command

cli.add_command(serve)
cli.add_command(check)
cli.add_command(calibrate)


def main() -> None:
    """Console-script entry point."""
    cli()
