"""分词：jieba 加领域词典；问题和事实用同一个函数切分并归到规范词。"""
from __future__ import annotations

import logging
import re
from functools import lru_cache
from importlib import resources

from knowledge.text.normalize import normalize_text
from knowledge.text.synonyms import canonical, domain_words

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
    for word in lexicon_words():
        jieba.add_word(word, freq=20000)
    jieba.initialize()
    return jieba


def warm_up() -> None:
    """Load now rather than on the first question: jieba with the domain dictionary and its
    part-of-speech tagger, the traditional-to-simplified tables, the concept lexicon, the
    gazetteer and the pinyin tables."""
    _jieba()
    pos_tags("晋江市2024年主动公开政府信息")
    normalize_text("晉江")  # zhconv's conversion tables
    from knowledge.text.lexicon import find
    from knowledge.names.places import gazetteer, pinyin_syllables

    find("行政处罚")
    gazetteer()
    pinyin_syllables("晋江")


def lexicon_words() -> list[str]:
    """Short official names of the lexicon's prose measures (微博, 公众号, 新增粉丝), kept whole by jieba
    (table labels keep their old segmentation: 本年废止件数 must still share 废止 with a question)."""
    from knowledge.text.lexicon import concepts

    return sorted({n for c in concepts() if c.kind == "measure" for n in c.official
                   if 2 <= len(n) <= 4 and not any(ch.isdigit() for ch in n)})


def is_dictionary_word(text: str) -> bool:
    """True when jieba's dictionary (with the domain words) knows `text` as a word."""
    return _jieba().dt.FREQ.get(text, 0) > 0


def vocabulary() -> set[str]:
    """The domain words the typo speller corrects towards (domain dictionary and synonyms)."""
    dictionary = resources.files("knowledge") / "data" / "domain_dict.txt"
    words = {line.split()[0] for line in dictionary.read_text(encoding="utf-8").splitlines() if line.strip()}
    return words | set(domain_words())


@lru_cache(maxsize=1)
def template_words() -> frozenset[str]:
    """jieba words of every standard 表二/表三/表四 row and column label (予以公开, 废止, 处罚…)."""
    from knowledge.facts import table_templates as t

    labels = [*t.TABLE3_TOP, *t.TABLE3_GROUPS, *(i for items in t.TABLE3_ITEMS.values() for i in items),
              *(c for col in t.TABLE3_COLS for c in col), *t.TABLE4_RESULTS, *(b for bl in t.TABLE4_BLOCKS for b in bl),
              *t.TABLE2_HEADERS, "规章", "行政规范性文件", "行政许可", "行政处罚", "行政强制", "行政事业性收费",
              "其他对外管理服务事项", "政府集中采购"]
    return frozenset(w for label in labels for w in words(label) if len(w) >= 2)


@lru_cache(maxsize=1)
def _tagger():  # noqa: ANN202 - jieba has no types
    """jieba's part-of-speech tagger, its word → tag table rebuilt on the segmenter's own word
    strings with one string per tag: the table jieba reads holds a second copy of all 349,000
    words and a string per tag (~15 MB)."""
    import jieba.posseg

    freq = _jieba().dt.FREQ
    table = jieba.posseg.dt.word_tag_tab
    tags: dict[str, str] = {}
    compact = {w: tags.setdefault(t, t) for w in freq if (t := table.get(w)) is not None}
    compact.update((w, tags.setdefault(t, t)) for w, t in table.items() if w not in compact)
    jieba.posseg.dt.word_tag_tab = compact
    return jieba.posseg


def pos_tags(text: str) -> list[tuple[str, str]]:
    """(word, part of speech) pairs from jieba's tagger, on the same dictionary as `words`."""
    return [(w.word, w.flag) for w in _tagger().cut(text)]


def words(text: str) -> list[str]:
    """jieba tokens of `text` (normalised), without whitespace, digits and punctuation."""
    text = normalize_text(text)
    return [w for w in _jieba().lcut(_NOISE.sub(" ", text), HMM=False) if w.strip()]


@lru_cache(maxsize=8192)
def canonical_tokens(text: str) -> tuple[str, ...]:
    """Canonical content tokens of `text`: jieba words mapped through the synonym table,
    stopwords dropped, order kept, duplicates removed."""
    out: list[str] = []
    for w in words(text):
        for c in canonical(w):
            if c not in out:
                out.append(c)
    return tuple(out)
