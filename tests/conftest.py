"""Shared fixtures: real SQLite stores loaded with the bundled sample reports."""
from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

from knowledge import Store, bundled_corpus, load_paths

ROOT = Path(__file__).resolve().parents[1]
"""The checkout: the folder holding pyproject.toml, knowledge/, loaders/ and bot/. Tests in
subfolders take paths from here, not from their own __file__, so moving a test moves nothing."""

SHARED = ROOT.parent / "shared"
"""../shared beside the checkout (read-only material: eval questions, real reports)."""


def shared_path(*parts: str) -> Path:
    """A file under ../shared, skipping the test when the folder is not there."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} not available")
    return path


@pytest.fixture(scope="session")
def sample_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database file holding the five bundled sample reports."""
    path = tmp_path_factory.mktemp("db") / "samples.db"
    store = Store(path)
    result = load_paths(store, [bundled_corpus()])
    store.close()
    assert not result.failed, result.failed
    return path


@pytest.fixture()
def sample_store(sample_db: Path, tmp_path: Path) -> Store:
    """A private copy of the sample database, open."""
    copy = tmp_path / "copy.db"
    shutil.copy(sample_db, copy)
    store = Store(copy)
    yield store
    store.close()


def reportbot_cmd() -> list[str]:
    """The installed `reportbot` script beside this Python, else `python -m bot`."""
    script = Path(sys.executable).with_name("reportbot")
    return [str(script)] if script.exists() else [sys.executable, "-m", "bot"]


def distinct_copies(folder: Path, n: int) -> list[Path]:
    """n report files with different contents in a new `folder`: the bundled samples in turn,
    each with its own number of trailing blank lines."""
    from knowledge.ingest.loading import bundled_corpus

    folder.mkdir()
    samples = sorted(bundled_corpus().glob("*.txt"))
    out = []
    for i in range(n):
        path = folder / f"{i:03d}_{samples[i % len(samples)].name}"
        path.write_bytes(samples[i % len(samples)].read_bytes() + b"\n" * (i + 1))
        out.append(path)
    return out
