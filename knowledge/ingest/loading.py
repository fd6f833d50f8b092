"""把报告文件读入知识库：文件 → loader → Document → facts → SQLite。

Worker processes parse files and build the stored rows — always, also for one file: they run
under the memory and time limits of knowledge.ingest.guard, so a hostile file is that file's failure
line and never takes the calling process (the bot) down — or on a Dask cluster (knowledge.ingest.cluster,
`load --cluster`). The main process writes the reports, a batch per transaction (each report
atomic on its own), in file order. Files stream through: each is read when the pool takes it and
a bounded number are in flight, so memory stays flat however large the corpus.
"""
from __future__ import annotations

import hashlib
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field
from importlib import resources
from itertools import chain, islice
from pathlib import Path
from typing import Protocol

from knowledge.ingest.guard import GuardedPool, Job
from knowledge.facts import EXTRACTOR_VERSION
from knowledge.ingest.parse import WARM, prepare, prepare_safe
from knowledge.ingest.report_files import iter_files
from knowledge.store.store import NewReport, Store
from loaders.errors import LoaderError

MAX_FILE_BYTES = 50 * 1024 * 1024
"""Larger files are refused: no annual report is this big."""

Progress = Callable[[str, str], None]
"""Called after each file with (path, outcome: 'loaded' | 'replaced' | 'unchanged' | 'failed')."""


NAMES_KEPT = 1000
"""Paths a LoadResult keeps of the loaded and of the unchanged files (it counts them all): a load
of 100,000 files holds no list of 100,000 names."""


@dataclass
class LoadResult:
    """What a load did: counts, the first NAMES_KEPT paths, and every failure."""

    loaded: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    """(path, reason) for each file that could not be loaded."""
    n_loaded: int = 0
    """Files loaded (new or replacing an old report)."""
    n_unchanged: int = 0
    """Files whose report was already loaded."""

    def __post_init__(self) -> None:
        self.n_loaded = max(self.n_loaded, len(self.loaded))
        self.n_unchanged = max(self.n_unchanged, len(self.unchanged))

    def record(self, outcome: str, path: str) -> None:
        """Count one stored file ('unchanged', else loaded), keeping its path while there is room."""
        names = self.unchanged if outcome == "unchanged" else self.loaded
        if len(names) < NAMES_KEPT:
            names.append(path)
        if outcome == "unchanged":
            self.n_unchanged += 1
        else:
            self.n_loaded += 1


def bundled_corpus() -> Path:
    """The folder of sample reports shipped inside the package."""
    return Path(str(resources.files("knowledge") / "corpus"))


BATCH = 32
"""Reports written per transaction by load_paths."""


def _read(path: Path) -> bytes:
    if not path.exists():
        raise LoaderError("文件不存在")
    if path.stat().st_size > MAX_FILE_BYTES:
        raise LoaderError(f"文件过大（超过 {MAX_FILE_BYTES // 1024 // 1024} MB）")
    return path.read_bytes()


def load_file(store: Store, path: Path) -> str:
    """Load one file (parsed in a guarded worker); returns the outcome, raises LoaderError or
    OSError with the reason."""
    data = _read(path)
    if store.has_sha(hashlib.sha256(data).hexdigest(), EXTRACTOR_VERSION):
        return "unchanged"
    return store.put_report(prepare(data, path.name, str(path.resolve())))


def _jobs(store: Store, files: Iterable[Path], result: LoadResult, on_progress: Progress | None,
          order: deque[str]) -> Iterator[Job]:
    """Jobs (bytes, name, source) of the files that need parsing, each file read and hashed only
    when the pool asks for it; unreadable and unchanged files are recorded here, the path of each
    job is queued in `order` (its outcome comes back in the same order)."""
    for path in files:
        try:
            data = _read(path)
        except (LoaderError, OSError) as exc:
            result.failed.append((str(path), str(exc) or type(exc).__name__))
            outcome = "failed"
        else:
            if not store.has_sha(hashlib.sha256(data).hexdigest(), EXTRACTOR_VERSION):
                order.append(str(path))
                yield data, path.name, str(path.resolve())
                continue
            result.record("unchanged", str(path))
            outcome = "unchanged"
        if on_progress:
            on_progress(str(path), outcome)


class ParsePool(Protocol):
    """Where files are parsed: knowledge.ingest.guard.GuardedPool, knowledge.ingest.cluster.ClusterPool."""

    def map(self, jobs: Iterable[Job]) -> Iterator[NewReport | str]: ...


def _pool(cluster: str | ParsePool | None, workers: int) -> AbstractContextManager[ParsePool]:
    """Guarded local workers; or a Dask cluster by address (connected here, closed after); or
    a pool already open (left open)."""
    if cluster is None:
        return GuardedPool(prepare_safe, workers, warm=WARM)
    if isinstance(cluster, str):
        from knowledge.ingest.cluster import ClusterPool

        return ClusterPool(cluster)
    return nullcontext(cluster)


