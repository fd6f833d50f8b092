"""Guarded parsing: untrusted report files are parsed in worker processes with limits.

Each worker runs under RLIMIT_AS (its size at start plus MEMORY_LIMIT) and each file under a
wall-clock TIME_LIMIT. A file that breaches either — or makes its worker die — becomes that file's
failure line; the worker is replaced and the other files go on; the calling process (the CLI, the
serving bot) never runs the parser itself. Workers are forked from this process when it has one
thread, else from a clean fork server (forking a threaded process can deadlock the child).
"""
from __future__ import annotations

import os
import resource
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from importlib import import_module
from multiprocessing import get_context
from multiprocessing.connection import Connection, wait
from queue import SimpleQueue
from typing import Any

MEMORY_LIMIT = 1024 * 1024 * 1024
"""Address space a worker may add to its size at start (RLIMIT_AS), in bytes: a 300-page report
needs a few hundred MB."""
TIME_LIMIT = 120.0
"""Seconds one file may take to parse (wall clock); a long real report takes a few seconds."""
DEPTH = 2
"""Files queued per worker (a thread of the worker receives them), so a worker never waits for
the next one while results are written; a file's time starts when the one before it is done."""
WINDOW = 4
"""map() takes at most workers × DEPTH × WINDOW jobs ahead of the last outcome it yielded (jobs in
order: a slow file holds back the ones after it), so memory stays flat however many there are."""
_END = object()

_CRASHED = "解析进程异常退出（{how}）"
Job = tuple[Any, ...]
Parse = Callable[[Job], Any]


