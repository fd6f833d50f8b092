"""Imported by each parser worker before its first file (or once by the fork server it forks from):
loads the loaders, the fact extractor and jieba once, so every worker starts warm."""
from __future__ import annotations

import knowledge.ingest.parse  # noqa: F401 - the parser modules
import loaders.docx  # noqa: F401 - the readers loaders imports on first use
import loaders.html  # noqa: F401
import loaders.pdf  # noqa: F401
from knowledge.text.tokenize import warm_up

warm_up()
