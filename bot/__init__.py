"""年报问答 front-ends: CLI, benchmark, bot."""
