"""Agency aliases built from loaded reports, and finding agencies in questions."""
import pytest

from knowledge.names.agencies import aliases, group_key, units
from knowledge.understand.agency_index import AgencyIndex

SAMPLE_AGENCIES = ["晋江市人民政府办公室", "晋江市人民政府", "晋江市人民政府灵源街道办事处", "鲤城区",
                   "晋江市金井镇人民政府", "平潭综合实验区"]


def test_units_outermost_first() -> None:
    assert units("晋江市人民政府灵源街道办事处") == ["晋江市", "灵源街道"]
    assert units("晋江市金井镇人民政府") == ["晋江市", "金井镇"]


def test_short_names() -> None:
    assert {"灵源", "灵源街道"} <= set(aliases("晋江市人民政府灵源街道办事处"))
    assert "晋江" not in aliases("晋江市人民政府灵源街道办事处"), "晋江 is only the parent of 灵源"
    assert {"晋江", "晋江市", "晋江市政府办公室"} <= set(aliases("晋江市人民政府办公室"))
    assert {"金井", "金井镇"} <= set(aliases("晋江市金井镇人民政府"))
    assert {"鲤城", "鲤城区"} <= set(aliases("鲤城区"))
    assert "平潭" in aliases("平潭综合实验区")
    assert group_key("晋江市人民政府") == group_key("晋江市人民政府办公室") == "晋江"


def test_find_most_specific() -> None:
    index = AgencyIndex(SAMPLE_AGENCIES)
    assert index.find("晋江市灵源街道2023年收到几件申请").best == ("晋江市人民政府灵源街道办事处",)
    assert index.find("晋江市政府办公室2024年主动公开多少条").best == ("晋江市人民政府办公室",)
    both = index.find("2020年晋江市行政许可")
    assert set(both.best) == {"晋江市人民政府", "晋江市人民政府办公室"}
    assert index.find("今天天气怎么样").best == ()


def test_unknown_place() -> None:
    index = AgencyIndex(SAMPLE_AGENCIES)
    assert index.unknown_place("厦门市2024年行政许可处理决定数量是多少") == "厦门市"
    assert index.unknown_place("全区共主动公开多少条") == ""
    assert index.unknown_place("晋江市灵源街道2023年") == ""
    assert index.find("晋江市金井镇2022年").best == ("晋江市金井镇人民政府",)


@pytest.mark.parametrize("question", ["石狮2024年依申请公开多少件", "南安去年收到多少申请", "泉港2023年行政复议几件"])
def test_bare_place_name_before_the_year_is_unknown(question: str) -> None:
    index = AgencyIndex(SAMPLE_AGENCIES)
    assert index.unknown_place(question) == question[:2]


@pytest.mark.parametrize("question", ["晋江2024年依申请公开多少件", "灵源2023年收到几件申请", "全年2024年主动公开多少条",
                                      "主动公开2024年多少条"])
def test_known_places_and_words_before_the_year_are_not_unknown(question: str) -> None:
    assert AgencyIndex(SAMPLE_AGENCIES).unknown_place(question) == ""


@pytest.mark.parametrize(("question", "place"), [("2024年南安依申请公开多少件", "南安"),
                                               ("请问2023年厦门的行政诉讼有多少", "厦门"),
                                               ("去年漳州收到几件申请", "漳州")])
def test_bare_place_name_anywhere_is_unknown(question: str, place: str) -> None:
    from knowledge.names.places import gazetteer

    assert AgencyIndex(SAMPLE_AGENCIES, gazetteer()).unknown_place(question) == place


@pytest.mark.parametrize("question", ["2024年晋江依申请公开多少件", "2023年泉州各区县行政复议哪个最多",
                                      "2024年福建全省主动公开多少条", "2024年依申请公开多少件"])
def test_loaded_places_and_their_parents_are_not_unknown(question: str) -> None:
    from knowledge.names.places import gazetteer

    assert AgencyIndex(SAMPLE_AGENCIES, gazetteer()).unknown_place(question) == ""


def test_a_place_not_loaded_is_not_answered_from_the_only_loaded_report(tmp_path) -> None:
    """With only 石狮's report loaded, 「2024年晋江…」 must not get 石狮's figure."""
    from knowledge import Store, ask, bundled_corpus, load_paths

    sample = next(p for p in sorted(bundled_corpus().glob("*.txt")) if "晋江市人民政府办公室" in p.read_text("utf-8"))
    (tmp_path / "r").mkdir()
    (tmp_path / "r" / sample.name).write_text(sample.read_text("utf-8").replace("晋江市", "石狮市"), "utf-8")
    store = Store(tmp_path / "t.db")
    load_paths(store, [tmp_path / "r"])
    assert ask(store, "2024年石狮依申请公开多少件").best.fact.value == "20"
    answer = ask(store, "2024年晋江依申请公开多少件")
    assert answer.status == "not_found" and "晋江" in answer.note, answer
    store.close()


@pytest.mark.parametrize(("question", "measure"), [
    ("2022年晋江市政府行政复议维持原决定的有几件", "行政复议维持原决定的有"),
    ("鲤城区2024年政府信息公开申请多少件", "政府信息公开申请"),
    ("鲤城区2024年政府网站发布信息多少条", "政府网站发布信息"),
])
def test_government_word_left_by_a_short_name_is_dropped(question: str, measure: str) -> None:
    from knowledge.understand.query import parse

    assert parse(question, AgencyIndex(SAMPLE_AGENCIES)).reading.measure == measure
