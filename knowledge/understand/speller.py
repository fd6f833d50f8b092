"""同音错字纠正：按拼音比对问题里的字串与领域词表（正府 → 政府、申清 → 申请、灵原 → 灵源）。

Chinese input methods type by pronunciation, so the common typo is a homophone: the same
toneless pinyin, one character different. A span of the question is corrected only when it is
not itself a word jieba knows, it has a known word with the same pinyin and length that differs
in exactly one character, and that word is the only such one.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Protocol

from knowledge.names.places import pinyin_syllables

_CJK = re.compile(r"[\u4e00-\u9fff]+")
_LENGTHS = (4, 3, 2)


def _known_word(text: str) -> bool:
    from knowledge.text.tokenize import is_dictionary_word

    return is_dictionary_word(text)


class WordSource(Protocol):
    """More known words, looked up on demand (the loaded agencies' place words, in SQLite)."""

    def words_among(self, spans: Iterable[str]) -> set[str]: ...

    def sounding(self, sounds: Iterable[str]) -> dict[str, set[str]]: ...


@dataclass
class Speller:
    """Known words indexed by (length, pinyin); `correct` rewrites typos in a question."""

    words: set[str] = field(default_factory=set)
    by_sound: dict[str, list[str]] = field(default_factory=dict)
    keep: Callable[[str], bool] = lambda _text: False
    """Spans never corrected although unknown here: real place names (抚州 is no typo of 福州)."""
    more: WordSource | None = None
    """Known words besides `words`, asked for each question's spans (they grow with the corpus)."""

    @classmethod
    def of(cls, words: Iterable[str], keep: Callable[[str], bool] | None = None,
           more: WordSource | None = None) -> Speller:
        """A speller over `words` (Chinese words of two to four characters are used) and `more`."""
        speller = cls(keep=keep or (lambda _text: False), more=more)
        for w in words:
            if 2 <= len(w) <= 4 and _CJK.fullmatch(w) and w not in speller.words:
                speller.words.add(w)
                speller.by_sound.setdefault(" ".join(pinyin_syllables(w)), []).append(w)
        return speller

    def _known(self, text: str, more: set[str]) -> bool:
        return len(text) >= 2 and (text in self.words or text in more or _known_word(text))

    def _fix(self, span: str, sound: str, more: set[str], sounding: dict[str, set[str]]) -> str | None:
        cands = {w for w in (*self.by_sound.get(sound, ()), *sounding.get(sound, ()))
                 if w != span and sum(a != b for a, b in zip(w, span)) == 1}
        if len(cands) != 1 or self.keep(span):
            return None
        fixed = cands.pop()
        # 「洪泽区复议」: 洪泽区 is a word and 复 starts the next one, so 洪泽区复 is no typo of 洪泽区府
        if (fixed[-1] != span[-1] and self._known(span[:-1], more)) or \
                (fixed[0] != span[0] and self._known(span[1:], more)):
            return None
        return fixed

    def _more(self, chars: str, sounds: list[str]) -> tuple[set[str], dict[str, set[str]]]:
        """The `more` words among the spans of `chars`, and those sounding like them: two queries."""
        if self.more is None:
            return set(), {}
        spans = {(chars[i:i + n], " ".join(sounds[i:i + n])) for n in _LENGTHS for i in range(len(chars) - n + 1)}
        return self.more.words_among(s for s, _ in spans), self.more.sounding(k for _, k in spans)

    def correct(self, text: str) -> tuple[str, tuple[tuple[str, str], ...]]:
        """`text` with homophone typos replaced, and the (typed, corrected) pairs."""
        fixes: list[tuple[str, str]] = []
        out: list[str] = []
        last = 0
        for run in _CJK.finditer(text):
            chars = run.group(0)
            sounds = pinyin_syllables(chars)
            more, sounding = self._more(chars, sounds)
            i = 0
            pieces: list[str] = []
            while i < len(chars):
                for n in _LENGTHS:
                    span = chars[i:i + n]
                    if len(span) < n:
                        continue
                    if span in self.words or span in more:
                        pieces.append(span)
                        i += n
                        break
                    fixed = None if _known_word(span) else self._fix(span, " ".join(sounds[i:i + n]), more, sounding)
                    if fixed is not None:
                        fixes.append((span, fixed))
                        pieces.append(fixed)
                        i += n
                        break
                else:
                    pieces.append(chars[i])
                    i += 1
            out.append(text[last:run.start()] + "".join(pieces))
            last = run.end()
        out.append(text[last:])
        return "".join(out), tuple(fixes)
