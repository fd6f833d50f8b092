"""A long-lived reader notices reports another process adds with a plain `load` (no swap)."""
from __future__ import annotations

import shutil
import subprocess

from knowledge import Store, ask, load_paths
from knowledge.ingest.loading import bundled_corpus
from tests.conftest import reportbot_cmd

QUESTION = "2024年晋江依申请公开多少件"


def test_reader_answers_from_reports_loaded_by_another_process(tmp_path):
    first, later = tmp_path / "first", tmp_path / "later"
    first.mkdir(), later.mkdir()
    for f in sorted(bundled_corpus().glob("*.txt")):
        text = f.read_text(encoding="utf-8")
        head = "".join(text[:400].split())
        (later if "晋江市人民政府办公室2024年" in head else first).joinpath(f.name).write_text(text, encoding="utf-8")
    assert list(later.iterdir()), "the 2024 晋江 sample is among the bundled reports"
    db = tmp_path / "kb.db"
    reader = Store(db)
    try:
        load_paths(reader, [first])
        before = ask(reader, QUESTION)
        assert before.status != "answered" or before.best.report.year != 2024
        facts_before = reader.facts_of([r.id for r in reader.reports()][:1])
        subprocess.run([*reportbot_cmd(), "load", str(later), "--db", str(db)], check=True,
                       capture_output=True, timeout=120)
        after = ask(reader, QUESTION)
        assert after.status == "answered" and after.best.fact.value == "20"
        assert after.best.report.year == 2024
        # the reader's own questions and unrelated commits do not throw its caches away
        again = reader.facts_of([r.id for r in reader.reports()][:1])
        assert again[0] is reader.facts_of([r.id for r in reader.reports()][:1])[0]
        assert facts_before[0].fid == again[0].fid
    finally:
        reader.close()
    shutil.rmtree(first)
