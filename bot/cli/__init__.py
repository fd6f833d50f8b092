"""The console commands: `commands` (the click group: ask, chat, load, reports, bench, serve),
`check`, `calibrate`, `options` (shared options) and `console` (the interactive `chat`).

`reportbot = "bot.cli:main"` and `python -m bot` enter here.
"""
from bot.cli.commands import cli, main

__all__ = ["cli", "main"]
