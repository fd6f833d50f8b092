"""知识层：存储报告事实并回答问题。front-ends import only from here.

    store = open_store(path)            # or Store(path) for an empty database
    load_paths(store, ["reports/"])     # LoadResult(loaded, unchanged, failed)
    answer = ask(store, "2024年晋江依申请公开多少件")
"""
from knowledge.ask import ask
from knowledge.errors import LoaderError, ReportbotError, StoreError
from knowledge.ingest.loading import LoadResult, bundled_corpus, default_db_path, load_paths, open_store
from knowledge.model import SEP, Answer, Fact, FoundFact, Reading, ReportInfo
from knowledge.store.store import Store
from knowledge.text.tokenize import warm_up

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
]
