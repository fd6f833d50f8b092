"""A small fake Telegram Bot API server on 127.0.0.1, for end-to-end tests of the bot.

It answers the methods the bot uses, records every call, lets tests inject updates, serves
uploaded files under /file/bot<token>/, and rejects with HTTP 400 what Telegram rejects: text
over 4096 characters, captions over 1024, unparsable HTML, callback data over 64 bytes, a photo
that is not an uploaded image.

    python -m tests.fake_bot_api --port 8081     # run by hand; see the README's Deploy section
"""
from __future__ import annotations

import argparse
import json
import sys
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from tests.fake_bot_checks import BadRequest, FakeDefect, check_call, check_result
from tests.fake_bot_state import FakeState


@dataclass
class Call:
    """One Bot API request as the server received it (nested JSON fields decoded)."""

    method: str
    params: dict[str, Any]
    token: str
    status: int = 200
    error: str = ""
    result: Any = None
    """What the server answered (e.g. the Message a sendMessage created)."""
    at: float = field(default_factory=time.monotonic)


@dataclass(frozen=True)
class UploadedFile:
    """A file part of a multipart request (sendPhoto's `photo`, sendDocument's `document`)."""

    filename: str
    data: bytes


NESTED = {"reply_markup", "results", "entities", "commands", "allowed_updates", "link_preview_options",
          "reply_parameters", "caption_entities", "scope", "button", "input_message_content"}


def decode_params(raw: dict[str, str]) -> dict[str, Any]:
    """Form values as Python: nested fields parsed from their JSON text."""
    out: dict[str, Any] = {}
    for key, value in raw.items():
        out[key] = json.loads(value) if key in NESTED and isinstance(value, str) else value
    return out


class _Handler(BaseHTTPRequestHandler):
    server: FakeBotApi  # type: ignore[assignment]

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - quiet
        return

    def _send(self, status: int, payload: Any, content_type: str = "application/json") -> None:
        body = payload if isinstance(payload, bytes) else json.dumps(payload, ensure_ascii=False).encode()
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:  # noqa: N802
        if self.path.startswith("/file/bot"):
            _token, _, file_path = self.path[len("/file/bot"):].partition("/")
            data = self.server.state.file_bytes(file_path)
            if data is None:
                self._send(404, {"ok": False, "error_code": 404, "description": "Not Found"})
            else:
                self._send(200, data, "application/octet-stream")
            return
        self._dispatch({})

    def do_POST(self) -> None:  # noqa: N802
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length)
        ctype = self.headers.get("Content-Type", "")
        self._dispatch(parse_body(body, ctype))

    def _dispatch(self, raw: dict[str, str]) -> None:
        prefix, _, rest = self.path.partition("/bot")
        token, _, method = rest.partition("/")
        method = method.split("?")[0]
        params = decode_params(raw)
        call = Call(method=method, params=params, token=token)
        if method == "getUpdates":
            self.server.record(call)  # at arrival: a long poll is answered only when updates come
        try:
            if prefix or not token or (self.server.token and token != self.server.token):
                raise BadRequest("Unauthorized", 401)
            check_call(method, params)
            result = self.server.webhook_call(method, params)
            if result is None:
                result = self.server.state.handle(method, params)
            call.result = result
            check_result(method, result)
        except FakeDefect as exc:  # fail loudly: the test double itself is wrong
            call.status, call.error = 500, str(exc)
            self.server.record(call)
            self._send(500, {"ok": False, "error_code": 500, "description": str(exc)})
            return
        except BadRequest as exc:
            call.status, call.error = exc.code, exc.description
            if method != "getUpdates":
                self.server.record(call)
            self._send(exc.code, {"ok": False, "error_code": exc.code, "description": exc.description})
            return
        if method != "getUpdates":
            self.server.record(call)
        self._send(200, {"ok": True, "result": result})


def parse_body(body: bytes, content_type: str) -> dict[str, Any]:
    """Form-encoded, multipart or JSON request bodies as a flat dict of strings (uploaded files as
    UploadedFile: name and bytes)."""
    from urllib.parse import parse_qsl

    if content_type.startswith("application/json"):
        data = json.loads(body or b"{}")
        return {k: v if isinstance(v, str) else json.dumps(v) for k, v in data.items()}
    if content_type.startswith("multipart/form-data"):
        from email.parser import BytesParser
        from email.policy import HTTP

        msg = BytesParser(policy=HTTP).parsebytes(b"Content-Type: " + content_type.encode() + b"\r\n\r\n" + body)
        out = {}
        for part in msg.iter_parts():
            name = part.get_param("name", header="content-disposition")
            payload = part.get_payload(decode=True) or b""
            filename = part.get_filename()
            out[name] = payload.decode("utf-8", "replace") if filename is None else UploadedFile(filename, payload)
        return out
    return dict(parse_qsl(body.decode(), keep_blank_values=True))


