"""What understanding a question reads besides its words: the loaded reports, the agency index and
the speller — SQLite look-ups with bounded caches, so their size does not grow with the corpus."""
from __future__ import annotations

import gc
from dataclasses import dataclass

from knowledge.names.agencies import ORG_SUFFIXES
from knowledge.names.places import gazetteer
from knowledge.store.catalog import Catalog
from knowledge.store.store import Store
from knowledge.text.tokenize import template_words, vocabulary
from knowledge.understand.agency_index import AgencyIndex
from knowledge.understand.speller import Speller


@dataclass(frozen=True)
class Context:
    """The store's report catalog, agency index and speller."""

    catalog: Catalog
    index: AgencyIndex
    speller: Speller


def context_of(store: Store) -> Context:
    """The store's context, built once and kept in its cache until the store notices a load."""
    cached = store.cache.get("index")
    if cached is None:
        reports = store.catalog()
        places = gazetteer() if reports else None
        index = AgencyIndex(gazetteer=places, db=store.db.conn)
        words = vocabulary() | template_words() | set(ORG_SUFFIXES)
        speller = Speller.of(words, keep=(lambda t: bool(places.lookup(t))) if places else None, more=index)
        cached = Context(reports, index, speller)
        store.cache["index"] = cached
        gc.freeze()  # what the index holds lives as long as the process: keep it out of GC passes
    return cached
