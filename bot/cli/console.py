"""`reportbot chat` 的对话状态：追问沿用上一问的理解；歧义答案列出编号后，输入「3」或「第3个」即选第 3 项。"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from bot.render.reply import render_text
from knowledge import Answer, FoundFact, Reading, Store, ask
from knowledge import answer_for_fid

_PICK = re.compile(r"第?\s*(\d{1,3})\s*[个项条]?\s*[.。]?")
_PICK_HAN = re.compile(r"第([一二三四五六七八九十])\s*[个项条]?\s*[.。]?")
_HAN_DIGITS = "一二三四五六七八九十"


def picked_number(line: str) -> int | None:
    """「3」「３」「第3个」「第三个」 → 3; anything else (a question) → None."""
    text = unicodedata.normalize("NFKC", line).strip()
    if m := _PICK.fullmatch(text):
        return int(m.group(1))
    if m := _PICK_HAN.fullmatch(text):
        return _HAN_DIGITS.index(m.group(1)) + 1
    return None


@dataclass
class Console:
    """One console conversation: the reading follow-ups build on and the candidates on offer."""

    store: Store
    previous: Reading | None = None
    """How the last question was understood (chat replies leave it as it was)."""
    choices: tuple[FoundFact, ...] = field(default_factory=tuple)
    """The numbered candidates of the last reply, when it was ambiguous."""

    def reply(self, line: str) -> str:
        """The console's reply to one line: a pick among the last candidates, or a question."""
        number = picked_number(line) if self.choices else None
        if number is None:
            return self._answer(ask(self.store, line, previous=self.previous))
        if not 1 <= number <= len(self.choices):
            valid = "1" if len(self.choices) == 1 else f"1–{len(self.choices)}"
            return f"没有第 {number} 项。可以输入 {valid} 选择上面列出的一项，或者直接提问。"
        picked = answer_for_fid(self.store, self.choices[number - 1].fact_id, self.previous)
        if picked is None:
            return "这个数字已不在当前的年报索引中，请重新提问。"
        return self._answer(picked)

    def _answer(self, answer: Answer) -> str:
        """Remember what follow-ups and picks need from `answer`, then render it."""
        if answer.intent != "chat":
            self.previous = answer.reading
            self.choices = answer.alternatives if answer.status == "ambiguous" else ()
        return render_text(answer)
