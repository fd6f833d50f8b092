"""The benchmark's two measured phases, each in a fresh process so each has its own peak memory.

`load_phase` is what `reportbot load` does (a writer process and its guarded parser workers);
`answer_phase` is what a serving bot does (warm up, then answer). Both run in a spawned child
(`in_child`), never in the process that generated the corpus, so neither figure carries the
generator's memory and one phase's memory is not counted in the other's.
"""
from __future__ import annotations

import multiprocessing
import resource
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from bot.bench.analysis import AnalysisQuestion, analysis_ok
from bot.bench.generator import SyntheticQuestion


def _peak_mb(who: int = resource.RUSAGE_SELF) -> float:
    """Peak resident set of this process (or of its largest finished child), in MB."""
    return resource.getrusage(who).ru_maxrss / 1024


@dataclass(frozen=True)
class LoadFigures:
    """What loading the corpus took."""

    seconds: float
    writer_mb: float
    """Peak memory of the loading process (it writes every report)."""
    worker_mb: float
    """Peak memory of the largest parser worker."""


@dataclass(frozen=True)
class AnswerFigures:
    """What answering took: per-question milliseconds, wrong answers, peak memory."""

    fact_ms: list[float]
    failures: list[tuple[str, str, str]]
    analysis_ms: list[float]
    analysis_right: int
    peak_mb: float
    slowest: tuple[float, str] = (0.0, "")
    """The slowest analysis question: (milliseconds, question and its kind)."""
    extra: dict[str, Any] = field(default_factory=dict)


def load_phase(db_path: str, folder: str) -> LoadFigures:
    """Load every file of `folder` into a new database at `db_path`."""
    from knowledge import Store, load_paths

    store = Store(db_path)
    try:
        start = time.perf_counter()
        load_paths(store, [folder])
        seconds = time.perf_counter() - start
    finally:
        store.close()
    return LoadFigures(seconds, _peak_mb(), _peak_mb(resource.RUSAGE_CHILDREN))


def check(answer, q: SyntheticQuestion) -> tuple[bool, str]:  # noqa: ANN001 - knowledge.Answer
    """Whether an Answer gives q's value for q's agency and year, and a one-line description."""
    best = answer.best
    if best is None:
        return False, answer.status
    got = f"{answer.status} {best.fact.value} ({best.report.year}, {best.report.agency})"
    try:
        same_value = abs(float(best.fact.value) - float(q.value)) < 1e-9
    except ValueError:
        same_value = False
    ok = (answer.status == "answered" and same_value and best.report.year == q.year
          and best.report.agency == q.agency)
    return ok, got


def answer_phase(db_path: str, facts: list[SyntheticQuestion],
                 analysis: list[AnalysisQuestion]) -> AnswerFigures:
    """Open the database as a serving process would and ask every question, timing each."""
    import knowledge
    from knowledge import Store, ask

    knowledge.warm_up()  # one-time tokenizer start-up, outside every timing
    store = Store(db_path)
    try:
        fact_ms, failures = [], []
        for q in facts:
            t0 = time.perf_counter()
            answer = ask(store, q.question)
            fact_ms.append((time.perf_counter() - t0) * 1000)
            ok, got = check(answer, q)
            if not ok:
                failures.append((q.question, q.value, got))
        analysis_ms, right, slowest = [], 0, (0.0, "")
        for aq in analysis:
            t0 = time.perf_counter()
            answer = ask(store, aq.question)
            analysis_ms.append((time.perf_counter() - t0) * 1000)
            slowest = max(slowest, (analysis_ms[-1], f"{aq.question} ({aq.intent})"))
            right += analysis_ok(answer, aq)
    finally:
        store.close()
    return AnswerFigures(fact_ms, failures, analysis_ms, right, _peak_mb(), slowest)


def _child(conn: Any, fn: Callable[..., Any], args: tuple) -> None:
    try:
        conn.send(("ok", fn(*args)))
    except BaseException as exc:  # noqa: BLE001 - reported to the parent, which raises it
        conn.send(("error", f"{type(exc).__name__}: {exc}"))
    finally:
        conn.close()


def in_child(fn: Callable[..., Any], *args: Any) -> Any:
    """fn(*args) in a freshly spawned process (nothing inherited); its result, or RuntimeError."""
    ctx = multiprocessing.get_context("spawn")
    mine, theirs = ctx.Pipe(duplex=False)
    process = ctx.Process(target=_child, args=(theirs, fn, args), name="reportbot-bench")
    process.start()
    theirs.close()
    try:
        status, value = mine.recv()
    except EOFError:
        process.join()
        raise RuntimeError(f"benchmark phase {fn.__name__} died (exit code {process.exitcode})") from None
    process.join()
    if status != "ok":
        raise RuntimeError(f"benchmark phase {fn.__name__} failed: {value}")
    return value

