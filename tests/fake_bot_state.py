"""The fake Bot API's state: the bot user, chats, sent messages, files and queued updates."""
from __future__ import annotations

import itertools
import re
import threading
import time
from typing import Any

from tests.fake_bot_checks import BadRequest, html_text, png_size

BOT_USER = {"id": 7000001, "is_bot": True, "first_name": "年报问答", "username": "reportbot_test_bot",
            "can_join_groups": True, "can_read_all_group_messages": False, "supports_inline_queries": True}
_MENTION = re.compile(r"@[A-Za-z0-9_]{5,32}")


def user(user_id: int) -> dict[str, Any]:
    """A human Telegram user."""
    return {"id": user_id, "is_bot": False, "first_name": f"用户{user_id}", "language_code": "zh-hans"}


def chat_for(user_id: int, chat_id: int | None, chat_type: str) -> dict[str, Any]:
    """A private chat with the user, or a group."""
    if chat_type == "private":
        return {"id": user_id, "type": "private", "first_name": f"用户{user_id}"}
    return {"id": chat_id or -100123, "type": chat_type, "title": "测试群"}


def entities_for(text: str) -> list[dict[str, Any]]:
    """bot_command at offset 0 for commands, mention entities for @names (UTF-16 offsets)."""
    out = []
    if text.startswith("/"):
        word = text.split()[0]
        out.append({"type": "bot_command", "offset": 0, "length": len(word.encode("utf-16-le")) // 2})
    for m in _MENTION.finditer(text):
        off = len(text[: m.start()].encode("utf-16-le")) // 2
        out.append({"type": "mention", "offset": off, "length": len(m.group().encode("utf-16-le")) // 2})
    return out


class FakeState:
    """Updates waiting for getUpdates, messages the bot sent, files it may download."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._updates: list[dict[str, Any]] = []
        self._update_ids = itertools.count(1)
        self._message_ids = itertools.count(1)
        self._file_ids = itertools.count(1)
        self.messages: dict[tuple[int, int], dict[str, Any]] = {}
        self.files: dict[str, tuple[str, bytes]] = {}
        self.closed = False

    def close(self) -> None:
        with self._cond:
            self.closed = True
            self._cond.notify_all()

    # -- injecting updates -----------------------------------------------------------------
    def push(self, kind: str, payload: dict[str, Any]) -> int:
        """Queue one update; returns its update_id."""
        with self._cond:
            uid = next(self._update_ids)
            self._updates.append({"update_id": uid, kind: payload})
            self._cond.notify_all()
            return uid

    def new_message(self, user_id: int, chat_type: str = "private", chat_id: int | None = None,
                    **extra: Any) -> dict[str, Any]:
        """A message from a user, registered so replies and callbacks can refer to it."""
        chat = chat_for(user_id, chat_id, chat_type)
        msg = {"message_id": next(self._message_ids), "date": int(time.time()), "chat": chat,
               "from": user(user_id), **extra}
        self.messages[(chat["id"], msg["message_id"])] = msg
        return msg

    def inject_message(self, text: str, user_id: int = 1001, chat_type: str = "private",
                       chat_id: int | None = None, reply_to: dict[str, Any] | None = None) -> dict[str, Any]:
        """A text message (commands and @mentions get their entities); returns the message."""
        extra: dict[str, Any] = {"text": text}
        if ents := entities_for(text):
            extra["entities"] = ents
        if reply_to is not None:
            extra["reply_to_message"] = reply_to
        msg = self.new_message(user_id, chat_type, chat_id, **extra)
        self.push("message", msg)
        return msg

    def inject_document(self, file_name: str, data: bytes, user_id: int = 1001,
                        mime_type: str = "text/plain") -> dict[str, Any]:
        """A document message whose file the bot can fetch with getFile."""
        file_id = f"doc{next(self._file_ids)}"
        self.files[file_id] = (f"documents/{file_id}_{len(data)}", data)
        doc = {"file_id": file_id, "file_unique_id": "u" + file_id, "file_name": file_name,
               "mime_type": mime_type, "file_size": len(data)}
        msg = self.new_message(user_id, document=doc)
        self.push("message", msg)
        return msg

    def inject_callback(self, data: str, message: dict[str, Any], user_id: int = 1001) -> int:
        """A tap on an inline button of `message` (a message the bot sent)."""
        cq = {"id": f"cq{next(self._update_ids)}", "from": user(user_id), "chat_instance": "ci1",
              "data": data, "message": message}
        return self.push("callback_query", cq)

    def inject_inline(self, query: str, user_id: int = 1001) -> int:
        """An inline query (@bot text) typed by a user."""
        iq = {"id": f"iq{next(self._update_ids)}", "from": user(user_id), "query": query, "offset": ""}
        return self.push("inline_query", iq)

    # -- serving ---------------------------------------------------------------------------
    def get_updates(self, offset: int, timeout: float) -> list[dict[str, Any]]:
        """Updates with update_id >= offset (earlier ones are confirmed and dropped), held up to timeout."""
        deadline = time.monotonic() + timeout
        with self._cond:
            self._updates = [u for u in self._updates if u["update_id"] >= offset]
            while not self._updates and not self.closed and (left := deadline - time.monotonic()) > 0:
                self._cond.wait(min(left, 0.5))
            return list(self._updates[:100])

    def file_bytes(self, file_path: str) -> bytes | None:
        for path, data in self.files.values():
            if path == file_path:
                return data
        return None

    def _bot_message(self, p: dict[str, Any]) -> dict[str, Any]:
        chat_id = int(p["chat_id"])
        chat = {"id": chat_id, "type": "private" if chat_id > 0 else "group"}
        msg = {"message_id": next(self._message_ids), "date": int(time.time()), "chat": chat,
               "from": BOT_USER, "text": p.get("text", "")}
        if p.get("reply_markup"):
            msg["reply_markup"] = p["reply_markup"]
        self.messages[(chat_id, msg["message_id"])] = msg
        return msg

    def _photo_message(self, p: dict[str, Any]) -> dict[str, Any]:
        """A sent photo as Telegram returns it: sizes of the image, the caption as shown (HTML parsed)."""
        chat_id = int(p["chat_id"])
        width, height = png_size(p["photo"])
        file_id = f"photo{next(self._file_ids)}"
        self.files[file_id] = (f"photos/{file_id}.png", p["photo"].data)
        sizes = []
        for scale, suffix in ((320, "s"), (800, "m"), (width, "x")):
            w = min(width, scale)
            sizes.append({"file_id": f"{file_id}{suffix}", "file_unique_id": f"u{file_id}{suffix}", "width": w,
                          "height": max(1, height * w // width), "file_size": len(p["photo"].data)})
        msg = {"message_id": next(self._message_ids), "date": int(time.time()),
               "chat": {"id": chat_id, "type": "private" if chat_id > 0 else "group"}, "from": BOT_USER,
               "photo": sizes}
        caption = p.get("caption")
        if caption:
            msg["caption"] = html_text(caption) if str(p.get("parse_mode") or "").upper() == "HTML" else caption
        if p.get("reply_markup"):
            msg["reply_markup"] = p["reply_markup"]
        self.messages[(chat_id, msg["message_id"])] = msg
        return msg

    def _edit(self, p: dict[str, Any]) -> dict[str, Any] | bool:
        if p.get("inline_message_id"):
            return True
        key = (int(p["chat_id"]), int(p["message_id"]))
        msg = self.messages.get(key)
        if msg is None:
            raise BadRequest("message to edit not found")
        if "text" in p:
            msg["text"] = p["text"]
        if p.get("reply_markup"):
            msg["reply_markup"] = p["reply_markup"]
        else:  # as Telegram does: a message without a keyboard has no reply_markup field
            msg.pop("reply_markup", None)
        return msg

    def handle(self, method: str, p: dict[str, Any]) -> Any:
        """The `result` of one (already validated) call."""
        if method == "getMe":
            return BOT_USER
        if method == "getUpdates":
            return self.get_updates(int(p.get("offset") or 0), float(p.get("timeout") or 0))
        if method == "sendMessage":
            return self._bot_message(p)
        if method == "sendPhoto":
            return self._photo_message(p)
        if method in ("editMessageText", "editMessageReplyMarkup"):
            return self._edit(p)
        if method == "getFile":
            if p.get("file_id") not in self.files:
                raise BadRequest("invalid file_id")
            path, data = self.files[p["file_id"]]
            return {"file_id": p["file_id"], "file_unique_id": "u" + p["file_id"], "file_size": len(data),
                    "file_path": path}
        if method in ("deleteWebhook", "setMyCommands", "answerCallbackQuery", "answerInlineQuery",
                      "sendChatAction", "setWebhook", "deleteMyCommands", "close", "logOut"):
            return True
        raise BadRequest("Not Found: method not found", 404)
