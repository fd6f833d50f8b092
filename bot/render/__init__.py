"""Rendering shared by every front end: `reply` (plain text and Telegram HTML), `analysis` (the
lines of a series, comparison, ranking, rate or coverage), `answer_json` (`ask --json`),
`coverage` (the agencies × years grid) and `charts` (PNG of a series or a ranking).
"""
