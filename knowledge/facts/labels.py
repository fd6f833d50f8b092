"""Labels for prose numbers: the words that say what a number counts.

Rule (per mention, inside one sentence):
1. *Before* = the text from the start of the clause (after ，,；;：:。！？ or an opening bracket) or
   from the end of the previous number+unit in the same clause, up to the number.  Cleaned:
   list markers (1. （1） ① 一是) and the fillers 其中/同时/此外/另外 are dropped at the start,
   approx words (超/近/约…) at the end, Markdown marks everywhere; 、 stays inside
   (「安全生产、应急管理类信息数」); words such as 累计/历年/全年/新增/2023年 stay.
2. *After* = the words right after the unit up to the clause end, the next opening bracket or
   the next number (then cut back to the last 、, so 「自然人80件、商业企业1件」 gives nothing):
   「共发布了40期安全生产信息简报」 → after = 安全生产信息简报.
3. Label = before + "…" + after when both say something, else the one that does.
4. Borrowing, when *before* has no content word (only 共/达/占/增加到/同比增长/…):
   - before is filler and after is empty: the label runs from where the previous number's
     label started (same or previous clause; else the previous clause's start) up to this
     number, so 「粉丝数从2698人增加到8671人」 → 8671 is labelled 「…粉丝数从2698人增加到」 and
     「…信息1822条，占53%」 → 53 is labelled 「…信息1822条，占」.
   - before is empty and after is empty: the previous number's label (the same thing in another
     unit: 「发布信息300次，1236条」), else the previous clause's text.
   - before is empty, after says something, previous number in the same clause: that number's
     before + after (「细化出3类22项推送类目」 → 22 is 「细化出…推送类目」).
Labels are cut to `MAX_LABEL` characters, keeping the end next to the number.
"""
from __future__ import annotations

import re

from knowledge.facts.units import APPROX_BEFORE, Mention

MAX_LABEL = 60
MAX_AFTER = 48
BOUNDARY = "，,；;：:。！？!?（(【["
_PAIRS = {"“": "”", "「": "」", "‘": "’", "《": "》", "（": "）", "(": ")", "【": "】"}
_EDGE = " 　\t，,；;：:、。.！？!?—-·…/\0"
_LEAD = re.compile(
    r"^(?:\d+\s*[.、．)）]|[（(]\s*[\d一二三四五六七八九十]+\s*[)）]|[①-⑳]"
    r"|[一二三四五六七八九十]+[是、)）]|其中|同时|此外|另外)\s*"
)
_TRAILING = ("共计", "合计", "总计", "以及", "共", "各", "及", "和", "与", "等")
"""Words dropped from the end of a label piece (「…诉求件共493件」, 「…目录及 10 个」)."""
_FILLER = sorted(
    """共 共计 合计 总计 累计 计 约 达 达到 到 至 占 为 是 有 的 了 从 由 对 同比 环比 增长 下降 增加 减少
    提升 上升 提高 降低 增 减 比 较 去年 上年 分别 其中 超 超过 近 逾 余 多 全年 全区 新增 另 以及 和 及
    并 等 均 各 突破 本年 本年度 年度 年 月 底 截至 累积 历年""".split(),
    key=len, reverse=True,
)
_FILLER_RE = re.compile("|".join(map(re.escape, _FILLER)))


def has_content(text: str) -> bool:
    """True when `text` holds a word other than fillers, years and punctuation."""
    rest = _FILLER_RE.sub("", re.sub(r"\d+", "", text))
    return bool(re.search(r"[\u4e00-\u9fffA-Za-z]", rest))


def _balance(text: str) -> str:
    """Drop quote/bracket marks whose partner is not in `text`."""
    for op, cl in _PAIRS.items():
        if text.count(op) != text.count(cl):
            text = text.replace(op, "").replace(cl, "")
    return text


def clean(text: str) -> str:
    """Tidy a label piece: Markdown marks, spacing, list markers, stray edge punctuation."""
    text = re.sub(r"\s+", " ", re.sub(r"[*#\0]", "", text)).strip()
    prev = None
    while prev != text:
        prev = text
        text = _LEAD.sub("", text.strip(_EDGE))
    return _balance(text).strip(_EDGE)


def _clause_start(sentence: str, pos: int) -> int:
    """Index just after the last clause boundary before `pos` (0 if none)."""
    return max(sentence.rfind(ch, 0, pos) for ch in BOUNDARY) + 1


def _strip_end(text: str, words: tuple[str, ...]) -> str:
    """`text` without any of `words` at its end (repeatedly)."""
    while text.endswith(words):
        text = clean(text[: -max(len(w) for w in words if text.endswith(w))])
    return text


def _before(sentence: str, start: int, num_start: int) -> str:
    """Cleaned words between `start` and a number, trailing approx words and 共/共计 dropped."""
    return _strip_end(clean(sentence[start:num_start]), APPROX_BEFORE + _TRAILING)


def _after(sentence: str, m: Mention, nxt: Mention | None) -> tuple[str, int]:
    """Words right after the unit that name what is counted ('' when none), and where they end.

    When the next number sits in the same clause the words stop at the last 、 before it
    (the rest is that number's own label), or at the number itself.
    """
    stops = [i for i in (sentence.find(ch, m.end) for ch in BOUNDARY) if i >= 0]
    end = min(stops, default=len(sentence))
    if nxt is not None and nxt.start < end:
        cut = sentence.rfind("、", m.end, nxt.start)
        end = cut if cut >= 0 else nxt.start
    text = _strip_end(clean(sentence[m.end:end])[:MAX_AFTER], _TRAILING)
    return (text, end) if has_content(text) else ("", m.end)


def _join(before: str, after: str) -> str:
    return f"{before}…{after}" if before and after else before or after


def _cut(label: str) -> str:
    """Keep at most MAX_LABEL characters, cutting at a clause boundary where possible."""
    if len(label) <= MAX_LABEL:
        return label
    tail = label[-MAX_LABEL:]
    cut = max(tail.find(ch) for ch in "，,；;：:")
    return clean(tail[cut + 1:] if cut >= 0 else tail)


def labels(sentence: str, mentions: list[Mention]) -> list[str]:
    """One label per mention (see the module docstring for the rule)."""
    out: list[str] = []
    anchors: list[int] = []
    befores: list[str] = []
    after_end = 0
    for i, m in enumerate(mentions):
        prev = mentions[i - 1] if i else None
        nxt = mentions[i + 1] if i + 1 < len(mentions) else None
        cstart = _clause_start(sentence, m.start)
        same = prev is not None and prev.end > cstart
        anchor = max(after_end, prev.end) if same and prev is not None else cstart
        raw = clean(sentence[anchor:m.start])
        before = _before(sentence, anchor, m.start)
        after, after_end = _after(sentence, m, nxt)
        label = _join(before, after)
        if not has_content(before):
            pstart = _clause_start(sentence, cstart - 1) if cstart else cstart
            near = prev is not None and (same or prev.start >= pstart)
            if raw and not after:
                anchor = anchors[-1] if near else pstart
                label = clean(sentence[anchor:m.start])
            elif not raw and not after:
                if near:
                    anchor, label = anchors[-1], out[-1]
                else:
                    anchor, label = pstart, clean(sentence[pstart:cstart])
            elif not raw and same:
                anchor, before = anchors[-1], befores[-1]
                label = _join(before, after)
        out.append(_cut(label))
        anchors.append(anchor)
        befores.append(before)
    return out
