"""knowledge.ingest.guard: a parse that runs too long, needs too much memory or kills its worker is that
job's failure; the worker is replaced, the other jobs and the calling process go on."""
from __future__ import annotations

import os
import resource
import shutil
import signal
import threading
import time
from pathlib import Path

from knowledge import Store, bundled_corpus, load_paths
from knowledge.ingest.guard import GuardedPool


def parse(job: tuple[str, ...]) -> str:
    """A stand-in parser: 'slow' sleeps, 'hungry' allocates 2 GB, 'crash' kills its process."""
    what = job[0]
    if what == "slow":
        time.sleep(60)
    elif what == "hungry":
        block = bytearray(2 * 1024 ** 3)
        return f"allocated {len(block)}"
    elif what == "crash":
        os.kill(os.getpid(), signal.SIGKILL)
    return f"ok {what} in {os.getpid()}"


def test_good_jobs_come_back_in_order_from_workers() -> None:
    with GuardedPool(parse, workers=2) as pool:
        out = list(pool.map([(str(i),) for i in range(20)]))
    assert [o.split()[1] for o in out] == [str(i) for i in range(20)]
    assert all(int(o.split()[-1]) != os.getpid() for o in out)
    assert pool.replaced == 0


def test_a_slow_job_times_out_and_its_worker_is_replaced() -> None:
    start = time.monotonic()
    with GuardedPool(parse, workers=1, seconds=1.0) as pool:
        out = list(pool.map([("a",), ("slow",), ("b",), ("c",)]))
    assert out[1].startswith("解析超时")
    assert [o.split()[1] for i, o in enumerate(out) if i != 1] == ["a", "b", "c"]
    assert pool.replaced == 1
    assert time.monotonic() - start < 15


def test_a_job_over_the_memory_limit_fails_alone() -> None:
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    with GuardedPool(parse, workers=2, memory=256 * 1024 ** 2) as pool:
        out = list(pool.map([("a",), ("hungry",), ("b",)]))
    assert out[1].startswith("内存超限")
    assert out[0].startswith("ok a") and out[2].startswith("ok b")
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before < 100 * 1024


def test_a_worker_that_dies_is_its_jobs_failure_only() -> None:
    with GuardedPool(parse, workers=1) as pool:
        out = list(pool.map([("a",), ("crash",), ("b",)]))
    assert out[1].startswith("解析进程异常退出") and "9" in out[1]
    assert out[0].startswith("ok a") and out[2].startswith("ok b")
    assert pool.replaced == 1


def test_load_from_a_threaded_process_uses_a_clean_fork_server(tmp_path: Path) -> None:
    """The bot loads in a thread beside its event loop: workers must not fork that process."""
    folder = tmp_path / "reports"
    shutil.copytree(bundled_corpus(), folder, ignore=shutil.ignore_patterns("__*"))
    stop = threading.Event()
    other = threading.Thread(target=stop.wait, daemon=True)
    other.start()
    results = []
    try:
        loader = threading.Thread(target=lambda: results.append(
            load_paths(Store(tmp_path / "t.db"), [folder])))
        loader.start()
        loader.join(timeout=120)
    finally:
        stop.set()
    [result] = results
    assert len(result.loaded) == 5 and not result.failed
