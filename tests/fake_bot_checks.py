"""What the fake Bot API rejects, as Telegram does: long text or captions, bad HTML, long callback
data, photos that are not images."""
from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Any

MAX_TEXT = 4096
MAX_CAPTION = 1024
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
MAX_CALLBACK_BYTES = 64
ALLOWED_TAGS = {"b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "span", "tg-spoiler", "a",
                "code", "pre", "blockquote", "tg-emoji"}
_ENTITY = re.compile(r"&(lt|gt|amp|quot|#\d+|#x[0-9a-fA-F]+);")
_TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9-]*(\s[^<>]*)?>")
_COMMAND = re.compile(r"^[a-z0-9_]{1,32}$")


class BadRequest(Exception):
    """A request Telegram would refuse; becomes an HTTP error with Telegram's error JSON."""

    def __init__(self, description: str, code: int = 400) -> None:
        super().__init__(description)
        self.description = description if code != 400 else "Bad Request: " + description
        self.code = code


class _TagChecker(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag not in ALLOWED_TAGS:
            raise BadRequest(f"can't parse entities: unsupported start tag \"{tag}\"")
        self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            raise BadRequest(f"can't parse entities: can't find end tag corresponding to start tag \"{tag}\"")
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def html_text(markup: str) -> str:
    """The text Telegram would show for `markup` in HTML parse mode; BadRequest if unparsable."""
    pos = 0
    while (i := markup.find("<", pos)) != -1:
        m = _TAG.match(markup, i)
        if not m:
            raise BadRequest(f"can't parse entities: unsupported start tag at byte offset {i}")
        pos = m.end()
    pos = 0
    while (i := markup.find("&", pos)) != -1:
        if not _ENTITY.match(markup, i):
            raise BadRequest(f"can't parse entities: unsupported entity at byte offset {i}")
        pos = i + 1
    checker = _TagChecker()
    checker.feed(markup)
    checker.close()
    if checker.stack:
        raise BadRequest(f"can't parse entities: can't find end tag corresponding to start tag \"{checker.stack[-1]}\"")
    return "".join(checker.text)


def utf16_len(text: str) -> int:
    """Length as Telegram counts it (UTF-16 code units)."""
    return len(text.encode("utf-16-le")) // 2


def check_text(text: Any, parse_mode: Any, field_name: str = "message text") -> None:
    """Reject empty, unparsable or over-long message text."""
    if not isinstance(text, str) or not text.strip():
        raise BadRequest(f"{field_name} is empty")
    shown = html_text(text) if str(parse_mode or "").upper() == "HTML" else text
    if utf16_len(shown) > MAX_TEXT:
        raise BadRequest(f"{field_name} is too long")


def check_caption(caption: Any, parse_mode: Any) -> None:
    """Reject an unparsable caption or one over 1024 characters shown (an absent one is fine)."""
    if caption is None or caption == "":
        return
    shown = html_text(caption) if str(parse_mode or "").upper() == "HTML" else caption
    if utf16_len(shown) > MAX_CAPTION:
        raise BadRequest("message caption is too long")


def png_size(data: Any) -> tuple[int, int]:
    """(width, height) of an uploaded PNG; BadRequest for anything else (Telegram cannot process it)."""
    raw = getattr(data, "data", None)
    if not isinstance(raw, bytes) or not raw.startswith(PNG_SIGNATURE) or raw[12:16] != b"IHDR":
        raise BadRequest("IMAGE_PROCESS_FAILED")
    return int.from_bytes(raw[16:20], "big"), int.from_bytes(raw[20:24], "big")


def check_markup(markup: Any) -> None:
    """Reject inline keyboards with bad callback data or buttons without an action."""
    if not markup:
        return
    for row in markup.get("inline_keyboard", []):
        for button in row:
            if not button.get("text"):
                raise BadRequest("text buttons are unallowed in the inline keyboard")
            data = button.get("callback_data")
            if data is not None and not 1 <= len(data.encode()) <= MAX_CALLBACK_BYTES:
                raise BadRequest("BUTTON_DATA_INVALID")
            actions = [k for k in button if k not in ("text", "style")]
            if len(actions) != 1:
                raise BadRequest("can't parse inline keyboard button: exactly one action required")


def check_call(method: str, p: dict[str, Any]) -> None:
    """Validate one Bot API call's parameters as Telegram would."""
    if method in ("sendMessage", "editMessageText"):
        check_text(p.get("text"), p.get("parse_mode"))
    if method == "sendPhoto":
        png_size(p.get("photo"))
        check_caption(p.get("caption"), p.get("parse_mode"))
    if method in ("sendMessage", "editMessageText", "editMessageReplyMarkup", "sendDocument", "sendPhoto"):
        check_markup(p.get("reply_markup"))
    if method == "answerInlineQuery":
        results = p.get("results") or []
        if len(results) > 50:
            raise BadRequest("RESULTS_TOO_MUCH")
        for r in results:
            if not 1 <= len(str(r.get("id", "")).encode()) <= 64:
                raise BadRequest("RESULT_ID_INVALID")
            content = r.get("input_message_content") or {}
            check_text(content.get("message_text"), content.get("parse_mode"))
            check_markup(r.get("reply_markup"))
    if method == "setMyCommands":
        for c in p.get("commands") or []:
            if not _COMMAND.match(c.get("command", "")) or not 1 <= len(c.get("description", "")) <= 256:
                raise BadRequest("BOT_COMMAND_INVALID")
    if method == "answerCallbackQuery" and len(p.get("text") or "") > 200:
        raise BadRequest("MESSAGE_TOO_LONG")


RESULT_TYPES = {"getMe": "User", "sendMessage": "Message", "sendPhoto": "Message", "editMessageText": "Message",
                "editMessageReplyMarkup": "Message", "getFile": "File", "getUpdates": "Update",
                "getWebhookInfo": "WebhookInfo"}
"""The PTB class each method's result is read as."""


class FakeDefect(Exception):
    """The fake itself answered what Telegram never would (a test-double bug): HTTP 500."""


def _empty_fields(obj: Any, path: str = "result") -> list[str]:
    """Fields holding None or {}: Telegram leaves such fields out instead."""
    found: list[str] = []
    if isinstance(obj, dict):
        for key, value in obj.items():
            if value is None or value == {}:
                found.append(f"{path}.{key}")
            else:
                found += _empty_fields(value, f"{path}.{key}")
    elif isinstance(obj, list):
        for i, value in enumerate(obj):
            found += _empty_fields(value, f"{path}[{i}]")
    return found


def check_result(method: str, result: Any) -> None:
    """Round-trip `result` through the PTB class the bot reads it as; FakeDefect if it cannot."""
    import telegram

    name = RESULT_TYPES.get(method)
    if name is None or (result is True and method.startswith("edit")):  # inline message edits: True
        return
    empty = _empty_fields(result)
    if empty:
        raise FakeDefect(f"fake Bot API bug: {method} answered empty fields {empty} (Telegram omits them)")
    for item in result if method == "getUpdates" else [result]:
        try:
            parsed = getattr(telegram, name).de_json(item, None)
        except Exception as exc:  # noqa: BLE001 - any failure is the fake's bug
            raise FakeDefect(f"fake Bot API bug: PTB cannot read the {method} result as {name}: {exc!r}") from exc
        if parsed is None:
            raise FakeDefect(f"fake Bot API bug: {method} result read as no {name}")
