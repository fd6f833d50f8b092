"""Webhook requests checked before PTB reads them: secret and size first (413 past MAX_BODY, body
unread), then JSON (400 for a malformed body, where PTB's own handler answers 500).

PTB builds its webhook server from `telegram.ext._utils.webhookhandler.TelegramHandler`; `install()`
puts CappedTelegramHandler in its place (call it before run_webhook / Updater.start_webhook).
Imported only in webhook mode: it needs tornado (python-telegram-bot[webhooks]).
"""
from __future__ import annotations

import json
from http import HTTPStatus

import tornado.web
from telegram.ext._utils import webhookhandler as ptb_webhook  # private, pinned by the tests

MAX_BODY = 1024 * 1024
"""Telegram's updates are a few kB; anything past 1 MB is refused unread."""


@tornado.web.stream_request_body
class CappedTelegramHandler(ptb_webhook.TelegramHandler):
    """PTB's webhook handler with the checks above; the body is collected as it streams in."""

    def prepare(self) -> None:
        """Headers only: wrong secret or content type 403, declared size over MAX_BODY 413."""
        self._chunks: list[bytes] = []
        self._size = 0
        self._validate_post()
        declared = self.request.headers.get("Content-Length")
        if declared is not None and (not declared.isdigit() or int(declared) > MAX_BODY):
            raise tornado.web.HTTPError(HTTPStatus.REQUEST_ENTITY_TOO_LARGE if declared.isdigit()
                                        else HTTPStatus.BAD_REQUEST)
        self.request.connection.set_max_body_size(MAX_BODY)  # a chunked body is cut off too

    def data_received(self, chunk: bytes) -> None:
        """Collect the body (never more than MAX_BODY: see prepare)."""
        self._size += len(chunk)
        if self._size <= MAX_BODY:
            self._chunks.append(chunk)

    async def post(self) -> None:
        """Malformed JSON is the sender's error (400); a good body goes to PTB's handler."""
        if self._size > MAX_BODY:
            raise tornado.web.HTTPError(HTTPStatus.REQUEST_ENTITY_TOO_LARGE)
        self.request.body = b"".join(self._chunks)
        try:
            data = json.loads(self.request.body.decode("utf-8"))
        except (UnicodeDecodeError, ValueError) as exc:
            raise tornado.web.HTTPError(HTTPStatus.BAD_REQUEST, reason="Malformed JSON") from exc
        if not isinstance(data, dict):
            raise tornado.web.HTTPError(HTTPStatus.BAD_REQUEST, reason="An update is a JSON object")
        await super().post()


def install() -> None:
    """Make PTB's webhook server use CappedTelegramHandler."""
    ptb_webhook.TelegramHandler = CappedTelegramHandler  # type: ignore[misc]
