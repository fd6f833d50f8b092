"""Charts: a series is a line and a ranking bars, as PNG, with a CJK font that has every label's glyphs."""
from __future__ import annotations

from knowledge import Store, ask
from bot.render.charts import chart_png, font_path, has_glyphs, wants_chart


def test_the_chart_font_draws_the_chinese_labels() -> None:
    assert font_path().exists()
    assert has_glyphs("晋江市人民政府灵源街道办事处「本年新收政府信息公开申请数量」历年排名年份件条万元")
    assert not has_glyphs("\U000f0000")  # a private-use character the font lacks is caught


def test_a_ranking_becomes_a_png_and_a_fact_does_not(sample_store: Store) -> None:
    ranking = ask(sample_store, "2024年各机关行政处罚处理决定数量排名")
    assert ranking.intent == "ranking" and wants_chart(ranking)
    png = chart_png(ranking)
    assert png.startswith(b"\x89PNG\r\n\x1a\n") and len(png) > 5000
    fact = ask(sample_store, "2024年晋江依申请公开多少件")
    assert not wants_chart(fact)
