"""`reportbot load --cluster`: parsing on a Dask distributed cluster (a LocalCluster started here)
gives the same database, failure lines and answers as a local load; a worker killed mid-load
loses no file; a second load sends nothing; an unreachable scheduler leaves the database alone."""
from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest

distributed = pytest.importorskip("distributed")

from click.testing import CliRunner  # noqa: E402

from bot.cli import cli  # noqa: E402
from knowledge import Store, ask, bundled_corpus, load_paths  # noqa: E402
from knowledge.ingest import cluster as cluster_module  # noqa: E402
from knowledge.ingest.cluster import ClusterPool  # noqa: E402
from tests.conftest import distinct_copies, reportbot_cmd  # noqa: E402

QUESTIONS = ["2024年晋江依申请公开多少件", "2020年晋江市人民政府行政处罚处理决定数量是多少",
             "鲤城区2024年办结率是多少", "2024年厦门市依申请公开多少件"]


@pytest.fixture(scope="module")
def scheduler() -> Iterator[str]:
    """A two-worker local cluster in worker processes (daemonic, the `dask worker` default)."""
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=":0") as local:
        yield local.scheduler_address


@pytest.fixture()
def reports(tmp_path: Path) -> Path:
    """The bundled samples plus two broken files: a zero-byte .txt and a .pdf of garbage."""
    folder = tmp_path / "reports"
    shutil.copytree(bundled_corpus(), folder, ignore=shutil.ignore_patterns("__*"))
    (folder / "empty.txt").write_bytes(b"")
    (folder / "garbage.pdf").write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 40)
    return folder


def _load(db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*reportbot_cmd(), "load", "--db", str(db), *args], capture_output=True,
                          text=True, timeout=300)


def _failures(stderr: str) -> list[str]:
    return sorted(line for line in stderr.splitlines() if line.startswith("失败："))


def _content(db: Path) -> tuple[list[tuple], list[tuple]]:
    """Reports (agency, year, sha256) and fact rows (report by sha256, ids left out)."""
    conn = sqlite3.connect(db)
    try:
        reports = conn.execute("SELECT agency, year, sha256 FROM reports ORDER BY sha256").fetchall()
        cursor = conn.execute("SELECT r.sha256, f.* FROM fact_rows f JOIN reports r ON r.id = f.report_id")
        names = [d[0] for d in cursor.description]
        keep = [i for i, name in enumerate(names) if name not in {"id", "report_id"}]
        facts = sorted((tuple(row[i] for i in keep) for row in cursor), key=repr)
    finally:
        conn.close()
    return reports, facts


def test_cluster_load_matches_a_local_load(scheduler: str, reports: Path, tmp_path: Path) -> None:
    local, remote = tmp_path / "local.db", tmp_path / "cluster.db"
    here = _load(local, str(reports))
    there = _load(remote, "--cluster", scheduler, str(reports))
    assert here.returncode == there.returncode == 1  # the two broken files
    assert "已加载 5 个，未变化 0 个，失败 2 个。" in there.stdout
    assert _failures(there.stderr) == _failures(here.stderr)
    assert [line.split("— ")[0] for line in _failures(there.stderr)] == [
        f"失败：{reports / 'empty.txt'} ", f"失败：{reports / 'garbage.pdf'} "]
    assert _content(remote) == _content(local)
    assert len(_content(remote)[0]) == 5 and len(_content(remote)[1]) > 500
    stores = Store(local), Store(remote)
    try:
        for q in QUESTIONS:
            a, b = (ask(store, q) for store in stores)
            assert a.status == b.status, q
            assert (a.best and a.best.fact.value) == (b.best and b.best.fact.value), q
        assert ask(stores[1], QUESTIONS[0]).status == "answered"
    finally:
        for store in stores:
            store.close()

    again = _load(remote, "--cluster", scheduler, str(reports))
    assert "已加载 0 个，未变化 5 个，失败 2 个。" in again.stdout
    replaced = _load(remote, "--replace", "--cluster", scheduler, str(bundled_corpus()))
    assert replaced.returncode == 0 and "已加载 5 个，未变化 0 个，失败 0 个。" in replaced.stdout
    assert _content(remote) == _content(local)


def test_loading_twice_through_the_cluster_sends_nothing_the_second_time(scheduler: str,
                                                                         tmp_path: Path) -> None:
    sent: list[Any] = []

    class Counting(ClusterPool):
        def map(self, jobs: Iterable[Any]) -> Iterator[Any]:
            return super().map(job for job in jobs if not sent.append(job))

    store = Store(tmp_path / "twice.db")
    try:
        with Counting(scheduler) as pool:
            first = load_paths(store, [bundled_corpus()], cluster=pool)
            assert len(first.loaded) == 5 and len(sent) == 5
            second = load_paths(store, [bundled_corpus()], cluster=pool)
        assert len(second.unchanged) == 5 and not second.loaded and not second.failed
        assert len(sent) == 5
    finally:
        store.close()


