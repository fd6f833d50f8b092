"""`python -m bot` runs the reportbot CLI."""
from bot.cli import main

main()
