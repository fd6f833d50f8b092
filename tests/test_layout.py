"""The code's layout: the stage packages of knowledge/ (../shared/tools/layers.py), the front-ends'
single door, and a question's one-way trip through ask()."""
from __future__ import annotations

import ast
import subprocess
import sys

from knowledge import Store, ask
from tests.conftest import ROOT, shared_path

STAGES = ("understand", "answer", "analysis")


def test_the_layout_tool_finds_no_broken_rule() -> None:
    tool = shared_path("tools", "layers.py")
    run = subprocess.run([sys.executable, str(tool), str(ROOT)], capture_output=True, text=True, timeout=60)
    assert run.returncode == 0 and "layout: 0 broken rules" in run.stdout, run.stdout


def test_front_ends_import_knowledge_only_through_its_package() -> None:
    inside = []
    for path in (ROOT / "bot").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else \
                [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            inside += [f"{path.relative_to(ROOT)}: {n}" for n in names if n.startswith("knowledge.")]
    assert not inside, inside


def _stages_entered(store: Store, question: str) -> list[str]:
    """The pipeline stages one ask() runs code of, in order, consecutive repeats collapsed."""
    seen: list[str] = []

    def profile(frame, event, _arg) -> None:  # noqa: ANN001
        parts = frame.f_globals.get("__name__", "").split(".")
        if event == "call" and len(parts) > 2 and parts[0] == "knowledge" and parts[1] in STAGES:
            if not seen or seen[-1] != parts[1]:
                seen.append(parts[1])

    sys.setprofile(profile)
    try:
        ask(store, question)
    finally:
        sys.setprofile(None)
    return seen


def test_a_question_enters_understanding_once_and_never_goes_back(sample_store: Store) -> None:
    trips = {q: _stages_entered(sample_store, q) for q in (
        "2024年晋江依申请公开多少件", "晋江历年依申请公开多少件", "2024年哪个机关依申请公开最多",
        "晋江2024年公开率", "你好", "2024年厦门依申请公开多少件", "鲤城区2024年年报概况")}
    for question, stages in trips.items():
        assert stages[0] == "understand" and "understand" not in stages[1:], (question, stages)
        if "analysis" in stages:  # analysis finds each point through answer, then goes on
            assert stages[1] == "analysis", (question, stages)
    assert trips["2024年晋江依申请公开多少件"] == ["understand", "answer"]
    assert trips["2024年厦门依申请公开多少件"] == ["understand"]  # an unknown place: refused while understanding
    assert "answer" in trips["晋江历年依申请公开多少件"] and "analysis" in trips["晋江历年依申请公开多少件"]
