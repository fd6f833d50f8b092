"""Several reader processes on one database while `reportbot load --replace` swaps a new one in.

Real processes, real SQLite: the console (`reportbot chat`, questions on stdin) and two Python
processes each holding a knowledge.Store keep answering from the old file while the rebuild runs
(it is paused half-way, its half-built file beside the database), with no 「database is locked」
and no exception; after the swap each one's next answers come from the new files; no answer ever
comes from anything but the complete old or the complete new database.
"""
from __future__ import annotations

import json
import os
import queue
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

from knowledge import Store
from tests.conftest import ROOT, reportbot_cmd, shared_path

ENV = {**os.environ, "PYTHONPATH": str(ROOT)}
JINJIANG = "2024年晋江依申请公开多少件"  # old (bundled samples): 20件; new (平潭 only): not found
PINGTAN = "2021年平潭综合实验区行政强制多少件"  # old: not found; new: 42件
HELLO = "你好"  # the console's greeting names what is loaded
WAIT = 30.0
"""Seconds any one step may take before the test fails (it does not sleep to synchronise)."""

READER = '''
import json, sys
from knowledge import Store, ask
store = Store(sys.argv[1])
print("ready", flush=True)
for line in sys.stdin:
    try:
        answer = ask(store, line.strip())
        reply = {"status": answer.status, "value": answer.best.fact.value if answer.best else None,
                 "agencies": sorted({r.agency for r in store.reports()})}
    except Exception as exc:  # reported to the test, which fails on it
        reply = {"error": f"{type(exc).__name__}: {exc}"}
    print(json.dumps(reply, ensure_ascii=False), flush=True)
store.close()
'''


class Reader:
    """One reader process: a question in on stdin, its reply out (a thread drains stdout)."""

    def __init__(self, name: str, cmd: list[str], console: bool, **popen: object) -> None:
        self.name, self.console = name, console
        self.proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                     text=True, encoding="utf-8", **{"env": ENV, "cwd": ROOT, **popen})
        self.lines: queue.Queue[str | None] = queue.Queue()
        self.states: list[str] = []
        """"old" or "new" for every answer, in order."""
        threading.Thread(target=self._drain, daemon=True).start()

    def _drain(self) -> None:
        for line in self.proc.stdout:
            self.lines.put(line.rstrip("\n"))
        self.lines.put(None)

    def _line(self) -> str:
        try:
            line = self.lines.get(timeout=WAIT)
        except queue.Empty:
            raise AssertionError(f"{self.name}: no reply within {WAIT:g} s") from None
        assert line is not None, f"{self.name} exited: {self.proc.stderr.read()}"
        return line

    def ask(self, question: str) -> str | dict:
        self.proc.stdin.write(question + "\n")
        self.proc.stdin.flush()
        if not self.console:
            return json.loads(self._line())
        reply = []
        while (line := self._line()) != "":  # the console ends every reply with a blank line
            reply.append(line)
        return "\n".join(reply)

    def close(self) -> str:
        """End the process (the console on /quit, the others at end of input); its stderr."""
        if self.console:
            self.proc.stdin.write("/quit\n")
        self.proc.stdin.close()
        self.proc.wait(timeout=WAIT)
        err = self.proc.stderr.read()
        assert self.proc.returncode == 0, f"{self.name}: {err}"
        return err


def classify(reader: Reader, question: str, reply: str | dict, old: list[str], new: list[str]) -> str:
    """Which database answered: "old" or "new"; anything else (an error, a partial index) fails."""
    if reader.console:
        assert isinstance(reply, str)
        not_found = reply.startswith("没有找到答案")
        expected = {  # (from the old database, from the new one); a follow-up may keep 平潭 as the place
            JINJIANG: (reply.startswith("20件"), not_found and "平潭综合实验区" in reply),
            PINGTAN: (not_found and "已收录：晋江市" in reply, reply.startswith("42件")),
            HELLO: ("已收录 5 份年报：晋江、灵源、金井、鲤城" in reply, "已收录 5 份年报：平潭，" in reply),
        }[question]
    else:
        assert isinstance(reply, dict) and "error" not in reply, f"{reader.name}: {reply}"
        assert reply["agencies"] in (old, new), f"{reader.name} read a partial index: {reply}"
        answered = {JINJIANG: ("answered", "20"), PINGTAN: ("not_found", None)}[question]
        swapped = {JINJIANG: ("not_found", None), PINGTAN: ("answered", "42")}[question]
        got = (reply["status"], reply["value"])
        expected = (reply["agencies"] == old and got == answered, reply["agencies"] == new and got == swapped)
    assert any(expected), f"{reader.name} gave an answer from neither database to {question}: {reply}"
    state = "old" if expected[0] else "new"
    reader.states.append(state)
    return state