def _address_space() -> int:
    """This process's virtual size in bytes (0 when unknown)."""
    try:
        with open("/proc/self/statm", encoding="ascii") as f:
            return int(f.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


def _receive(conn: Connection, jobs: SimpleQueue[Job | None]) -> None:
    """Worker thread: queue the jobs as they arrive, so the parent never blocks sending one."""
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            job = None
        jobs.put(job)
        if job is None:
            return


def _serve(conn: Connection, parse: Parse, memory: int, warm: str | None = None) -> None:
    """Worker loop: parse each job received and send back its outcome; None ends it. After a
    MemoryError the failure is sent and the worker exits (its heap may be in a bad state).
    `warm` is imported first (a no-op under a fork server that preloaded it), and the memory
    limit counts from the warm size."""
    if warm:
        import_module(warm)
    size = _address_space()
    if size and memory:
        resource.setrlimit(resource.RLIMIT_AS, (size + memory, resource.RLIM_INFINITY))
    jobs: SimpleQueue[Job | None] = SimpleQueue()
    threading.Thread(target=_receive, args=(conn, jobs), daemon=True).start()
    while (job := jobs.get()) is not None:
        try:
            outcome = parse(job)
        except MemoryError:
            conn.send(f"内存超限：解析超过 {memory // 2**20} MB 的上限")
            return
        conn.send(outcome)


@dataclass
class _Worker:
    process: Any
    conn: Connection
    queue: deque[int] = field(default_factory=deque)
    """Indexes of the jobs sent, oldest (the one being parsed) first."""
    deadline: float = 0.0
    """When the oldest job's time is up."""


class GuardedPool:
    """Parses jobs in `workers` limited processes; map() yields outcomes in job order."""

    def __init__(self, parse: Parse, workers: int = 1, memory: int = MEMORY_LIMIT,
                 seconds: float = TIME_LIMIT, warm: str | None = None, window: int = 0) -> None:
        """`warm`: a module each worker imports before its first job (preloaded once in the fork
        server when this process has threads). `window`: see map()."""
        self.parse, self.size, self.memory, self.seconds = parse, max(1, workers), memory, seconds
        self.window = window
        self.warm = warm
        if threading.active_count() == 1:  # workers warm themselves: the parent (the writer)
            self.ctx = get_context("fork")  # stays small, without the parsers and jieba
        else:
            self.ctx = get_context("forkserver")
            self.ctx.set_forkserver_preload([warm] if warm else [])
        self.workers: list[_Worker] = []
        self.replaced = 0
        """Workers killed or lost (time, memory, crash) and started anew."""

    def __enter__(self) -> GuardedPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _start(self) -> _Worker:
        mine, theirs = self.ctx.Pipe()
        process = self.ctx.Process(target=_serve, args=(theirs, self.parse, self.memory, self.warm),
                                   daemon=True, name="reportbot-parser")
        process.start()
        theirs.close()
        return _Worker(process, mine)

    def _drop(self, worker: _Worker) -> None:
        """Kill a worker (timed out, crashed or exited) and forget it."""
        worker.conn.close()
        if worker.process.is_alive():
            worker.process.kill()
        worker.process.join()
        self.workers.remove(worker)
        self.replaced += 1

    def close(self) -> None:
        """Stop every worker."""
        for worker in self.workers:
            try:
                worker.conn.send(None)
            except OSError:
                pass
            worker.conn.close()
        for worker in self.workers:
            worker.process.join(timeout=5)
            if worker.process.is_alive():
                worker.process.kill()
                worker.process.join()
        self.workers = []

    def map(self, jobs: Iterable[Job]) -> Iterator[Any]:
        """Outcomes of parse(job) in job order; a job over the limits gives its reason (str).

        `jobs` is consumed lazily: at most `window` jobs (default workers × DEPTH × WINDOW) are
        taken but not yet yielded — sent, queued, or done and waiting for an earlier, slower one.
        A job is dropped once its outcome is known, an outcome once it is yielded."""
        source = iter(jobs)
        window = self.window or self.size * DEPTH * WINDOW
        held: dict[int, Job] = {}  # taken, outcome not known yet (resent if their worker dies)
        todo: deque[int] = deque()
        done: dict[int, Any] = {}
        taken = nxt = 0
        more = True
        while True:
            while more and taken - nxt < window:
                job = next(source, _END)
                if job is _END:
                    more = False
                    break
                held[taken] = job
                todo.append(taken)
                taken += 1
            if nxt == taken:
                return
            self._dispatch(held, todo, done)
            if nxt not in done:
                self._collect(todo, done)
            for index in done.keys() & held.keys():
                del held[index]
            while nxt in done:
                yield done.pop(nxt)
                nxt += 1

    def _dispatch(self, jobs: dict[int, Job], todo: deque[int], done: dict[int, Any]) -> None:
        """Send queued jobs to the least busy workers, starting workers up to the pool size. A
        job that cannot be sent (its worker died) fails, so every pass makes progress."""
        while todo:
            in_flight = sum(len(w.queue) for w in self.workers)
            if len(self.workers) < min(self.size, len(todo) + in_flight):
                self.workers.append(self._start())
            room = [w for w in self.workers if len(w.queue) < DEPTH]
            if not room:
                return
            worker = min(room, key=lambda w: len(w.queue))
            index = todo.popleft()
            try:
                worker.conn.send(jobs[index])
            except OSError:
                done[index] = _CRASHED.format(how="broken pipe")
                self._fail(worker, _CRASHED.format(how="broken pipe"), todo, done)
                continue
            if not worker.queue:
                worker.deadline = time.monotonic() + self.seconds
            worker.queue.append(index)

    def _collect(self, todo: deque[int], done: dict[int, Any]) -> None:
        """Wait for a result or a deadline; record outcomes, replace failed workers."""
        busy = [w for w in self.workers if w.queue]
        if not busy:
            return
        timeout = max(0.0, min(w.deadline for w in busy) - time.monotonic())
        ready = set(wait([w.conn for w in busy], timeout))
        now = time.monotonic()
        for worker in busy:
            if worker.conn in ready:
                try:
                    outcome = worker.conn.recv()
                except (EOFError, OSError):
                    worker.process.join(timeout=2)
                    code = worker.process.exitcode
                    how = f"信号 {-code}" if code and code < 0 else f"退出码 {code}"
                    self._fail(worker, _CRASHED.format(how=how), todo, done)
                    continue
                done[worker.queue.popleft()] = outcome
                worker.deadline = time.monotonic() + self.seconds
                if isinstance(outcome, str) and outcome.startswith("内存超限"):
                    self._fail(worker, None, todo, done)
            elif now >= worker.deadline:
                self._fail(worker, f"解析超时：超过 {self.seconds:g} 秒", todo, done)

    def _fail(self, worker: _Worker, reason: str | None, todo: deque[int],
              done: dict[int, Any]) -> None:
        """The worker's current job fails with `reason` (None: already recorded); its other
        jobs go back to the queue; the worker is replaced on the next dispatch."""
        if reason is not None and worker.queue:
            done[worker.queue.popleft()] = reason
        todo.extendleft(reversed(worker.queue))
        self._drop(worker)
