"""`reportbot bench`: load a synthetic corpus, ask its questions, report speed and accuracy.

Load time covers load_paths on the written files (not generating or writing them); latency is
each in-process ask(), after the tokenizer's one-time warm-up. Peak memory is the whole
process's peak resident set (getrusage ru_maxrss), so it includes the generator and anything
the process did before the benchmark.
"""
from __future__ import annotations

import math
import resource
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from bot.bench.generator import SyntheticQuestion, generate_corpus

TARGETS = {"reports_per_s": 50.0, "p50_ms": 10.0, "p99_ms": 50.0, "accuracy": 0.98, "peak_mb": 500.0,
           "analysis_p50_ms": 20.0, "analysis_p99_ms": 100.0}
"""Targets at 2,000 reports on a 2-core machine."""


@dataclass(frozen=True)
class BenchResult:
    """Figures of one benchmark run."""

    reports: int
    load_seconds: float
    reports_per_s: float
    p50_ms: float
    p99_ms: float
    questions: int
    correct: int
    accuracy: float
    db_bytes: int
    peak_mb: float
    """Peak resident memory of the whole process (ru_maxrss), in MB."""
    failures: list[tuple[str, str, str]] = field(default_factory=list)
    """(question, expected, got) for every wrong answer; got is e.g. "answered 12 (2023, X市…)"."""
    fmt: str = "txt"
    """File format the reports were written in (the load target applies to text only)."""
    analysis_questions: int = 0
    analysis_correct: int = 0
    analysis_p50_ms: float = 0.0
    analysis_p99_ms: float = 0.0
    """Series, comparisons, coverage and rankings (bot.bench.analysis), timed apart from facts."""


def _percentile(sorted_ms: list[float], q: float) -> float:
    """Nearest-rank percentile of an ascending list (0.0 for an empty one)."""
    if not sorted_ms:
        return 0.0
    return sorted_ms[min(len(sorted_ms), max(1, math.ceil(q * len(sorted_ms)))) - 1]


def check(answer, q: SyntheticQuestion) -> tuple[bool, str]:
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


def _dir_bytes(db_path: Path) -> int:
    """Database size including SQLite's -wal and -shm side files."""
    return sum(p.stat().st_size for p in db_path.parent.glob(db_path.name + "*") if p.is_file())


def run_bench(reports: int = 2000, seed: int = 7, workdir: Path | None = None,
              questions: int | None = None, fmt: str = "txt") -> BenchResult:
    """Generate `reports` reports, load them into a fresh database, ask their questions.

    `questions` caps how many questions are asked (spread evenly over the corpus); `fmt` writes
    the reports as 'html' or 'pdf' files instead of text (see bot.bench.formats).
    """
    from bot.bench.formats import render_file
    from bot.bench.analysis import analysis_ok, analysis_questions

    import knowledge
    from knowledge import Store, ask, load_paths

    if hasattr(knowledge, "warm_up"):  # one-time tokenizer start-up, outside every timing
        knowledge.warm_up()

    corpus = generate_corpus(reports, seed)
    asked = [q for r in corpus for q in r.questions]
    if questions is not None and questions < len(asked):
        step = len(asked) / max(questions, 1)
        asked = [asked[int(i * step)] for i in range(questions)]
    with tempfile.TemporaryDirectory(dir=workdir, prefix="bench-") as tmp:
        folder, db_path = Path(tmp) / "reports", Path(tmp) / "bench.db"
        folder.mkdir()
        for r in corpus:
            name, data = render_file(r.file_name, r.text, fmt)
            (folder / name).write_bytes(data)
        store = Store(db_path)
        try:
            start = time.perf_counter()
            load_paths(store, [folder])
            load_seconds = time.perf_counter() - start
            times, failures = [], []
            for q in asked:
                t0 = time.perf_counter()
                answer = ask(store, q.question)
                times.append((time.perf_counter() - t0) * 1000)
                ok, got = check(answer, q)
                if not ok:
                    failures.append((q.question, q.value, got))
            analysis = analysis_questions(corpus, max(10, min(200, len(asked) // 40)))
            a_times, a_right = [], 0
            for aq in analysis:
                t0 = time.perf_counter()
                answer = ask(store, aq.question)
                a_times.append((time.perf_counter() - t0) * 1000)
                a_right += analysis_ok(answer, aq)
        finally:
            store.close()
        db_bytes = _dir_bytes(db_path)
    times.sort()
    correct = len(asked) - len(failures)
    return BenchResult(
        reports=len(corpus), load_seconds=load_seconds,
        reports_per_s=len(corpus) / load_seconds if load_seconds else 0.0,
        p50_ms=_percentile(times, 0.50), p99_ms=_percentile(times, 0.99),
        questions=len(asked), correct=correct, accuracy=correct / len(asked) if asked else 0.0,
        db_bytes=db_bytes, peak_mb=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        failures=failures, fmt=fmt, analysis_questions=len(analysis), analysis_correct=a_right,
        analysis_p50_ms=_percentile(sorted(a_times), 0.50), analysis_p99_ms=_percentile(sorted(a_times), 0.99))


def format_bench(result: BenchResult, max_failures: int = 10) -> str:
    """A few aligned lines: figure, target, and ✓/✗; then the first failures."""
    t = TARGETS

    def line(label: str, figure: str, target: str = "", ok: bool | None = None) -> str:
        mark = "" if ok is None else ("✓" if ok else "✗")
        return f"{label:<14}{figure:>24}   {target:<12}{mark}".rstrip()

    lines = [
        line("reports", f"{result.reports}"),
        line("load", f"{result.load_seconds:.1f} s, {result.reports_per_s:.1f} reports/s",
             f"≥ {t['reports_per_s']:.0f}/s", result.reports_per_s >= t["reports_per_s"])
        if result.fmt == "txt" else
        line(f"load ({result.fmt})", f"{result.load_seconds:.1f} s, {result.reports_per_s:.1f} reports/s"),
        line("answer p50", f"{result.p50_ms:.2f} ms", f"≤ {t['p50_ms']:.0f} ms", result.p50_ms <= t["p50_ms"]),
        line("answer p99", f"{result.p99_ms:.2f} ms", f"≤ {t['p99_ms']:.0f} ms", result.p99_ms <= t["p99_ms"]),
        line("accuracy", f"{result.correct}/{result.questions} = {result.accuracy:.1%}",
             f"≥ {t['accuracy']:.0%}", result.accuracy >= t["accuracy"]),
        line("analysis p50", f"{result.analysis_p50_ms:.2f} ms", f"≤ {t['analysis_p50_ms']:.0f} ms",
             result.analysis_p50_ms <= t["analysis_p50_ms"]),
        line("analysis p99", f"{result.analysis_p99_ms:.2f} ms", f"≤ {t['analysis_p99_ms']:.0f} ms",
             result.analysis_p99_ms <= t["analysis_p99_ms"]),
        line("analysis right", f"{result.analysis_correct}/{result.analysis_questions}"),
        line("database", f"{result.db_bytes / 1e6:.1f} MB"),
        line("peak memory", f"{result.peak_mb:.0f} MB (process)", f"< {t['peak_mb']:.0f} MB",
             result.peak_mb < t["peak_mb"]),
    ]
    if result.failures:
        lines.append(f"failures ({len(result.failures)}, first {min(max_failures, len(result.failures))}):")
        lines += [f"  {q}  expected {e}, got {g}" for q, e, g in result.failures[:max_failures]]
    return "\n".join(lines)
