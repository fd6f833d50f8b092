"""The administrative-division gazetteer (jionlp's china_location data) and the pinyin helpers."""
import pytest

from knowledge.names.places import Place, gazetteer, pinyin_key, pinyin_keys, pinyin_syllables, place_words


@pytest.fixture(scope="module")
def gaz():
    return gazetteer()


def test_loaded_once_and_sized(gaz) -> None:
    assert gazetteer() is gaz
    assert 40_000 < len(gaz) < 60_000, "provinces, cities, counties and towns; no villages"
    assert not gaz.lookup("围头村"), "villages are skipped"


def test_town_and_its_parents(gaz) -> None:
    (cizao,) = gaz.lookup("磁灶镇")
    assert cizao == Place("磁灶镇", "磁灶", "town", ("福建省", "泉州市", "晋江市"), "")
    assert gaz.lookup("磁灶") == [cizao]
    (jinjiang,) = gaz.lookup("晋江市")
    assert (jinjiang.level, jinjiang.code, jinjiang.short) == ("county", "350582", "晋江")
    assert jinjiang.parents == ("福建省", "泉州市")
    assert gaz.lookup("灵源街道")[0].short == "灵源"


def test_lookup_by_short_name(gaz) -> None:
    assert "晋江市" in {p.name for p in gaz.lookup("晋江")}
    assert {p.level for p in gaz.lookup("福建")} >= {"province"}


def test_same_name_in_several_places(gaz) -> None:
    gulou = gaz.lookup("鼓楼区")
    assert len(gulou) > 1
    assert ("福建省", "福州市") in {p.parents for p in gulou}


def test_children(gaz) -> None:
    towns = {p.name for p in gaz.children("晋江市")}
    assert {"磁灶镇", "灵源街道", "金井镇", "新塘街道"} <= towns
    assert all(p.level == "town" for p in gaz.children("晋江市"))
    counties = {p.name for p in gaz.children("泉州市")}
    assert {"晋江市", "鲤城区"} <= counties
    assert "磁灶镇" not in counties, "only direct children"
    assert "泉州市" in {p.name for p in gaz.children("福建省")}


def test_children_of_same_named_place_narrowed_by_parent(gaz) -> None:
    all_gulou = gaz.children("鼓楼区")
    fuzhou_gulou = gaz.children("鼓楼区", ["福州市"])
    assert fuzhou_gulou and len(fuzhou_gulou) < len(all_gulou)
    assert all(p.parents == ("福建省", "福州市", "鼓楼区") for p in fuzhou_gulou)


def test_municipality_and_placeholders_are_folded(gaz) -> None:
    (jiading,) = gaz.lookup("嘉定区")
    assert jiading.parents == ("上海市",), "the 上海市/上海市 city line is folded into the province"
    assert "嘉定区" in {p.name for p in gaz.children("上海市")}
    assert not gaz.lookup("市直辖行政区划") and not gaz.lookup("省直辖行政区划")
    assert gaz.lookup("东莞市")[0].level == "city"
    assert {p.parents for p in gaz.children("东莞市")} == {("广东省", "东莞市")}


def test_within(gaz) -> None:
    (pingtan,) = gaz.lookup("平潭县")
    assert pingtan.parents == ("福建省", "福州市")
    assert gaz.within("平潭县", "福州市")
    assert gaz.within("磁灶镇", "泉州市")
    assert gaz.within("磁灶镇", "晋江")
    assert gaz.within("磁灶", "福建省")
    assert not gaz.within("磁灶镇", "福州市")
    assert not gaz.within("不存在镇", "福建省")


def test_official_spelling(gaz) -> None:
    assert gaz.official_spelling("灵原街道", ["晋江市"]) == "灵源街道"
    assert gaz.official_spelling("磁社镇", ["晋江市", "鲤城区"]) == "磁灶镇"
    assert gaz.official_spelling("灵源街道", ["晋江市"]) is None, "already the official name"
    assert gaz.official_spelling("灵源", ["晋江市"]) is None, "a short name is known too"
    assert gaz.official_spelling("天气预报") is None
    assert gaz.official_spelling("灵原镇", ["晋江市"]) is None, "the suffix must match"
    assert gaz.official_spelling("灵原街道", ["福州市"]) is None, "not under the given parent"


def test_place_words() -> None:
    assert place_words("晋江市磁灶镇2024年主动公开") == ["晋江市", "磁灶镇"]
    assert place_words("晋江市金井镇围头村2022年收到几件申请") == ["晋江市", "金井镇", "围头村"]
    assert place_words("福建省泉州市鲤城区2023年行政复议") == ["福建省", "泉州市", "鲤城区"]
    assert place_words("平潭县和灵源街道的社区有多少") == ["平潭县", "灵源街道"]
    assert place_words("内蒙古自治区阿拉善盟") == ["内蒙古自治区", "阿拉善盟"]
    assert place_words("全市各乡镇城区开发区公开了多少") == []
    assert place_words("今天天气怎么样") == []


def test_pinyin() -> None:
    assert pinyin_key("晋江") == "jinjiang"
    assert pinyin_key("灵源") == "lingyuan"
    assert pinyin_key("晋江 AB") == "jinjiangab"
    assert "chongqing" in pinyin_keys("重庆")  # a character read two ways keeps both readings
    assert pinyin_syllables("灵原A") == ["ling", "yuan", "a"]
    assert pinyin_syllables("灵源")[1] == pinyin_syllables("灵原")[1]
