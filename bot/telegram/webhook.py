"""Webhook mode of `reportbot serve`: its settings, read from the environment and checked up front.

    REPORTBOT_WEBHOOK_URL     the public URL Telegram posts updates to (https; http only for a local
                              Bot API server or the test fake); its path is also the local path
    REPORTBOT_WEBHOOK_LISTEN  local address to listen on (default 127.0.0.1, behind a reverse proxy;
                              0.0.0.0 in a container)
    REPORTBOT_WEBHOOK_PORT    local port (default 8443)
    REPORTBOT_WEBHOOK_SECRET  the secret_token Telegram sends in X-Telegram-Bot-Api-Secret-Token
                              (default: a fresh random one each start; setWebhook is called anew)

Like bot.telegram.main, this module imports no `telegram` at import time.
"""
from __future__ import annotations

import re
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

ALLOWED_UPDATES = ["message", "callback_query", "inline_query"]
"""The update kinds the bot handles, in polling and webhook mode alike."""
DEFAULT_LISTEN = "127.0.0.1"
DEFAULT_PORT = 8443
SECRET_RE = re.compile(r"[A-Za-z0-9_-]{1,256}")
"""What Telegram accepts as a webhook secret_token."""
PATH_RE = re.compile(r"[A-Za-z0-9/_.~-]*")
TELEGRAM_PORTS = (443, 80, 88, 8443)
"""The only ports api.telegram.org posts webhooks to."""


class WebhookError(ValueError):
    """A webhook setting that cannot work; the message names the variable (for exit status 2)."""


@dataclass(frozen=True)
class WebhookConfig:
    """Where Telegram posts updates and where the bot listens for them."""

    url: str
    listen: str = DEFAULT_LISTEN
    port: int = DEFAULT_PORT
    secret: str = ""
    secret_generated: bool = False
    """True when REPORTBOT_WEBHOOK_SECRET was unset and `secret` is random."""

    @property
    def url_path(self) -> str:
        """The local path served: the URL's path ("/" when it has none)."""
        return urlsplit(self.url).path or "/"

    def describe(self) -> str:
        """One log line, without the secret."""
        return (f"webhook mode: listening on http://{self.listen}:{self.port}{self.url_path}, "
                f"Telegram posts to {self.url}" + (" (random secret token)" if self.secret_generated else ""))


def check_url(raw: str, official_api: bool = True) -> str:
    """An http(s) URL with a host and a plain path; WebhookError otherwise.

    For api.telegram.org (`official_api`) it must be https on a port Telegram posts to.
    """
    try:
        parts = urlsplit(raw)
        parts.port  # noqa: B018 - raises ValueError on a bad port
    except ValueError as exc:
        raise WebhookError(f"REPORTBOT_WEBHOOK_URL 不是有效的网址：{raw!r}（{exc}）") from exc
    if parts.scheme not in ("https", "http") or not parts.hostname:
        raise WebhookError(f"REPORTBOT_WEBHOOK_URL 应是 https:// 开头的完整网址，例如 "
                           f"https://bot.example.org/telegram，而不是 {raw!r}")
    if parts.fragment or not PATH_RE.fullmatch(parts.path):
        raise WebhookError(f"REPORTBOT_WEBHOOK_URL 的路径只能含字母、数字和 / _ . ~ -，且不带 #：{raw!r}")
    if official_api and parts.scheme != "https":
        raise WebhookError(f"REPORTBOT_WEBHOOK_URL 须是 https 网址（Telegram 只向 https 推送）：{raw!r}")
    if official_api and (parts.port or 443) not in TELEGRAM_PORTS:
        raise WebhookError(f"REPORTBOT_WEBHOOK_URL 的端口须是 443、80、88 或 8443（Telegram 只推送到这些端口）："
                           f"{raw!r}；本地端口另用 REPORTBOT_WEBHOOK_PORT 设置")
    return raw


def check_port(raw: str) -> int:
    """A TCP port 1–65535; WebhookError otherwise."""
    try:
        port = int(raw)
    except ValueError:
        port = 0
    if not 1 <= port <= 65535:
        raise WebhookError(f"REPORTBOT_WEBHOOK_PORT 应是 1–65535 的端口号：{raw!r}")
    return port


def webhook_config(env: Mapping[str, str]) -> WebhookConfig | None:
    """The webhook settings, or None (polling) when REPORTBOT_WEBHOOK_URL is unset or empty.

    With TELEGRAM_API_BASE_URL set (a local Bot API server, the test fake) http URLs and any port pass.
    """
    url = env.get("REPORTBOT_WEBHOOK_URL", "").strip()
    if not url:
        return None
    listen = env.get("REPORTBOT_WEBHOOK_LISTEN", "").strip() or DEFAULT_LISTEN
    if any(c.isspace() or c in "/?#@" for c in listen):
        raise WebhookError(f"REPORTBOT_WEBHOOK_LISTEN 应是监听地址，如 127.0.0.1 或 0.0.0.0：{listen!r}")
    port = check_port(env.get("REPORTBOT_WEBHOOK_PORT", "").strip() or str(DEFAULT_PORT))
    secret = env.get("REPORTBOT_WEBHOOK_SECRET", "").strip()
    if secret and not SECRET_RE.fullmatch(secret):
        raise WebhookError("REPORTBOT_WEBHOOK_SECRET 只能含字母、数字、_ 和 -，长 1–256 个字符")
    url = check_url(url, official_api=not env.get("TELEGRAM_API_BASE_URL"))
    return WebhookConfig(url=url, listen=listen.strip("[]"), port=port,
                         secret=secret or secrets.token_urlsafe(32), secret_generated=not secret)


def webhook_kwargs(config: WebhookConfig) -> dict[str, Any]:
    """Arguments for Application.run_webhook (or, in tests, Updater.start_webhook)."""
    return {"listen": config.listen, "port": config.port, "url_path": config.url_path,
            "webhook_url": config.url, "secret_token": config.secret,
            "allowed_updates": ALLOWED_UPDATES, "drop_pending_updates": False}