def test_a_worker_killed_mid_load_loses_no_file(scheduler: str, tmp_path: Path) -> None:
    files = distinct_copies(tmp_path / "many", 60)
    killed: list[int] = []

    class KillOne(ClusterPool):
        """SIGKILLs one worker process once the first outcome is back (the rest are in flight)."""

        def map(self, jobs: Iterable[Any]) -> Iterator[Any]:
            for outcome in super().map(jobs):
                if not killed:
                    victim = sorted(self.client.run(os.getpid).values())[0]
                    os.kill(victim, signal.SIGKILL)
                    killed.append(victim)
                yield outcome

    store = Store(tmp_path / "killed.db")
    try:
        with KillOne(scheduler) as pool:
            result = load_paths(store, [tmp_path / "many"], cluster=pool)
            pool.client.wait_for_workers(2, timeout=60)
            assert killed and killed[0] not in pool.client.run(os.getpid).values()
    finally:
        store.close()
    named = result.loaded + result.unchanged + [path for path, _ in result.failed]
    assert sorted(named) == sorted(map(str, files))  # no file silently missing
    assert all(reason.startswith("解析进程异常退出") for _, reason in result.failed)
    assert len(result.loaded) >= 55


def test_a_file_that_keeps_killing_workers_is_its_failure_line(scheduler: str) -> None:
    def parse(job: tuple[bytes]) -> str:
        if job[0] == b"crash":
            os.kill(os.getpid(), signal.SIGKILL)
        return job[0].decode()

    with ClusterPool(scheduler, parse=parse) as pool:
        out = list(pool.map([(b"a",), (b"crash",), (b"b",)]))
        pool.client.wait_for_workers(2, timeout=60)
    assert out[0] == "a" and out[2] == "b"
    assert out[1].startswith("解析进程异常退出") and "KilledWorker" in out[1]


def test_workers_allowed_to_start_processes_parse_in_a_guarded_pool(tmp_path: Path) -> None:
    """With distributed.worker.daemon False the limits of knowledge.ingest.guard apply on the workers."""
    import dask

    with dask.config.set({"distributed.worker.daemon": False}), distributed.LocalCluster(
            n_workers=1, threads_per_worker=1, processes=True, dashboard_address=":0") as local:
        store = Store(tmp_path / "guarded.db")
        try:
            result = load_paths(store, [bundled_corpus()], cluster=local.scheduler_address)
        finally:
            store.close()
        with distributed.Client(local.scheduler_address, set_as_default=False) as client:
            children = client.run(lambda: [p.name for p in __import__("multiprocessing").active_children()])
    assert len(result.loaded) == 5 and not result.failed
    assert all("reportbot-parser" in names for names in children.values())


def test_an_unreachable_scheduler_is_one_line_and_leaves_the_database_alone(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cluster_module, "CONNECT_TIMEOUT", 1.0)
    db = tmp_path / "kept.db"
    store = Store(db)
    load_paths(store, [bundled_corpus() / sorted(os.listdir(bundled_corpus()))[0]])
    store.close()
    before = db.read_bytes()
    for args in (["load"], ["load", "--replace"]):
        result = CliRunner().invoke(cli, [*args, "--cluster", "tcp://127.0.0.1:9", "--db", str(db),
                                          str(bundled_corpus())])
        assert result.exit_code != 0
        assert "连不上 Dask 集群 tcp://127.0.0.1:9" in result.output and "Traceback" not in result.output
        assert len(result.output.strip().splitlines()) == 1
        assert db.read_bytes() == before and not list(tmp_path.glob("*.rebuild*"))
    new = tmp_path / "new.db"
    result = CliRunner().invoke(cli, ["load", "--cluster", "tcp://127.0.0.1:9", "--db", str(new),
                                      str(bundled_corpus())])
    assert result.exit_code != 0 and not new.exists()


def test_a_scheduler_without_workers_is_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cluster_module, "CONNECT_TIMEOUT", 1.0)
    with distributed.LocalCluster(n_workers=0, processes=False, protocol="tcp",
                                  dashboard_address=":0") as empty:
        result = CliRunner().invoke(cli, ["load", "--cluster", empty.scheduler_address, "--db",
                                          str(tmp_path / "t.db"), str(bundled_corpus())])
    assert result.exit_code != 0 and "没有可用的 worker" in result.output
    assert len(result.output.strip().splitlines()) == 1 and not (tmp_path / "t.db").exists()
