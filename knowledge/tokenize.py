"""分词：jieba 加领域词典；问题和事实用同一个函数切分并归到规范词。"""
from __future__ import annotations

import logging
import re
from functools import lru_cache
from importlib import resources

from knowledge.normalize import normalize_text
from knowledge.synonyms import canonical, domain_words

_NOISE = re.compile(r"[\s\d.%％,，。、；;:：!！?？()（）\[\]【】“”\"'‘’「」《》〈〉<>/|›\-—_*#·]+")


@lru_cache(maxsize=1)
def _jieba():  # noqa: ANN202 - jieba has no types
    """jieba with the domain dictionary loaded, initialised once per process."""
    import jieba

    jieba.setLogLevel(logging.WARNING)
    dictionary = resources.files("knowledge") / "data" / "domain_dict.txt"
    with resources.as_file(dictionary) as path:
        jieba.load_userdict(str(path))
    for word in domain_words():
        jieba.add_word(word, freq=20000)
    jieba.initialize()
    return jieba


def warm_up() -> None:
    """Load jieba and the domain dictionary now rather than on the first question."""
    _jieba()


def pos_tags(text: str) -> list[tuple[str, str]]:
    """(word, part of speech) pairs from jieba's tagger, on the same dictionary as `words`."""
    import jieba.posseg

    _jieba()
    return [(w.word, w.flag) for w in jieba.posseg.cut(text)]


def words(text: str) -> list[str]:
    """jieba tokens of `text` (normalised), without whitespace, digits and punctuation."""
    text = normalize_text(text)
    return [w for w in _jieba().lcut(_NOISE.sub(" ", text), HMM=False) if w.strip()]


@lru_cache(maxsize=65536)
def canonical_tokens(text: str) -> tuple[str, ...]:
    """Canonical content tokens of `text`: jieba words mapped through the synonym table,
    stopwords dropped, order kept, duplicates removed."""
    out: list[str] = []
    for w in words(text):
        for c in canonical(w):
            if c not in out:
                out.append(c)
    return tuple(out)