class FakeBotApi(ThreadingHTTPServer):
    """The server; `state` holds chats, messages, files and the update queue."""

    daemon_threads = True

    def __init__(self, port: int = 0, token: str = "") -> None:
        super().__init__(("127.0.0.1", port), _Handler)
        self.token = token
        self.state = FakeState()
        self.calls: list[Call] = []
        self.webhook: dict[str, Any] = {}
        """The last setWebhook's parameters (url, secret_token, ...); empty when none is set."""
        self._cond = threading.Condition()
        self._thread: threading.Thread | None = None

    @property
    def port(self) -> int:
        return self.server_address[1]

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/bot"

    @property
    def base_file_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/file/bot"

    def handle_error(self, request: Any, client_address: Any) -> None:
        """Stay quiet when the bot hangs up a long poll (it does on shutdown)."""
        if not isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
            super().handle_error(request, client_address)

    def webhook_call(self, method: str, params: dict[str, Any]) -> Any:
        """set/delete/getWebhookInfo as Telegram does (getUpdates conflicts with a webhook); else None."""
        if method == "setWebhook":
            self.webhook = dict(params) if params.get("url") else {}
            return True
        if method == "deleteWebhook":
            self.webhook = {}
            return True
        if method == "getWebhookInfo":
            return {"url": self.webhook.get("url", ""), "has_custom_certificate": False, "pending_update_count": 0}
        if method == "getUpdates" and self.webhook:
            raise BadRequest("Conflict: can't use getUpdates method while webhook is active; "
                             "use deleteWebhook to delete the webhook first", 409)
        return None

    def record(self, call: Call) -> None:
        with self._cond:
            self.calls.append(call)
            self._cond.notify_all()

    def start(self) -> FakeBotApi:
        """Serve in a background thread."""
        self._thread = threading.Thread(target=self.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving and wake any held long poll."""
        self.state.close()
        self.shutdown()
        self.server_close()

    def calls_to(self, method: str, since: int = 0) -> list[Call]:
        """Recorded calls of one method, from index `since` on."""
        with self._cond:
            return [c for c in self.calls[since:] if c.method == method]

    def mark(self) -> int:
        """The current position in the call log (pass to wait_for as `since`)."""
        with self._cond:
            return len(self.calls)

    def wait_for(self, method: str | tuple[str, ...], pred: Any = None, since: int = 0, timeout: float = 15.0) -> Call:
        """The first call of `method` (or of one of several) after `since` matching pred(params);
        AssertionError on timeout."""
        methods = (method,) if isinstance(method, str) else method
        deadline = time.monotonic() + timeout
        with self._cond:
            while True:
                for c in self.calls[since:]:
                    if c.method in methods and (pred is None or pred(c.params)):
                        return c
                left = deadline - time.monotonic()
                if left <= 0:
                    seen = [(c.method, c.status, str(c.params.get("text", ""))[:80]) for c in self.calls[since:]]
                    raise AssertionError(f"no {method} call within {timeout}s; calls: {seen}")
                self._cond.wait(left)

    def defects(self) -> list[Call]:
        """Calls the fake answered with something PTB cannot read (its own bugs)."""
        with self._cond:
            return [c for c in self.calls if c.status >= 500]

    def errors(self) -> list[Call]:
        """Calls the server rejected."""
        with self._cond:
            return [c for c in self.calls if c.status != 200]


def main() -> None:
    """Run the fake server in the foreground and print what the bot calls."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--port", type=int, default=8081)
    ap.add_argument("--user", type=int, default=1001, help="user id of the scripted private chat")
    ap.add_argument("questions", nargs="*", default=["/start", "2024年晋江依申请公开多少件"],
                    help="messages to inject once the bot polls")
    args = ap.parse_args()
    server = FakeBotApi(args.port).start()
    print(f"fake Bot API on {server.base_url}  (TELEGRAM_API_BASE_URL={server.base_url})", flush=True)
    server.wait_for("getUpdates", timeout=3600)
    for text in args.questions:
        mark = server.mark()
        server.state.inject_message(text, user_id=args.user)
        reply = server.wait_for(("sendMessage", "sendPhoto"), since=mark, timeout=60)
        shown = reply.params.get("text") or f"[chart] {reply.params.get('caption', '')}"
        print(f"> {text}\n{shown}\n", flush=True)
    print("scripted messages answered; serving until Ctrl-C", flush=True)
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        server.stop()


if __name__ == "__main__":
    main()
