"""What keeps memory flat in corpus size: the generator streams, the fact cache is bounded, an
answering process does not import the file readers, and the benchmark measures each phase apart."""
from __future__ import annotations

import json
import random
import subprocess
import sys
from itertools import islice

from bot.bench.analysis import AnalysisSource, analysis_questions
from bot.bench.generator import generate_corpus, iter_corpus, name_pool
from bot.bench.run import run_bench
from knowledge.store import store as store_module
def test_iter_corpus_is_generate_corpus_one_at_a_time():
    assert list(iter_corpus(25, seed=4)) == generate_corpus(25, seed=4)
    first = list(islice(iter_corpus(100000, seed=4), 3))  # lazily: three reports of 100,000
    assert [r.file_name[:11] for r in first] == ["bench_00000", "bench_00001", "bench_00002"]


def test_name_pool_suffices_for_100000_reports():
    """About 18,000 agencies, a third of them towns or streets taking two names each."""
    names = name_pool(random.Random(7))
    assert len(names) >= 26000
    assert len(set(names)) == len(names)


def test_analysis_questions_from_a_streamed_source():
    corpus = generate_corpus(60, seed=5)
    source = AnalysisSource()
    for r in corpus:
        source.add(r)
    assert analysis_questions(source, 20) == analysis_questions(corpus, 20)


def test_fact_cache_keeps_the_most_recently_used_reports(sample_store, monkeypatch):
    monkeypatch.setattr(store_module, "FACT_CACHE_REPORTS", 2)
    ids = [r.id for r in sample_store.reports()]
    assert len(ids) >= 3
    first = sample_store.facts_of([ids[0]])
    sample_store.facts_of([ids[1]])
    assert sample_store.facts_of([ids[0]])[0] is first[0]  # a hit, now the most recent
    sample_store.facts_of([ids[2]])  # evicts ids[1], the least recently used
    assert list(sample_store._fact_cache) == [ids[0], ids[2]]
    again = sample_store.facts_of([ids[1]])
    assert again[0] is not None and len(sample_store._fact_cache) == 2


def test_cells_of_a_report_share_their_paths(sample_store):
    facts = [f for f in sample_store.facts_of([r.id for r in sample_store.reports()][:1])
             if f.fact.kind == "table"]
    same = [f for f in facts if f.fact.section == facts[0].fact.section]
    assert len(same) > 1 and all(f.fact.section is same[0].fact.section for f in same)