def round_of(readers: list[Reader], old: list[str], new: list[str]) -> set[str]:
    """Every reader answers every probe question once; the states seen."""
    seen = set()
    for reader in readers:
        for question in (JINJIANG, PINGTAN, HELLO) if reader.console else (JINJIANG, PINGTAN):
            seen.add(classify(reader, question, reader.ask(question), old, new))
    return seen


def poll(condition, what: str) -> None:
    """Wait (briefly polling) until `condition()` holds, failing after WAIT seconds."""
    deadline = time.monotonic() + WAIT
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.002)


def agencies(db: Path) -> list[str]:
    store = Store(db)
    try:
        return sorted({r.agency for r in store.reports()})
    finally:
        store.close()


def test_readers_answer_from_the_old_file_during_a_rebuild_and_from_the_new_one_after(
        sample_db: Path, tmp_path: Path) -> None:
    new_files = shared_path("real", "reports")  # five 平潭 reports
    db = tmp_path / "served.db"
    shutil.copy(sample_db, db)  # the five bundled samples: 晋江, 灵源, 金井, 鲤城
    old, new = agencies(db), ["平潭综合实验区"]
    assert len(old) == 5 and not set(old) & set(new)

    script = tmp_path / "reader.py"
    script.write_text(READER, encoding="utf-8")
    readers = [Reader("console", [*reportbot_cmd(), "chat", "--db", str(db)], console=True),
               *(Reader(f"reader {i}", [sys.executable, str(script), str(db)], console=False) for i in (1, 2))]
    rebuild = None
    try:
        for reader in readers[1:]:
            assert reader._line() == "ready"
        assert round_of(readers, old, new) == {"old"}

        inode = db.stat().st_ino
        half_built = Path(f"{db}.rebuild")
        rebuild = subprocess.Popen([*reportbot_cmd(), "load", "--replace", "--db", str(db), str(new_files)],
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=ENV,
                                   start_new_session=True)
        poll(lambda: half_built.exists() or rebuild.poll() is not None, "the rebuild to start writing")
        os.killpg(rebuild.pid, signal.SIGSTOP)  # hold it half-way: its workers too
        try:
            assert db.stat().st_ino == inode and half_built.exists(), "the rebuild finished before it was paused"
            for _ in range(2):
                assert round_of(readers, old, new) == {"old"}
            fresh = subprocess.run([*reportbot_cmd(), "ask", "--json", "--db", str(db), PINGTAN], env=ENV,
                                   capture_output=True, text=True, timeout=WAIT)
            assert fresh.returncode == 0, fresh.stderr  # a reader opening now also gets the old file
            assert json.loads(fresh.stdout)["status"] == "not_found"
        finally:
            os.killpg(rebuild.pid, signal.SIGCONT)

        deadline = time.monotonic() + WAIT
        while rebuild.poll() is None:  # ask on while it finishes and swaps: old or new, never a mix
            assert time.monotonic() < deadline, "the rebuild did not finish"
            round_of(readers, old, new)
        out, err = rebuild.communicate(timeout=WAIT)
        assert rebuild.returncode == 0, err
        assert "已加载 5 个" in out and db.stat().st_ino != inode and not half_built.exists()

        for _ in range(2):
            assert round_of(readers, old, new) == {"new"}
        errors = [reader.close() for reader in readers]
    finally:
        if rebuild is not None and rebuild.poll() is None:
            os.killpg(rebuild.pid, signal.SIGKILL)  # its workers too
            rebuild.wait()
        for reader in readers:
            if reader.proc.poll() is None:
                reader.proc.kill()
                reader.proc.wait()
    for reader, err in zip(readers, errors):
        assert "locked" not in err and "Traceback" not in err and "Error" not in err, f"{reader.name}: {err}"
        first_new = reader.states.index("new")
        assert set(reader.states[:first_new]) == {"old"} and set(reader.states[first_new:]) == {"new"}, \
            f"{reader.name} went back to the old database: {reader.states}"
    assert agencies(db) == new
