"""Parsing on a Dask distributed cluster: `reportbot load --cluster tcp://HOST:8786`.

ClusterPool has the shape of knowledge.ingest.guard.GuardedPool: map(jobs) takes jobs (bytes, name,
source) lazily, keeps a bounded number of tasks on the cluster (WINDOW per worker thread) and
yields each file's outcome — a NewReport or its failure line — in job order. The file's bytes
travel with its task, so workers need the project installed (`pip install '.[cluster]'`) but not
the files. Writing stays in the calling process (knowledge.ingest.loading).

A worker that dies mid-task is replaced by its nanny and Dask reschedules its tasks; a file that
keeps killing workers (more than `distributed.scheduler.allowed-failures` times) ends as
KilledWorker. Tasks queued on a worker beside the culprit die with it, so a KilledWorker file is
sent once more as a fresh task; a second KilledWorker is that file's failure line (a culprit
thus costs twice allowed-failures + 1 worker restarts) — the others still load.

Limits on the worker (the trade-off): a Dask worker process is daemonic by default
(`distributed.worker.daemon: True`) and a daemonic process may not start processes, so there a
file is parsed in the worker itself, with prepare_safe's failure semantics but without
knowledge.ingest.guard's per-file time limit; memory is bounded by the worker's own memory limit (the
nanny restarts a worker over it, which counts as a death of that task). Workers started with
`DASK_DISTRIBUTED__WORKER__DAEMON=False` (or `dask worker --no-nanny`) parse each file in a
GuardedPool of their own (one per worker thread): the same memory and time limits as a local
load, and a hostile file costs a guarded process, not the Dask worker.
"""
from __future__ import annotations

import multiprocessing
import threading
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import CancelledError
from typing import Any

from knowledge.errors import ReportbotError
from knowledge.ingest.guard import _CRASHED, GuardedPool, Job, Parse
from knowledge.ingest.parse import WARM, failure_reason, prepare_safe
from knowledge.store.store import NewReport

CONNECT_TIMEOUT = 10.0
"""Seconds to reach the scheduler before giving up."""
WINDOW = 4
"""Tasks on the cluster per worker thread (at least MIN_WINDOW in all)."""
MIN_WINDOW = 8
INSTALL = "需要安装 Dask distributed 才能用 --cluster：pip install '.[cluster]'"

_local = threading.local()
_END = object()


class ClusterError(ReportbotError):
    """The cluster cannot be used: distributed missing, scheduler unreachable or lost."""


def parse_on_worker(job: Job) -> NewReport | str:
    """Run on a Dask worker: one file's report or failure line (see the module docstring)."""
    if multiprocessing.current_process().daemon:
        return prepare_safe(job)  # a daemonic process may not start the guarded one
    pool = getattr(_local, "pool", None)
    if pool is None:
        pool = _local.pool = GuardedPool(prepare_safe, warm=WARM)
    return next(pool.map([job]))


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split())[:200] or type(exc).__name__


class ClusterPool:
    """Parses jobs on the Dask cluster at `address`; map() yields outcomes in job order."""

    def __init__(self, address: str, parse: Parse = parse_on_worker, window: int = 0,
                 timeout: float | None = None) -> None:
        """Connects at once: ClusterError (one line) when distributed is missing or the
        scheduler cannot be reached in `timeout` seconds (default CONNECT_TIMEOUT)."""
        try:
            import distributed
            from distributed.comm import get_address_host_port
        except ImportError as exc:
            raise ClusterError(INSTALL) from exc
        self._killed: type[Exception] = distributed.KilledWorker
        try:
            get_address_host_port(address)  # checked first: a Client half-built on a bad one hangs
        except ValueError as exc:
            raise ClusterError(f"Dask 调度器地址 {address} 无效（应形如 tcp://10.0.0.5:8786）："
                               f"{_one_line(exc)}") from exc
        try:
            self.client = distributed.Client(address, set_as_default=False,
                                             timeout=timeout or CONNECT_TIMEOUT)
        except (OSError, TimeoutError) as exc:
            raise ClusterError(f"连不上 Dask 集群 {address}：{_one_line(exc)}") from exc
        self.address, self.parse = address, parse
        try:  # without a worker the load would wait for ever
            self.client.wait_for_workers(1, timeout=timeout or CONNECT_TIMEOUT)
        except (OSError, TimeoutError) as exc:
            self.client.close()
            raise ClusterError(f"Dask 集群 {address} 没有可用的 worker（先启动 dask worker）") from exc
        threads = sum(self.client.nthreads().values())
        self.window = window or max(MIN_WINDOW, WINDOW * threads)

    def __enter__(self) -> ClusterPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Disconnect (tasks still on the cluster are cancelled)."""
        self.client.close()

    def map(self, jobs: Iterable[Job]) -> Iterator[Any]:
        """Outcomes of parse(job) in job order, at most `window` tasks submitted and not yet
        yielded; a task that failed on the cluster gives its failure line (str)."""
        source = iter(jobs)
        futures: deque[tuple[Job, Any]] = deque()
        more = True
        while True:
            while more and len(futures) < self.window:
                job = next(source, _END)
                if job is _END:
                    more = False
                    break
                futures.append((job, self._submit(job)))
            if not futures:
                return
            yield self._outcome(*futures.popleft())

    def _submit(self, job: Job) -> Any:
        return self.client.submit(self.parse, job, pure=False)

    def _outcome(self, job: Job | None, future: Any) -> Any:
        """The task's result, or its failure line; losing the scheduler stops the load. After
        KilledWorker the file is sent once more (`job`): a task queued on a worker beside the file
        that kills it dies with it, and may have been unlucky every time."""
        try:
            return future.result()
        except self._killed as exc:
            if job is not None:
                return self._outcome(None, self._submit(job))
            tries = getattr(exc, "allowed_failures", None)
            times = f" {tries + 1} 次" if isinstance(tries, int) else ""
            return _CRASHED.format(how=f"KilledWorker：Dask 工作进程解析这个文件时退出了{times}")
        except CancelledError as exc:
            raise ClusterError(f"与 Dask 集群 {self.address} 的连接断开，加载中止：{_one_line(exc)}") from exc
        except MemoryError:
            return "内存超限：Dask 工作进程解析这个文件时内存不足"
        except Exception as exc:  # noqa: BLE001 - one file's failure, the others go on
            return failure_reason(exc)
        finally:
            future.release()
