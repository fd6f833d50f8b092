"""Issue 9: hostile or odd report files fail alone, fast and small; good files beside them load.

Every hostile file is generated here, small on disk (hostile_files). The load of a folder of all
of them plus the sample reports runs in a subprocess, which prints its wall time and the largest
RSS of its parser workers and of itself (tests/ingest/test_hostile_files.py prints the figures with -s).
"""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
import threading
import time
import zipfile
from pathlib import Path

import pytest

from knowledge import Store, bundled_corpus, load_paths
from loaders import read_document
from loaders.decode import MAX_TEXT_BYTES
from loaders.docx import check_zip_sizes
from loaders.errors import LoaderError, MalformedReportError, UnsupportedFormatError
from tests.conftest import reportbot_cmd
from tests.ingest.hostile_files import (
    counter_docx,
    grid_span_docx,
    many_pages_pdf,
    minimal_docx,
    rowspan_html,
    zip_bomb_docx,
)

HOSTILE = {  # file name → (writer, words the failure reason must hold)
    "span.docx": (grid_span_docx, "表格过大"),
    "counter.docx": (counter_docx, "列表编号过大"),
    "bomb.docx": (zip_bomb_docx, "解压后过大"),
    "rowspan.html": (rowspan_html, "网页表格过大"),
    "pages.pdf": (many_pages_pdf, "页数过多"),
}
MEASURE = """
import json, resource, sys, time
from knowledge import Store, load_paths
start = time.perf_counter()
store = Store(sys.argv[1])
result = load_paths(store, [sys.argv[2]])
store.close()
print(json.dumps({"seconds": time.perf_counter() - start, "failed": result.failed,
                  "loaded": result.loaded,
                  "worker_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
                  "self_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


@pytest.fixture(scope="module")
def hostile_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The five hostile files, a Word file without lists, and the sample reports."""
    folder = tmp_path_factory.mktemp("hostile")
    for name, (write, _) in HOSTILE.items():
        write(folder / name)
    minimal_docx(folder / "no_numbering.docx")
    for sample in sorted(bundled_corpus().glob("*.txt")):
        shutil.copy(sample, folder / sample.name)
    return folder


def test_docx_without_numbering_part_loads(tmp_path: Path) -> None:
    path = minimal_docx(tmp_path / "plain.docx")
    assert "word/numbering.xml" not in zipfile.ZipFile(path).namelist()
    doc = read_document(path.read_bytes(), path.name)
    assert doc.title.endswith("政府信息公开工作年度报告")
    assert [s.title for s in doc.sections] == ["一、总体情况"]


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_each_hostile_file_is_refused_fast_with_its_reason(tmp_path: Path, name: str) -> None:
    write, words = HOSTILE[name]
    path = write(tmp_path / name)
    assert path.stat().st_size < 2 * 1024 * 1024
    start = time.perf_counter()
    with pytest.raises(LoaderError, match=words) as caught:
        read_document(path.read_bytes(), name)
    assert time.perf_counter() - start < 10
    message = str(caught.value)
    assert name in message and ("limit" in message or "上限" in message)


def test_folder_of_hostile_files_loads_the_good_ones_in_small_time_and_memory(
        hostile_folder: Path, tmp_path: Path) -> None:
    out = subprocess.run([sys.executable, "-c", MEASURE, str(tmp_path / "m.db"), str(hostile_folder)],
                         capture_output=True, text=True, timeout=300, check=True)
    figures = json.loads(out.stdout.strip().splitlines()[-1])
    failed = {Path(path).name: reason for path, reason in figures["failed"]}
    assert set(failed) == set(HOSTILE)
    for name, (_, words) in HOSTILE.items():
        assert words in failed[name], (name, failed[name])
    assert len(figures["loaded"]) == 6  # five samples + the Word file without lists
    print(f"\nhostile folder: {figures['seconds']:.2f} s, worker max RSS "
          f"{figures['worker_mb']:.0f} MB, main {figures['self_mb']:.0f} MB")
    assert figures["seconds"] < 60
    assert figures["worker_mb"] < 600 and figures["self_mb"] < 600


