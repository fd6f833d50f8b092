"""Imported before parser workers start (in this process before a fork, or in the fork server):
loads the loaders, the fact extractor and jieba once, so every worker starts warm."""
from __future__ import annotations

import knowledge.loading  # noqa: F401 - the parser modules
from knowledge.tokenize import warm_up

warm_up()
