"""概念词表：把问题或事实标签里的说法认作表格的行、列、大栏或正文指标。

The data lives in ``knowledge/data/concepts.txt``, one concept a line:
``id | kind | official names | ways people say it``. `find` lists the phrases found in a text
(longest first, non-overlapping); `rewrite` swaps spoken phrases for the official name.
"""
from __future__ import annotations

import re
import string
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files

KINDS: frozenset[str] = frozenset({"row", "col", "block", "measure"})
"""The allowed concept kinds."""

GAP = "…"
"""In a phrase: up to `GAP_MAX` characters that are not punctuation, space, digits or 和与及或."""
GAP_MAX = 8

_ID = re.compile(r"[A-Za-z][A-Za-z0-9_]*\Z")
_STOP = r"\s\d" + re.escape(string.punctuation + "和与及或，。、；：？！…—–·“”‘’「」『』《》〈〉（）【】〔〕［］｛｝〖〗～")
_GAP_RE = f"[^{_STOP}]{{0,{GAP_MAX}}}?"
_FOLD = str.maketrans(string.ascii_uppercase, string.ascii_lowercase)


@dataclass(frozen=True)
class Concept:
    """One table row, column, 表四 block or prose measure, with the ways it is written and said."""

    id: str
    kind: str
    official: tuple[str, ...]
    spoken: tuple[str, ...]

    @property
    def name(self) -> str:
        """The canonical display name (the first official name)."""
        return self.official[0]


def _nfkc(phrase: str) -> str:
    return GAP.join(unicodedata.normalize("NFKC", part) for part in phrase.split(GAP))


def _names(field: str, lineno: int) -> tuple[str, ...]:
    names: list[str] = []
    for raw in field.split("、"):
        name = raw.strip().replace("...", GAP)
        if any(not part.strip() for part in name.split(GAP)) and name:
            raise ValueError(f"line {lineno}: {GAP} must sit between two words in {name!r}")
        if name and name not in names:
            names.append(name)
    return tuple(names)