def test_cli_load_folder_with_one_bad_docx_loads_samples_and_exits_1(tmp_path: Path) -> None:
    folder = tmp_path / "reports"
    shutil.copytree(bundled_corpus(), folder, ignore=shutil.ignore_patterns("__*"))
    grid_span_docx(folder / "broken.docx")
    out = subprocess.run([*reportbot_cmd(), "load", "--db", str(tmp_path / "c.db"), str(folder)],
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 1
    assert "broken.docx" in out.stderr and "表格过大" in out.stderr
    assert "Traceback" not in out.stderr
    assert "已加载 5 个" in out.stdout
    assert len(Store(tmp_path / "c.db").reports()) == 5


def test_unexpected_exception_in_one_file_is_its_failure_line(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import knowledge.ingest.parse

    if threading.active_count() > 1:
        pytest.skip("workers come from the fork server: the patch would not reach them")
    real = knowledge.ingest.parse.read_document

    def flaky(data: bytes, name: str):  # noqa: ANN202 - like read_document
        if name == "odd.txt":
            raise NotImplementedError("a library gave up")
        return real(data, name)
    monkeypatch.setattr(knowledge.ingest.parse, "read_document", flaky)
    shutil.copy(next(bundled_corpus().glob("000_*.txt")), tmp_path / "odd.txt")
    shutil.copy(next(bundled_corpus().glob("001_*.txt")), tmp_path / "good.txt")
    store = Store(tmp_path / "x.db")
    result = load_paths(store, [tmp_path / "odd.txt", tmp_path / "good.txt"])
    assert [Path(p).name for p in result.loaded] == ["good.txt"]
    [(path, reason)] = result.failed
    assert path.endswith("odd.txt") and "NotImplementedError" in reason and "gave up" in reason
    store.close()


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be"])
def test_utf16_text_with_bom_is_read_as_text(encoding: str) -> None:
    sample = next(bundled_corpus().glob("000_*.txt")).read_text(encoding="utf-8")
    data = sample.encode(encoding)
    data = data if encoding == "utf-16" else b"\xfe\xff" + data
    doc = read_document(data, "report.txt")
    assert doc == read_document(sample.encode("utf-8"), "report.txt")


def test_text_over_the_size_limit_is_refused() -> None:
    with pytest.raises(UnsupportedFormatError, match="文本文件过大"):
        read_document(b"a" * (MAX_TEXT_BYTES + 1), "huge.txt")


def test_zip_member_with_a_bomb_ratio_is_refused_before_parsing(tmp_path: Path) -> None:
    path = zip_bomb_docx(tmp_path / "small_bomb.docx", inflated=8 * 1024 * 1024)
    with zipfile.ZipFile(path) as archive:
        with pytest.raises(MalformedReportError, match="压缩比异常"):
            check_zip_sizes(archive.infolist())
    with pytest.raises(MalformedReportError, match="document.xml 解压比"):
        read_document(path.read_bytes(), path.name)


def test_prepare_of_one_uploaded_file_is_guarded(tmp_path: Path) -> None:
    """The bot's upload parses through prepare(): a hostile file is a LoaderError, from a thread too."""
    from knowledge.ingest.loading import prepare

    data = grid_span_docx(tmp_path / "upload.docx").read_bytes()
    errors: list[BaseException] = []

    def upload() -> None:
        try:
            prepare(data, "upload.docx", str(tmp_path / "upload.docx"))
        except LoaderError as exc:
            errors.append(exc)
    worker = threading.Thread(target=upload)
    worker.start()
    worker.join(timeout=120)
    [error] = errors
    assert "表格过大" in str(error) and "upload.docx" in str(error)
    good = next(bundled_corpus().glob("000_*.txt"))
    assert prepare(good.read_bytes(), good.name, str(good)).title.endswith("年度报告")
