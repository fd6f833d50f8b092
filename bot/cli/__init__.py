"""The console commands: `commands` (the click group: ask, chat, load, reports, bench, serve),
`check`, `calibrate`, `snapshot` (a single-file copy for read-only replicas), `options` (shared
options) and `console` (the interactive `chat`).

`reportbot = "bot.cli:main"` and `python -m bot` enter here.
"""
from bot.cli.commands import cli, main
from bot.cli.snapshot import snapshot

cli.add_command(snapshot)

__all__ = ["cli", "main"]
