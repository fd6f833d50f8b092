"""`reportbot serve`：运行 Telegram 机器人（轮询；设置 REPORTBOT_WEBHOOK_URL 时用 webhook）。

This module imports no `telegram`: bot.telegram.app is imported only when serve runs, so
`reportbot ask` works without python-telegram-bot loaded.
"""
from __future__ import annotations

import importlib.util
import logging
import os
from pathlib import Path

import click

from bot.telegram.webhook import ALLOWED_UPDATES, WebhookConfig, WebhookError, webhook_config, webhook_kwargs
from knowledge import ReportbotError, default_db_path

ENV_HELP = """\b
环境变量：
  TELEGRAM_BOT_TOKEN      机器人 token（必需）
  TELEGRAM_API_BASE_URL   Bot API 根地址（默认 https://api.telegram.org/bot）
  REPORTBOT_DB            数据库文件
  REPORTBOT_ADMIN_IDS     管理员的 Telegram 用户 id，逗号分隔
  REPORTBOT_REPORTS       报告文件夹（默认：数据库旁的 reports/）
  REPORTBOT_WEBHOOK_URL   设置后用 webhook 模式（公网 https 地址；本地监听同一路径）
  REPORTBOT_WEBHOOK_LISTEN   webhook 本地监听地址（默认 127.0.0.1；容器内用 0.0.0.0）
  REPORTBOT_WEBHOOK_PORT     webhook 本地端口（默认 8443）
  REPORTBOT_WEBHOOK_SECRET   secret_token（字母、数字、_、-；默认每次启动随机生成）"""


class RedactToken(logging.Filter):
    """Replaces the bot token in every log record, whoever logs it."""

    def __init__(self, token: str) -> None:
        super().__init__()
        self.token = token

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if self.token in message:
            record.msg, record.args = message.replace(self.token, "<token>"), None
        if record.exc_info and record.exc_info[1] is not None and self.token in str(record.exc_info[1]):
            record.exc_text = logging.Formatter().formatException(record.exc_info).replace(self.token, "<token>")
            record.exc_info = None
            record.msg = f"{record.msg}\n{record.exc_text}"
        return True


def parse_admin_ids(raw: str) -> frozenset[int]:
    """「123, 456」 → {123, 456}; click.BadParameter on anything that is not an integer."""
    try:
        return frozenset(int(part) for part in raw.replace(";", ",").split(",") if part.strip())
    except ValueError as exc:
        raise click.BadParameter(f"REPORTBOT_ADMIN_IDS 应是逗号分隔的数字 id：{raw!r}") from exc


class DropBootstrapErrors(logging.Filter):
    """Drops PTB's start-up retry-loop tracebacks: `serve` reports a failed start in one line itself."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not (record.name.startswith("telegram") and record.levelno >= logging.WARNING
                    and "Bootstrap" in record.getMessage())


def setup_logging(token: str) -> None:
    """INFO to stderr, the token redacted, httpx quieted (its INFO lines carry the token)."""
    logging.basicConfig(format="%(asctime)s %(levelname)s %(name)s: %(message)s", level=logging.INFO)
    for handler in logging.getLogger().handlers:
        handler.addFilter(DropBootstrapErrors())
        handler.addFilter(RedactToken(token))
    logging.getLogger("httpx").setLevel(logging.WARNING)


@click.command(epilog=ENV_HELP)
@click.option("--db", "db", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="数据库文件（默认 $REPORTBOT_DB 或用户数据目录下的 reportbot.db）")
@click.pass_context
def serve(ctx: click.Context, db: Path | None) -> None:
    """运行 Telegram 机器人（配置见下方环境变量）。"""
    token = os.environ.get("TELEGRAM_BOT_TOKEN", "").strip()
    if not token:
        click.echo("错误：没有设置 TELEGRAM_BOT_TOKEN（向 @BotFather 申请机器人 token，"
                   "再 export TELEGRAM_BOT_TOKEN=...）。", err=True)
        ctx.exit(2)
    try:
        admins = parse_admin_ids(os.environ.get("REPORTBOT_ADMIN_IDS", ""))
    except click.BadParameter as exc:
        click.echo(f"错误：{exc.message}", err=True)
        ctx.exit(2)
    try:
        webhook = webhook_config(os.environ)
    except WebhookError as exc:
        click.echo(f"错误：{exc}", err=True)
        ctx.exit(2)
    if webhook and importlib.util.find_spec("tornado") is None:
        click.echo('错误：webhook 模式需要 pip install "python-telegram-bot[webhooks]"；'
                   "或不设 REPORTBOT_WEBHOOK_URL，改用轮询。", err=True)
        ctx.exit(2)
    db_path = db or default_db_path()
    reports = Path(os.environ["REPORTBOT_REPORTS"]) if os.environ.get("REPORTBOT_REPORTS") else None
    setup_logging(token)

    from bot.telegram.app import build_application

    app = build_application(token, db_path, admins, reports, base_url=os.environ.get("TELEGRAM_API_BASE_URL") or None)
    try:
        if webhook is None:
            app.run_polling(allowed_updates=ALLOWED_UPDATES)
        else:
            from bot.telegram.webhook_guard import install

            install()  # size cap (413) and malformed JSON (400) before PTB reads a request
            logging.getLogger(__name__).info("%s", webhook.describe())
            app.run_webhook(**webhook_kwargs(webhook))
    except Exception as exc:  # noqa: BLE001 - run_* returns normally once started; this is start-up
        click.echo(startup_error(exc, token, webhook), err=True)
        ctx.exit(2)


def startup_error(exc: BaseException, token: str, webhook: WebhookConfig | None) -> str:
    """One line saying why `serve` could not start, never containing the token."""
    from telegram.error import InvalidToken, NetworkError, TelegramError

    if isinstance(exc, InvalidToken):
        line = "错误：Telegram 拒绝了 TELEGRAM_BOT_TOKEN（401 Unauthorized）；请向 @BotFather 核对 token。"
    elif isinstance(exc, OSError) and webhook is not None:  # the port is taken, or the address is not ours
        line = f"错误：无法在 {webhook.listen}:{webhook.port} 监听 webhook：{exc}"
    elif isinstance(exc, NetworkError):
        line = f"错误：连不上 Telegram Bot API（检查网络或 TELEGRAM_API_BASE_URL）：{exc}"
    elif isinstance(exc, TelegramError) and webhook is not None:  # e.g. setWebhook refused
        line = f"错误：Telegram 拒绝了 webhook {webhook.url}：{exc}"
    elif isinstance(exc, ReportbotError):  # the database cannot be opened, ...
        line = f"错误：{exc}"
    else:
        line = f"错误：机器人没能启动：{type(exc).__name__}: {exc}"
    line = " ".join(line.split())  # one line
    for secret in {token, token.partition(":")[2]} - {""}:
        line = line.replace(secret, "<token>")
    return line
