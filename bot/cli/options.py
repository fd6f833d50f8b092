"""Options shared by several `reportbot` commands."""
from __future__ import annotations

from pathlib import Path

import click

db_option = click.option("--db", "db", type=click.Path(dir_okay=False, path_type=Path), default=None,
                         help="数据库文件（默认 $REPORTBOT_DB 或用户数据目录下的 reportbot.db）")
"""--db PATH: the knowledge base file (every subcommand takes it, per the CLI contract)."""
