"""知识层：存储报告事实并回答问题。front-ends import only from here.

    store = open_store(path)            # or Store(path) for an empty database
    load_paths(store, ["reports/"])     # LoadResult(loaded, unchanged, failed)
    answer = ask(store, "2024年晋江依申请公开多少件")

The stages live in subpackages (names, text, facts, store, ingest, understand, answer, analysis;
knowledge.ask runs them). What the front-ends need beyond answering (checks, calibration, the
question log, file discovery, the cluster pool) is named below and imported on first use, so
`reportbot ask` loads no more than answering needs.
"""
from importlib import import_module
from typing import TYPE_CHECKING, Any

from knowledge.ask import ask
from knowledge.errors import LoaderError, ReportbotError, StoreError
from knowledge.ingest.loading import LoadResult, bundled_corpus, default_db_path, load_paths, open_store
from knowledge.model import SEP, Answer, Fact, FoundFact, Reading, ReportInfo
from knowledge.store.store import Store
from knowledge.text.tokenize import warm_up

_LAZY = {
    # name here: (module, name there)
    "rebuild": ("knowledge.ingest.loading", "rebuild"),
    "prepare_report": ("knowledge.ingest.parse", "prepare"),
    "expand_paths": ("knowledge.ingest.report_files", "expand"),
    "iter_files": ("knowledge.ingest.report_files", "iter_files"),
    "ClusterPool": ("knowledge.ingest.cluster", "ClusterPool"),
    "Catalog": ("knowledge.store.catalog", "Catalog"),
    "Stats": ("knowledge.store.question_log", "Stats"),
    "question_stats": ("knowledge.store.question_log", "stats"),
    "log_question": ("knowledge.store.question_log", "log_question"),
    "add_feedback": ("knowledge.store.question_log", "add_feedback"),
    "export_activity": ("knowledge.store.question_log", "export_activity"),
    "import_activity": ("knowledge.store.question_log", "import_activity"),
    "answer_for_fid": ("knowledge.answer.share", "answer_for_fid"),
    "example_questions": ("knowledge.answer.chat", "example_questions"),
    "CalibrationRecord": ("knowledge.answer.calibrate", "Record"),
    "fit_limits": ("knowledge.answer.calibrate", "fit"),
    "write_limits": ("knowledge.answer.calibrate", "write"),
    "ReportCheck": ("knowledge.analysis.checks", "ReportCheck"),
    "check_file": ("knowledge.analysis.checks", "check_file"),
    "check_store": ("knowledge.analysis.checks", "check_store"),
    "RuleCheck": ("knowledge.facts.rules", "RuleCheck"),
}

if TYPE_CHECKING:
    from knowledge.analysis.checks import ReportCheck, check_file, check_store
    from knowledge.answer.calibrate import Record as CalibrationRecord
    from knowledge.answer.calibrate import fit as fit_limits
    from knowledge.answer.calibrate import write as write_limits
    from knowledge.answer.chat import example_questions
    from knowledge.answer.share import answer_for_fid
    from knowledge.facts.rules import RuleCheck
    from knowledge.ingest.cluster import ClusterPool
    from knowledge.ingest.loading import rebuild
    from knowledge.ingest.parse import prepare as prepare_report
    from knowledge.ingest.report_files import expand as expand_paths
    from knowledge.ingest.report_files import iter_files
    from knowledge.store.catalog import Catalog
    from knowledge.store.question_log import Stats, add_feedback, export_activity, import_activity, log_question
    from knowledge.store.question_log import stats as question_stats


def __getattr__(name: str) -> Any:
    """Import a front-end helper on first use (PEP 562)."""
    if name not in _LAZY:
        raise AttributeError(f"module 'knowledge' has no attribute {name!r}")
    module, attr = _LAZY[name]
    value = getattr(import_module(module), attr)
    globals()[name] = value
    return value


__all__ = [
    "SEP",
    "Answer",
    "Fact",
    "FoundFact",
    "LoadResult",
    "LoaderError",
    "Reading",
    "ReportInfo",
    "ReportbotError",
    "Store",
    "StoreError",
    "ask",
    "bundled_corpus",
    "default_db_path",
    "load_paths",
    "open_store",
    "warm_up",
    *_LAZY,
]