def load_paths(store: Store, paths: Iterable[str | Path], on_progress: Progress | None = None,
               workers: int | None = None, cluster: str | ParsePool | None = None) -> LoadResult:
    """Load every file under `paths`; a file that fails is recorded and the others still load.

    Parsing runs in `workers` guarded processes (default: one per core, at most 4, for more
    than 16 files, else one), or on the Dask cluster `cluster` (a scheduler address or an open
    knowledge.ingest.cluster.ClusterPool); writing stays in this process, one transaction per report,
    in file order. Files stream through: read when the pool takes them, a bounded number in
    flight, nothing of a report kept once written — memory does not grow with the corpus.
    """
    result = LoadResult()
    files = iter_files(paths)
    head = list(islice(files, 17))  # enough to choose the number of workers
    if workers is None:
        workers = min(os.cpu_count() or 1, 4) if len(head) > 16 else 1
    order: deque[str] = deque()
    jobs = _jobs(store, chain(head, files), result, on_progress, order)
    first = next(jobs, None)
    if first is None:
        return result
    with _pool(cluster, min(workers, len(head))) as pool:
        _store_all(store, order, pool.map(chain([first], jobs)), result, on_progress)
    return result


def _store_all(store: Store, order: deque[str], prepared: Iterable[NewReport | str],
               result: LoadResult, on_progress: Progress | None) -> None:
    """Write prepared reports as they arrive (parsing of the next ones goes on meanwhile), BATCH
    reports per transaction, each batch gathered before its transaction starts (the write lock
    is not held while parsing) and dropped once written; progress is reported once a batch is
    committed."""
    items = ((order.popleft(), report) for report in prepared)
    while chunk := list(islice(items, BATCH)):
        with store.batch():
            done = [(path, _store_one(store, path, report, result)) for path, report in chunk]
        del chunk
        if on_progress:
            for path, outcome in done:
                on_progress(path, outcome)


def _store_one(store: Store, path: str, report: NewReport | str, result: LoadResult) -> str:
    """Write one prepared report (or record why it failed); returns the outcome."""
    if isinstance(report, str):
        result.failed.append((path, report))
        return "failed"
    outcome = store.put_report(report)
    result.record(outcome, path)
    return outcome


def default_db_path() -> Path:
    """$REPORTBOT_DB, else reportbot.db in the user's data folder."""
    if os.environ.get("REPORTBOT_DB"):
        return Path(os.environ["REPORTBOT_DB"])
    base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / "reportbot" / "reportbot.db"


def open_store(path: str | Path | None = None, bundled: bool = True,
               notice: Callable[[str], None] | None = None) -> Store:
    """Open the knowledge base. The bundled samples go into it first only when it is new, or is
    the default database and holds no report: an existing empty database (a production one after
    a failed first load) stays empty rather than silently serving samples. `notice` hears when
    the samples were loaded."""
    target = Path(path or default_db_path())
    new = str(target) != ":memory:" and not target.exists()
    store = Store(target)
    default = path is None or Path(path) == default_db_path()
    if bundled and (new or default) and not store.reports():
        result = load_paths(store, [bundled_corpus()])
        if notice is not None:
            notice(f"数据库 {target} 里还没有年报：已装入自带的 {result.n_loaded} 份样例年报。"
                   "用 reportbot load 装入你自己的年报。")
    return store


def rebuild(db_path: str | Path, paths: Iterable[str | Path], on_progress: Progress | None = None,
            workers: int | None = None, cluster: str | ParsePool | None = None) -> LoadResult:
    """Build a new database from `paths` alone and swap it in atomically.

    Workers are guarded processes (knowledge.ingest.guard); from a threaded process (the bot) they
    come from a fork server, never from a fork of the threaded process.
    The new index is written to a temporary file beside `db_path` and renamed over it only
    when at least one report loaded; until then (and if the build fails) the old file serves.
    `cluster`: parse on a Dask cluster, as in load_paths.
    """
    target = Path(db_path)
    tmp = target.with_name(target.name + ".rebuild")
    for stale in (tmp, Path(f"{tmp}-wal"), Path(f"{tmp}-shm")):
        stale.unlink(missing_ok=True)
    store = Store(tmp)
    try:
        result = load_paths(store, paths, on_progress, workers=workers, cluster=cluster)
        store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        store.db.execute("PRAGMA journal_mode=DELETE")
    except BaseException:
        store.close()
        for partial in (tmp, Path(f"{tmp}-wal"), Path(f"{tmp}-shm")):
            partial.unlink(missing_ok=True)
        raise
    store.close()
    if not result.n_loaded and not result.n_unchanged:
        tmp.unlink(missing_ok=True)
        return result
    for side in (Path(f"{target}-wal"), Path(f"{target}-shm")):
        side.unlink(missing_ok=True)
    os.replace(tmp, target)
    return result
