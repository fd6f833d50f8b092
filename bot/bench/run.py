"""`reportbot bench`: load a synthetic corpus, ask its questions, report speed and accuracy.

The corpus is generated and written one report at a time. Loading and answering then each run in
a fresh process (bot.bench.phases), so their peak memories are measured apart and include
neither the generator nor each other: load time covers load_paths on the written files; latency
is each in-process ask() after the tokenizer's one-time warm-up.
"""
from __future__ import annotations

import math
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from bot.bench.analysis import AnalysisSource, analysis_questions
from bot.bench.generator import SyntheticQuestion, iter_corpus
from bot.bench.phases import answer_phase, check, in_child, load_phase

TARGETS = {"reports_per_s": 50.0, "p50_ms": 10.0, "p99_ms": 50.0, "accuracy": 0.98, "peak_mb": 300.0,
           "analysis_p50_ms": 20.0, "analysis_p99_ms": 100.0}
"""Targets on a 2-core machine (latency at 2,000 reports; memory at any size)."""
MAX_QUESTIONS = 20000
"""Fact questions asked by default, spread evenly over the corpus (a 100,000-report corpus has
about 400,000)."""
QUESTIONS_PER_REPORT = 4
"""About how many questions the generator writes per report (3-5), to spread the sample."""

__all__ = ["TARGETS", "BenchResult", "check", "format_bench", "run_bench"]


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
    """The larger of the loading and the answering process's peak resident memory, in MB."""
    failures: list[tuple[str, str, str]] = field(default_factory=list)
    """(question, expected, got) for every wrong answer; got is e.g. "answered 12 (2023, X市…)"."""
    fmt: str = "txt"
    """File format the reports were written in (the load target applies to text only)."""
    analysis_questions: int = 0
    analysis_correct: int = 0
    analysis_p50_ms: float = 0.0
    analysis_p99_ms: float = 0.0
    """Series, comparisons, coverage and rankings (bot.bench.analysis), timed apart from facts."""
    analysis_slowest: tuple[float, str] = (0.0, "")
    """The slowest analysis question: (milliseconds, question and its kind)."""
    load_mb: float = 0.0
    """Peak memory of the loading (writer) process."""
    worker_mb: float = 0.0
    """Peak memory of the largest parser worker."""
    answer_mb: float = 0.0
    """Peak memory of the answering process."""


def _percentile(sorted_ms: list[float], q: float) -> float:
    """Nearest-rank percentile of an ascending list (0.0 for an empty one)."""
    if not sorted_ms:
        return 0.0
    return sorted_ms[min(len(sorted_ms), max(1, math.ceil(q * len(sorted_ms)))) - 1]


def _dir_bytes(db_path: Path) -> int:
    """Database size including SQLite's -wal and -shm side files."""
    return sum(p.stat().st_size for p in db_path.parent.glob(db_path.name + "*") if p.is_file())


def _write_corpus(folder: Path, reports: int, seed: int, fmt: str, questions: int | None
                  ) -> tuple[list[SyntheticQuestion], AnalysisSource]:
    """Write the corpus report by report; keep an even sample of its questions and what the
    analysis questions need."""
    from bot.bench.formats import render_file

    cap = MAX_QUESTIONS if questions is None else questions
    step = max(1.0, reports * QUESTIONS_PER_REPORT / max(cap, 1))
    asked: list[SyntheticQuestion] = []
    source = AnalysisSource()
    seen = 0
    for r in iter_corpus(reports, seed):
        name, data = render_file(r.file_name, r.text, fmt)
        (folder / name).write_bytes(data)
        source.add(r)
        for q in r.questions:
            if seen >= len(asked) * step and len(asked) < cap:
                asked.append(q)
            seen += 1
    return asked, source


def run_bench(reports: int = 2000, seed: int = 7, workdir: Path | None = None,
              questions: int | None = None, fmt: str = "txt") -> BenchResult:
    """Generate `reports` reports, load them into a fresh database, ask their questions.

    `questions` caps how many fact questions are asked (spread evenly over the corpus; default
    MAX_QUESTIONS); `fmt` writes the reports as 'html' or 'pdf' files instead of text (see
    bot.bench.formats).
    """
    with tempfile.TemporaryDirectory(dir=workdir, prefix="bench-") as tmp:
        folder, db_path = Path(tmp) / "reports", Path(tmp) / "bench.db"
        folder.mkdir()
        asked, source = _write_corpus(folder, reports, seed, fmt, questions)
        analysis = analysis_questions(source, max(10, min(200, len(asked) // 40)))
        del source
        loaded = in_child(load_phase, str(db_path), str(folder))
        answered = in_child(answer_phase, str(db_path), asked, analysis)
        db_bytes = _dir_bytes(db_path)
    times = sorted(answered.fact_ms)
    correct = len(asked) - len(answered.failures)
    return BenchResult(
        reports=reports, load_seconds=loaded.seconds,
        reports_per_s=reports / loaded.seconds if loaded.seconds else 0.0,
        p50_ms=_percentile(times, 0.50), p99_ms=_percentile(times, 0.99),
        questions=len(asked), correct=correct, accuracy=correct / len(asked) if asked else 0.0,
        db_bytes=db_bytes, peak_mb=max(loaded.writer_mb, answered.peak_mb),
        failures=answered.failures, fmt=fmt, analysis_questions=len(analysis),
        analysis_correct=answered.analysis_right,
        analysis_p50_ms=_percentile(sorted(answered.analysis_ms), 0.50),
        analysis_p99_ms=_percentile(sorted(answered.analysis_ms), 0.99), analysis_slowest=answered.slowest,
        load_mb=loaded.writer_mb, worker_mb=loaded.worker_mb, answer_mb=answered.peak_mb)


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
        line("analysis slowest", f"{result.analysis_slowest[0]:.0f} ms", result.analysis_slowest[1]),
        line("database", f"{result.db_bytes / 1e6:.1f} MB"),
        line("memory load", f"{result.load_mb:.0f} MB (writer)", f"≤ {t['peak_mb']:.0f} MB",
             result.load_mb <= t["peak_mb"]),
        line("memory parse", f"{result.worker_mb:.0f} MB (largest worker)"),
        line("memory answer", f"{result.answer_mb:.0f} MB", f"≤ {t['peak_mb']:.0f} MB",
             result.answer_mb <= t["peak_mb"]),
    ]
    if result.failures:
        lines.append(f"failures ({len(result.failures)}, first {min(max_failures, len(result.failures))}):")
        lines += [f"  {q}  expected {e}, got {g}" for q, e, g in result.failures[:max_failures]]
    return "\n".join(lines)
