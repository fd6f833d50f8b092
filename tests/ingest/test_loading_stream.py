"""Loading streams: GuardedPool.map and load_paths take their jobs lazily, a bounded number ahead of
what has been written, so memory does not grow with the number of files."""
from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from bot.cli import cli
from knowledge import Store, bundled_corpus, load_paths
from knowledge.ingest import loading
from knowledge.ingest.guard import DEPTH, WINDOW, GuardedPool
from tests.conftest import distinct_copies


def echo(job: tuple[int]) -> int:
    return job[0] * 2


def test_the_pool_takes_jobs_lazily_and_yields_them_in_order() -> None:
    taken: list[int] = []

    def jobs() -> Iterator[tuple[int]]:
        for i in range(300):
            taken.append(i)
            yield (i,)

    with GuardedPool(echo, workers=2) as pool:
        outcomes = pool.map(jobs())
        assert not taken  # nothing read before the first outcome is asked for
        first = next(outcomes)
        ahead = len(taken)
        rest = list(outcomes)
    assert first == 0 and [first, *rest] == [2 * i for i in range(300)]
    assert ahead <= 2 * DEPTH * WINDOW
    assert len(taken) == 300


def test_a_window_bounds_jobs_taken_ahead_of_the_last_yielded() -> None:
    taken = 0

    def jobs() -> Iterator[tuple[int]]:
        nonlocal taken
        for i in range(100):
            taken += 1
            yield (i,)

    with GuardedPool(echo, workers=1, window=3) as pool:
        for n, outcome in enumerate(pool.map(jobs()), start=1):
            assert outcome == 2 * (n - 1)
            assert taken - n < 3


def test_load_reads_files_only_a_bounded_way_ahead_of_writing(tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    files = distinct_copies(tmp_path / "reports", 60)
    (tmp_path / "reports" / "empty.txt").write_bytes(b"")
    reads: list[Path] = []
    real_read = loading._read

    def counting_read(path: Path) -> bytes:
        reads.append(path)
        return real_read(path)

    monkeypatch.setattr(loading, "_read", counting_read)
    store = Store(tmp_path / "t.db")
    read_at_first_write: list[int] = []
    real_put = store.put_report

    def put(report: loading.NewReport) -> str:
        read_at_first_write.append(len(reads))
        return real_put(report)

    store.put_report = put  # type: ignore[method-assign]
    seen: list[tuple[str, str]] = []
    result = load_paths(store, [tmp_path / "reports"], on_progress=lambda p, o: seen.append((p, o)),
                        workers=1)
    # a batch of outcomes, then the pool's window of jobs, then the one file read ahead
    assert read_at_first_write[0] <= loading.BATCH + 1 * DEPTH * WINDOW + 1 < len(files)
    assert len(result.loaded) == 60 and [Path(p).name for p, _ in result.failed] == ["empty.txt"]
    assert sorted(p for p, _ in seen) == sorted(map(str, [*files, tmp_path / "reports" / "empty.txt"]))
    assert len(reads) == 61  # every file read exactly once
    store.close()


def test_cluster_without_distributed_installed_is_one_line(tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "distributed", None)  # `import distributed` fails
    db = tmp_path / "t.db"
    result = CliRunner().invoke(cli, ["load", "--cluster", "tcp://127.0.0.1:8786", "--db", str(db),
                                      str(bundled_corpus())])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "需要安装" in result.output and "pip install '.[cluster]'" in result.output
    assert len(result.output.strip().splitlines()) == 1 and not db.exists()
    store = Store(tmp_path / "local.db")
    assert load_paths(store, [bundled_corpus()]).loaded  # a local load works as before
    store.close()


def test_files_are_found_in_path_order_one_at_a_time(tmp_path):
    """iter_files walks folders lazily in the order sorted(rglob) gave: files and folders by name,
    a folder's files where its name sorts, hidden files skipped, unsupported kinds left out."""
    from itertools import islice

    from knowledge.ingest.report_files import iter_files

    names = ["b.txt", "a/z.md", "a/c/d.txt", "a.txt", "b/.hidden.txt", "b/e.pdf", "b/f.jpg", ".x/g.txt", "a/c.doc"]
    for name in names:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x", "utf-8")
    wanted = {".txt", ".md", ".pdf", ".doc"}
    expected = sorted(f for f in tmp_path.rglob("*") if f.is_file() and f.suffix in wanted
                      and not f.name.startswith("."))
    assert list(iter_files([tmp_path])) == expected
    assert [p.name for p in expected] == ["g.txt", "d.txt", "c.doc", "z.md", "a.txt", "e.pdf", "b.txt"]
    lazy = iter_files([tmp_path, tmp_path / "a.txt"])
    assert list(islice(lazy, 1)) == expected[:1]
    assert list(lazy)[-1] == tmp_path / "a.txt", "named files follow as given"
