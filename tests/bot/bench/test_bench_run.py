"""End to end: `run_bench` on a small synthetic corpus."""
from __future__ import annotations

from bot.bench.run import BenchResult, format_bench, run_bench


def test_run_bench_small(tmp_path):
    result = run_bench(reports=20, seed=7, workdir=tmp_path)
    assert isinstance(result, BenchResult)
    assert result.reports == 20
    assert result.load_seconds > 0 and result.reports_per_s > 0
    assert result.questions >= 60 and result.correct == result.questions - len(result.failures)
    assert 0 < result.p50_ms <= result.p99_ms
    assert result.db_bytes > 0 and result.peak_mb > 0
    assert result.accuracy >= 0.9, format_bench(result)
    text = format_bench(result)
    assert "p50" in text and "accuracy" in text and "reports/s" in text
    assert list(tmp_path.iterdir()) == []  # the temporary corpus and database are removed


def test_run_bench_question_cap(tmp_path):
    result = run_bench(reports=10, seed=3, workdir=tmp_path, questions=5)
    assert result.questions == 5