def parse_lexicon(text: str) -> tuple[Concept, ...]:
    """Parse the concept file's text; a ValueError names the line of the first problem."""
    out: list[Concept] = []
    owner: dict[str, str] = {}
    for lineno, raw in enumerate(text.splitlines(), 1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        fields = [f.strip() for f in line.split("|")]
        if len(fields) != 4:
            raise ValueError(f"line {lineno}: expected 'id | kind | official | spoken', got {len(fields)} fields")
        cid, kind, official_field, spoken_field = fields
        if not _ID.match(cid):
            raise ValueError(f"line {lineno}: bad concept id {cid!r}")
        if any(c.id == cid for c in out):
            raise ValueError(f"line {lineno}: duplicate concept id {cid!r}")
        if kind not in KINDS:
            raise ValueError(f"line {lineno}: kind {kind!r} is not one of {sorted(KINDS)}")
        official = _names(official_field, lineno)
        if not official or any(GAP in name for name in official):
            raise ValueError(f"line {lineno}: {cid!r} needs official names, without {GAP}")
        spoken = tuple(s for s in _names(spoken_field, lineno) if s not in official)
        for phrase in official + spoken:
            key = _nfkc(phrase).translate(_FOLD)
            if owner.setdefault(key, cid) != cid:
                raise ValueError(f"line {lineno}: {phrase!r} already belongs to concept {owner[key]!r}")
        out.append(Concept(cid, kind, official, spoken))
    return tuple(out)


@lru_cache(maxsize=1)
def concepts() -> tuple[Concept, ...]:
    """Every concept in ``knowledge/data/concepts.txt``, parsed once."""
    text = (files("knowledge") / "data" / "concepts.txt").read_text(encoding="utf-8")
    try:
        return parse_lexicon(text)
    except ValueError as exc:
        raise ValueError(f"concepts.txt {exc}") from None


@lru_cache(maxsize=1)
def _by_id() -> dict[str, Concept]:
    return {c.id: c for c in concepts()}


def concept(concept_id: str) -> Concept:
    """The concept with this id (KeyError if there is none)."""
    return _by_id()[concept_id]


@dataclass(frozen=True)
class _Phrase:
    concept: Concept
    official: bool
    text: str  # the folded phrase; for a gap phrase only the pattern is used
    pattern: re.Pattern[str] | None


@lru_cache(maxsize=1)
def _index() -> dict[str, tuple[_Phrase, ...]]:
    """Phrases by their first (folded) character; NFKC forms are added so （七） meets (七)."""
    index: dict[str, list[_Phrase]] = {}
    for c in concepts():
        for official, names in ((True, c.official), (False, c.spoken)):
            for form in sorted({f.translate(_FOLD) for n in names for f in (n, _nfkc(n))}):
                parts = [f"({re.escape(part)})" for part in form.split(GAP)]
                pattern = re.compile(_GAP_RE.join(parts)) if len(parts) > 1 else None
                index.setdefault(form[0], []).append(_Phrase(c, official, form, pattern))
    return {k: tuple(v) for k, v in index.items()}


@dataclass(frozen=True)
class _Match:
    start: int
    end: int
    phrase: _Phrase
    gaps: tuple[tuple[int, int], ...]  # the spans a gap phrase's … stood for


def _swallows(m: _Match, official: list[tuple[int, int]]) -> bool:
    """Whether a gap of `m` runs into an official name (采购项目数量和采购总金额 is two things)."""
    return any(s < ge and gs < e for gs, ge in m.gaps if gs < ge for s, e in official)


@lru_cache(maxsize=8192)
def _matches(text: str) -> tuple[_Match, ...]:
    folded = text.translate(_FOLD)
    index = _index()
    found: list[_Match] = []
    for i, ch in enumerate(folded):
        for p in index.get(ch, ()):
            if p.pattern is None:
                if folded.startswith(p.text, i):
                    found.append(_Match(i, i + len(p.text), p, ()))
            elif m := p.pattern.match(folded, i):
                gaps = tuple((m.end(k), m.start(k + 1)) for k in range(1, m.lastindex or 1))
                found.append(_Match(i, m.end(), p, gaps))
    official = [(m.start, m.end) for m in found if m.phrase.official]
    found = [m for m in found if not _swallows(m, official)]
    # most literal characters first (a gap phrase's … counts for nothing: 「收到收费通知」 beats
    # 「申请…收到」 over 「申请是因为申请人收到」); on a tie the longer span, the earlier one, official
    # before spoken, the smaller gaps
    def gap(m: _Match) -> int:
        return sum(e - s for s, e in m.gaps)
    found.sort(key=lambda m: (m.start - m.end + gap(m), m.start - m.end, m.start, not m.phrase.official, gap(m)))
    taken = bytearray(len(text))
    chosen: list[_Match] = []
    for m in found:
        if not any(taken[m.start:m.end]):
            taken[m.start:m.end] = b"\x01" * (m.end - m.start)
            chosen.append(m)
    return tuple(sorted(chosen, key=lambda m: m.start))


def find(text: str) -> list[tuple[str, str, str]]:
    """(concept id, matched span, canonical official name) for each phrase in `text`, in text order.

    The longest match wins and matches do not overlap; a gap phrase (with …) matches across up to
    8 characters that are not punctuation, space, digits or 和与及或, and never across an official name.
    """
    return [(m.phrase.concept.id, text[m.start:m.end], m.phrase.concept.name) for m in _matches(text)]


def spans(text: str) -> tuple[tuple[str, int, int], ...]:
    """(concept id, start, end) of each phrase in `text`, in text order (the matches of find)."""
    return tuple((m.phrase.concept.id, m.start, m.end) for m in _matches(text))


def rewrite(text: str) -> tuple[str, tuple[tuple[str, str], ...]]:
    """`text` with each spoken phrase replaced by its official name, plus the (span, name) pairs.

    Official names are left as written. The characters a gap phrase's … stood for are kept, before
    the official name, so nothing typed between the words (a place, a count word) is lost.
    """
    pieces: list[str] = []
    pairs: list[tuple[str, str]] = []
    pos = 0
    for m in _matches(text):
        if m.phrase.official:
            continue
        name = m.phrase.concept.name
        pieces += [text[pos:m.start], *(text[s:e] for s, e in m.gaps), name]
        pairs.append((text[m.start:m.end], name))
        pos = m.end
    pieces.append(text[pos:])
    return "".join(pieces), tuple(pairs)


def concept_ids(text: str) -> tuple[str, ...]:
    """The ids of the concepts found in `text`, in text order, without duplicates."""
    return tuple(dict.fromkeys(m.phrase.concept.id for m in _matches(text)))