def test_answering_does_not_import_the_file_readers():
    code = ("import sys, knowledge; from knowledge import Store, ask; "
            "print(sorted(m for m in ('bs4', 'pdfplumber', 'docx', 'lxml') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_bench_reports_the_memory_of_each_phase(tmp_path):
    result = run_bench(reports=12, seed=3, workdir=tmp_path, questions=10)
    assert result.load_mb > 0 and result.answer_mb > 0 and result.worker_mb > 0
    assert result.peak_mb == max(result.load_mb, result.answer_mb)
    assert result.questions == 10 and result.correct >= 9


def test_catalog_views_match_a_scan_of_the_reports(sample_store):
    from knowledge.store.catalog import COLUMNS, Catalog, report_info

    reports = [report_info(r) for r in sample_store.db.execute(f"SELECT {COLUMNS} FROM reports").fetchall()]
    reports.sort(key=lambda r: (r.agency, r.year or 0, r.id))
    catalog = Catalog(sample_store.db.conn)
    assert list(catalog) == reports and len(catalog) == len(reports)
    assert dict(catalog.by_id) == {r.id: r for r in reports} and len(catalog.by_id) == len(reports)
    assert max(catalog.by_id) + 1 not in catalog.by_id and catalog.by_id.get(-1) is None
    for agency in {r.agency for r in reports}:
        own = sorted((r for r in reports if r.agency == agency), key=lambda r: r.year or 0)
        assert catalog.of([agency]) == own
        assert catalog.years_of(agency) == sorted({r.year for r in own if r.year})
        for year in catalog.years_of(agency):
            assert catalog.of_year([agency], year) == [r for r in own if r.year == year]
    assert catalog.years == tuple(sorted({r.year for r in reports if r.year}))
    assert catalog.agencies == tuple(sorted({r.agency for r in reports}))
    assert catalog.some_agencies(2) == (catalog.agencies[:2], len(catalog.agencies))
    for agency in {r.agency for r in reports}:
        assert catalog.series_of(agency) == sum(r.agency == agency for r in reports)
    assert catalog.newest(1)[0].year == max(catalog.years)
    from knowledge.names.agencies import group_key

    places = tuple(sorted({group_key(r.agency) for r in reports}))
    assert catalog.some_places(2) == (places[:2], len(places)) and catalog.some_places(99) == (places, len(places))
    latest = {}
    for r in reports:  # by agency, then year: the last one kept is the latest
        if r.agency not in latest or (r.year or 0) > (latest[r.agency].year or 0):
            latest[r.agency] = r
    assert catalog.report_ids(None, None) == {a: r.id for a, r in latest.items()}
    some = sorted(latest)[:2]
    assert catalog.report_ids(some, None) == {a: latest[a].id for a in some}
    for year in catalog.years:
        assert catalog.report_ids(None, year) == {r.agency: r.id for r in reports if r.year == year}


_HELD_BY_ANSWERING = """
import gc, json, sys, tracemalloc
from knowledge import Store, ask, warm_up
from knowledge.understand.context import context_of
warm_up()
store = Store(sys.argv[1])
questions = json.loads(sys.argv[2])
gc.collect()
tracemalloc.start()
before = tracemalloc.get_traced_memory()[0]
context_of(store)
for q in questions:
    ask(store, q)
store._fact_cache.clear()
gc.collect()
print(tracemalloc.get_traced_memory()[0] - before)
"""


def test_what_answering_holds_does_not_grow_with_the_corpus(tmp_path):
    """The report list, agency aliases and speller words live in SQLite: after the same questions,
    a process answering from 600 reports (~110 agencies) holds no more Python memory than one
    answering from 20 (an in-memory alias index alone held ~3.4 KB per agency)."""
    from bot.bench.run import _write_corpus
    from knowledge import Store, load_paths

    held = []
    for n in (20, 600):
        folder = tmp_path / f"c{n}"
        folder.mkdir()
        asked, _source = _write_corpus(folder, n, 11, "txt", 40)
        store = Store(tmp_path / f"c{n}.db")
        assert not load_paths(store, [folder]).failed
        agencies = store.db.execute("SELECT count(DISTINCT agency) FROM reports").fetchone()[0]
        store.close()
        questions = json.dumps([q.question for q in asked[:3]], ensure_ascii=False)
        out = subprocess.run([sys.executable, "-c", _HELD_BY_ANSWERING, str(tmp_path / f"c{n}.db"), questions],
                             capture_output=True, text=True, check=True)
        held.append((agencies, int(out.stdout.split()[-1])))
    (few, small), (many, large) = held
    assert many - few >= 80, held
    assert large - small < 40 * 1024, f"{(large - small) / (many - few):.0f} bytes held per added agency: {held}"


def test_a_writer_keeps_a_bounded_number_of_label_ids(tmp_path, monkeypatch):
    """Real reports' prose labels are mostly their own: a writer looks ids up by the unique index
    beyond ID_CACHE, and writes the same rows as one that keeps them all."""
    from knowledge import Store, load_paths
    from knowledge.store import shared_rows
    from tests.conftest import distinct_copies

    folder = tmp_path / "reports"
    distinct_copies(folder, 5)
    dumps = []
    for cache in (100000, 4):
        monkeypatch.setattr(shared_rows, "ID_CACHE", cache)
        store = Store(tmp_path / f"c{cache}.db")
        assert not load_paths(store, [folder]).failed
        assert len(store._shared.labels) <= cache and len(store._shared.headings) <= cache
        dumps.append([store.db.execute(f"SELECT * FROM {table} ORDER BY 1").fetchall()
                      for table in ("labels", "headings", "fact_rows")])
        store.close()
    assert dumps[0] == dumps[1]
    assert len(dumps[0][0]) > 8, "more labels than the small cache holds"


def test_a_load_counts_every_file_but_keeps_few_names(tmp_path, monkeypatch):
    from knowledge import Store, load_paths
    from knowledge.ingest import loading
    from tests.conftest import distinct_copies

    monkeypatch.setattr(loading, "NAMES_KEPT", 2)
    folder = tmp_path / "reports"
    distinct_copies(folder, 5)
    store = Store(tmp_path / "t.db")
    first = load_paths(store, [folder])
    assert (first.n_loaded, len(first.loaded), first.n_unchanged) == (5, 2, 0)
    again = load_paths(store, [folder])
    assert (again.n_loaded, again.n_unchanged, len(again.unchanged)) == (0, 5, 2)
    store.close()
