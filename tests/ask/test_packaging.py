"""A non-editable install carries every data file the code reads (README's first command)."""
from __future__ import annotations

import fnmatch

import pytest

from tests.conftest import ROOT

tomllib = pytest.importorskip("tomllib")  # Python 3.11+


def test_package_data_covers_every_file_of_knowledge_data_and_corpus():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = config["tool"]["setuptools"]["package-data"]["knowledge"]
    base = ROOT / "knowledge"
    files = [p.relative_to(base).as_posix() for folder in ("data", "corpus") for p in (base / folder).iterdir()
             if p.is_file() and not p.name.startswith(".")]
    assert files
    missing = [f for f in files if not any(fnmatch.fnmatch(f, pat) for pat in patterns)]
    assert missing == [], f"not installed by `pip install .`: {missing}"


def test_every_package_folder_is_installed():
    setuptools = pytest.importorskip("setuptools")
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    found = set(setuptools.find_packages(str(ROOT), include=config["tool"]["setuptools"]["packages"]["find"]["include"]))
    folders = {".".join(p.parent.relative_to(ROOT).parts) for top in ("bot", "knowledge", "loaders")
               for p in (ROOT / top).rglob("__init__.py")}
    assert "knowledge.understand" in folders
    assert folders - found == set(), "package folders `pip install .` leaves out"
    assert not any(name.startswith("tests") for name in found)
