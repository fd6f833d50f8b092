"""The Telegram bot, in layers: `context` (BotConfig, config_of, store_of: the shared state) at the
bottom; `text`, `keyboards`, `flood` and `photos` above it; the handler modules (`handlers`,
`reports` with /reports and /coverage, `inline`, `admin`) above those; `app` (build_application)
wires them; `main` (the `serve` command, with `webhook` and `webhook_guard`) on top. No module
imports one above it. Importing this package imports no `telegram`.
"""
