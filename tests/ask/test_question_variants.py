"""Every well-formed dev and real question, retyped the way people type (filler, traditional
characters, the place and year moved to the end, a story first): the same figure or an ask-back,
never another number."""
from __future__ import annotations

import json
import re
from collections.abc import Iterator

import pytest
import zhconv

from knowledge import Store, ask, bundled_corpus, load_paths
from tests.conftest import SHARED, shared_path


def variants(question: str) -> Iterator[str]:
    """Retypings of one question that ask for the same figure."""
    bare = question.rstrip("？?")
    yield f"请问一下，{bare}呀？"
    yield f"那个……{bare}呗"
    yield zhconv.convert(question, "zh-tw")
    yield f"我是普通市民，最近在关注政务公开。我想了解一下{question}"
    moved = re.match(r"^(.*?\d{4}年)(.*)$", question)
    if moved:
        yield f"{moved.group(2).rstrip('？?')}，{moved.group(1)}？"


def _same(value: str, wanted: list[str]) -> bool:
    try:
        return any(abs(float(value) - float(w)) < 1e-9 for w in wanted)
    except ValueError:
        return value in wanted


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    db = Store(tmp_path_factory.mktemp("variants") / "v.db")
    folders = [bundled_corpus()]
    real = SHARED / "real" / "reports"
    if real.exists():
        folders.append(real)
    assert not load_paths(db, folders).failed
    yield db
    db.close()


@pytest.mark.parametrize("name", ["eval/dev_questions.jsonl", "real/questions.jsonl"])
def test_retyped_questions_never_get_another_number(store: Store, name: str) -> None:
    rows = [json.loads(line) for line in shared_path(*name.split("/")).read_text(encoding="utf-8").splitlines()
            if line.strip()]
    same, wrong = 0, []
    for row in rows:
        expect = row["expect"]
        if expect["status"] != "answered":
            continue
        for question in variants(row["question"]):
            answer = ask(store, question)
            if answer.status != "answered":
                continue
            if _same(answer.best.fact.value, expect["values"]):
                same += 1
            else:
                wrong.append((question, answer.best.fact.value, expect["values"]))
    assert not wrong, wrong
    assert same >= 0.95 * sum(len(list(variants(r["question"]))) for r in rows if r["expect"]["status"] == "answered")
