"""Questions typed the way citizens type them, part 2 (part 1: test_phrasing_classes.py):
places, numbers and years, questions that are not fact questions, and confidence. Expected
figures were read in the report texts; the comment beside each says where."""
from __future__ import annotations

from pathlib import Path

import pytest

from knowledge import bundled_corpus
from tests.phrasing import (REAL_REPORTS, Ask, ask_all, assert_answer, corpus_db, corrected, load_db,
                            needs_real, questions, show)

JJB = "晋江市人民政府办公室"    # knowledge/corpus/000_…txt, 2024
JJ = "晋江市人民政府"           # 001_…txt, 2020
LY = "灵源"                     # 002_…txt, 2023
LC = "鲤城"                     # 003_…txt, 2024
JINJ = "金井"                   # 004_…txt, 2022
PT = "平潭综合实验区"           # ../shared/real/reports/pingtan_20XX.txt
LOADED_SHORT_NAMES = ("晋江", "灵源", "金井", "鲤城")

# ---------------------------------------------------------------------------------------------
# 6. Places
# ---------------------------------------------------------------------------------------------
BELOW_A_LOADED_AGENCY = [
    # towns and villages of 晋江 (in the gazetteer under 晋江市) with no report of their own
    (Ask("晋江市安海镇2024年主动公开政府信息多少条"), "安海镇", JJB),
    (Ask("晋江市陈埭镇2020年行政复议几件"), "陈埭镇", JJ),
    (Ask("晋江市金井镇塘东村2022年收到几件政府信息公开申请"), "塘东村", "金井镇人民政府"),
    # towns of 平潭县 (gazetteer: 福建省 › 福州市 › 平潭县); pingtan_20XX are the 实验区's own reports
    pytest.param(Ask("平潭综合实验区澳前镇2023年行政处罚多少件"), "澳前镇", PT),
    pytest.param(Ask("平潭县流水镇2023年行政处罚多少件"), "流水镇", PT),
]


@pytest.mark.parametrize("case,place,loaded", BELOW_A_LOADED_AGENCY, ids=str)
def test_place_below_a_loaded_agency_is_not_found_and_names_what_is_loaded(
        answers: dict, case: Ask, place: str, loaded: str) -> None:
    needs_real(loaded)
    got = answers[case.q]
    assert got["status"] == "not_found" and got["answer"] is None, show(got)
    assert place in got["text"] and loaded in got["text"], show(got)


NOT_LOADED = [Ask("厦门市思明区2024年行政处罚多少件"), Ask("福清市2023年依申请公开多少件"),
              Ask("南安市2022年行政许可多少件"), Ask("泉州市洛江区2024年予以公开多少件")]


@pytest.mark.parametrize("case", NOT_LOADED, ids=str)
def test_place_not_loaded_at_all_is_not_found(answers: dict, case: Ask) -> None:
    got = answers[case.q]
    assert got["status"] == "not_found" and got["answer"] is None, show(got)
    assert all(name in got["text"] for name in LOADED_SHORT_NAMES), "the reply lists what is loaded"


PINYIN = [
    # 000 表三「(一) 予以公开 … 9」(晋江 has only the 办公室's report for 2024)
    (Ask("Jinjiang 2024年予以公开几件", "9", JJB, 2024), "Jinjiang", "晋江"),
    # pingtan_2025 表二「行政强制64」
    (Ask("Pingtan 2025年行政强制多少件", "64", PT, 2025), "Pingtan", "平潭"),
    # 003 表二「行政处罚 | 644」
    (Ask("Licheng District 2024年行政处罚多少件", "644", LC, 2024), "Licheng", "鲤城"),
    # 002 一（三）1.「全年发布网上调查 2 条」
    (Ask("Lingyuan 2023年网上调查几条", "2", LY, 2023), "Lingyuan", "灵源"),
]


@pytest.mark.parametrize("case,latin,chinese", PINYIN, ids=str)
def test_pinyin_and_english_place_names_reach_the_agency(answers: dict, case: Ask, latin: str, chinese: str) -> None:
    needs_real(case)
    assert_answer(answers[case.q], case)
    assert corrected(answers[case.q], latin, chinese), answers[case.q]["reading"]


ABBREVIATED = [
    Ask("晋江府办2024年行政复议几件", "1", JJB, 2024),             # 000 表四 行政复议「1 0 0 0 1」
    Ask("鲤城区府2024年行政强制多少件", "15", LC, 2024),           # 003 表二「行政强制 | 15」
    Ask("晋江市府2020年行政强制处理决定数量", "68", JJ, 2020),      # 001 表二「行政强制 | 7 | 0 | 68」
    Ask("平潭管委会2023年行政强制多少件", "54", PT, 2023),          # pingtan_2023 表二「行政强制54」
]


@pytest.mark.parametrize("case", ABBREVIATED, ids=str)
def test_abbreviated_agency_names(answers: dict, case: Ask) -> None:
    needs_real(case)
    assert_answer(answers[case.q], case)


@pytest.fixture(scope="module")
def misspelt(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict]:
    """灵源 → 灵原 (002) and 金井 → 金并 (004) throughout, as OCR misreads them, plus 000 as is."""
    folder = tmp_path_factory.mktemp("misspelt")
    corpus = Path(bundled_corpus())
    for name, wrong, misread in (("002_c04ce978e6e30015.txt", "灵源", "灵原"),
                                 ("004_3a640c0e6a422263.txt", "金井", "金并")):
        text = (corpus / name).read_text(encoding="utf-8")
        assert wrong in text
        (folder / name).write_text(text.replace(wrong, misread), encoding="utf-8")
    (folder / "000.txt").write_text((corpus / "000_ec6fb3118189600a.txt").read_text(encoding="utf-8"),
                                    encoding="utf-8")
    db = load_db(folder / "misspelt.db", *sorted(folder.glob("*.txt")))
    return ask_all(db, ["灵源街道2023年网上调查发布了几条", "晋江市金井镇2022年工程招标类信息多少条",
                        "晋江府办2024年予以公开几件", "鲤城区2024年行政处罚多少件", "平潭综合实验区2024年行政处罚多少件"])


def test_ocr_misspelt_agency_is_reached_by_its_official_spelling(misspelt: dict) -> None:
    got = misspelt
    # 002 一（三）1.「全年发布网上调查 2 条」, from the report whose title says 灵原
    assert_answer(got["灵源街道2023年网上调查发布了几条"], Ask("", "2", "灵原街道", 2023))
    # 004 一（一）「其中工程招标类34条」, from the report whose title says 金并
    assert_answer(got["晋江市金井镇2022年工程招标类信息多少条"], Ask("", "34", "金并镇", 2022))
    assert_answer(got["晋江府办2024年予以公开几件"], Ask("", "9", JJB, 2024))


def test_agency_missing_from_this_database_is_not_found(misspelt: dict) -> None:
    # only 000 (晋江办 2024), 002 (灵原 2023) and 004 (金并 2022) are loaded
    for q in ("鲤城区2024年行政处罚多少件", "平潭综合实验区2024年行政处罚多少件"):
        assert misspelt[q]["status"] == "not_found" and misspelt[q]["answer"] is None, show(misspelt[q])


def _police_report(folder: Path, punishments: str) -> Path:
    """pingtan_2023 retitled as 平潭综合实验区公安局's report, its 表二 行政处罚 set to `punishments`."""
    text = (REAL_REPORTS / "pingtan_2023.txt").read_text(encoding="utf-8")
    for old, new in (("标题: 平潭综合实验区2023年度", "标题: 平潭综合实验区公安局2023年度"),
                     ("发布机构: 平潭综合实验区管委会办公室", "发布机构: 平潭综合实验区公安局"),
                     ("87885_平潭综合实验区2023年度", "87885_平潭综合实验区公安局2023年度"),
                     ("行政处罚1330行政强制54", f"行政处罚{punishments}行政强制54")):
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    path = folder / "pingtan_police_2023.txt"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def police_only(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict]:
    """Questions on a database holding the department's report alone (not the body's)."""
    needs_real("平潭")
    folder = tmp_path_factory.mktemp("police")
    db = load_db(folder / "police.db", _police_report(folder, "1234"))
    return ask_all(db, ["平潭综合实验区公安局2023年行政处罚多少件", "平潭公安局2023年行政强制多少件",
                        "平潭综合实验区2023年行政处罚多少件", "平潭2023年行政强制多少件"])


def test_department_report_is_answered_by_its_own_name(police_only: dict) -> None:
    got = police_only
    assert_answer(got["平潭综合实验区公安局2023年行政处罚多少件"], Ask("", "1234", "公安局", 2023))
    assert_answer(got["平潭公安局2023年行政强制多少件"], Ask("", "54", "公安局", 2023))


def test_department_never_stands_in_for_its_body(police_only: dict) -> None:
    for q in ("平潭综合实验区2023年行政处罚多少件", "平潭2023年行政强制多少件"):
        assert police_only[q]["status"] == "not_found" and police_only[q]["answer"] is None, show(police_only[q])


def test_body_and_department_side_by_side(tmp_path: Path) -> None:
    needs_real("平潭")
    db = load_db(tmp_path / "both.db", REAL_REPORTS / "pingtan_2023.txt", _police_report(tmp_path, "1234"))
    got = ask_all(db, ["平潭综合实验区2023年行政处罚多少件", "平潭综合实验区公安局2023年行政处罚多少件"])
    # pingtan_2023 表二「行政处罚1330」; the department's copy says 1234
    assert_answer(got["平潭综合实验区2023年行政处罚多少件"], Ask("", "1330", PT, 2023))
    assert got["平潭综合实验区2023年行政处罚多少件"]["answer"]["agency"] == PT
    assert_answer(got["平潭综合实验区公安局2023年行政处罚多少件"], Ask("", "1234", "公安局", 2023))


# ---------------------------------------------------------------------------------------------
# 7. Numbers and years
# ---------------------------------------------------------------------------------------------
YEARS = [
    Ask("两千零二十四年鲤城区行政强制多少件", "15", LC, 2024),            # 003 表二「行政强制 | 15」
    Ask("二四年晋江府办予以公开几件", "9", JJB, 2024),                      # 000 表三 予以公开 9
    Ask("二五年平潭综合实验区行政处罚多少件", "644", PT, 2025),             # pingtan_2025「行政处罚644」
    Ask("两千零二十一年平潭综合实验区行政强制多少件", "42", PT, 2021),      # pingtan_2021「行政强制42」
    Ask("二〇二〇年晋江市人民政府行政强制处理决定数量是多少", "68", JJ, 2020),  # 001 表二「行政强制 | 7 | 0 | 68」
]


@pytest.mark.parametrize("case", YEARS, ids=str)
def test_spelled_out_and_two_digit_years(answers: dict, case: Ask) -> None:
    needs_real(case)
    assert_answer(answers[case.q], case)


NO_SUCH_YEAR = [(Ask("9999年鲤城区行政处罚多少件"), "2024"), (Ask("平潭综合实验区9999年行政强制多少件"), "2025"),
                (Ask("9999年行政处罚多少件"), "2024")]


@pytest.mark.parametrize("case,years", NO_SUCH_YEAR, ids=str)
def test_year_without_a_report_is_not_found_not_the_latest(answers: dict, case: Ask, years: str) -> None:
    needs_real(case)
    got = answers[case.q]
    assert got["status"] == "not_found" and got["answer"] is None, show(got)
    assert "9999" in got["text"] and years in got["text"], "says which years exist"


UNITS = [
    # 001 一（二）1.（4）「组织人员深入镇街、企业开展 11 场政策宣讲活动」
    (Ask("晋江市人民政府2020年市工信局开展政策宣讲活动多少场次", "11", JJ, 2020), "场"),
    # 002 一（三）3.「平台开展惠企直播活动 10 余场，辐射企业办事人员 500 人次」
    (Ask("灵源街道2023年惠企直播活动开展了多少场次", "10", LY, 2023), "场"),
    (Ask("灵源街道2023年惠企直播辐射企业办事人员多少人次", "500", LY, 2023), "人次"),
    # 000 一（一）4.「开展直播在线访谈 6 期」
    (Ask("晋江市人民政府办公室2024年开展了几期直播在线访谈", "6", JJB, 2024), "期"),
    # pingtan_2016 一（四）4.「发布重点项目简报16期」
    (Ask("平潭综合实验区2016年发布重点项目简报多少期", "16", PT, 2016), "期"),
    # pingtan_2020 (2)「共组织开展6期《问政平潭》…组织开展19期《问政平潭之有事你说》」
    (Ask("平潭综合实验区2020年问政平潭之有事你说开展了多少期", "19", PT, 2020), "期"),
    # pingtan_2016 二（三）1.「2016年政府信息公开专栏访问量达162103人次」
    (Ask("平潭综合实验区2016年政府信息公开专栏访问量多少人次", "162103", PT, 2016), "人次"),
]


@pytest.mark.parametrize("case,unit", UNITS, ids=str)
def test_counts_in_sessions_issues_and_person_times(answers: dict, case: Ask, unit: str) -> None:
    needs_real(case)
    assert_answer(answers[case.q], case)
    assert answers[case.q]["answer"]["unit"] == unit, show(answers[case.q])


# ---------------------------------------------------------------------------------------------
# 8. Not fact questions
# ---------------------------------------------------------------------------------------------
CHAT = [Ask("您好呀"), Ask("哈喽"), Ask("谢谢你"), Ask("帮助"), Ask("你能做什么"), Ask("怎么用"), Ask("/foo"),
        pytest.param(Ask("谢谢啦")),
        pytest.param(Ask("好的，谢谢")),
        pytest.param(Ask("你都能回答什么问题"))]


@pytest.mark.parametrize("case", CHAT, ids=str)
def test_chat_gets_the_help_naming_the_loaded_reports(answers: dict, sample_answers: dict, case: Ask) -> None:
    for got, names, absent in ((answers[case.q], LOADED_SHORT_NAMES + (("平潭",) if REAL_REPORTS.exists() else ()), ()),
                               (sample_answers[case.q], LOADED_SHORT_NAMES, ("平潭",))):
        assert got["intent"] == "chat" and got["status"] != "answered" and got["answer"] is None, show(got)
        assert got["points"] == []
        assert all(n in got["text"] for n in names) and not any(n in got["text"] for n in absent), got["text"]


OVERVIEW = [
    # 000 表三 本年新收 17, 表四 行政复议 1
    (Ask("晋江2024年政府信息公开怎么样"), JJB, 2024, {"17", "1"}),
    # 001 表三 本年新收 231, 予以公开 142
    (Ask("晋江市2020年的政府信息公开工作做得怎么样"), JJ, 2020, {"231", "142"}),
    # 003 表三 本年新收 81, 予以公开 54
    (Ask("鲤城区2024年信息公开整体情况如何"), "鲤城区", 2024, {"81", "54"}),
]


@pytest.mark.parametrize("case,agency,year,values", OVERVIEW, ids=str)
def test_how_is_it_going_gets_the_overview(answers: dict, case: Ask, agency: str, year: int, values: set) -> None:
    got = answers[case.q]
    assert got["intent"] == "overview" and got["answer"] is None and got["points"], show(got)
    assert {(p["agency"], p["year"]) for p in got["points"]} == {(agency, year)}
    assert values <= {p["value"] for p in got["points"]}


YES_NO = [
    (Ask("鲤城区2024年规章本年制发是不是0件", "0", LC, 2024), "是，"),          # 003 表二「规章 0 0 0」
    (Ask("金井镇2022年行政处罚是不是零", "0", JINJ, 2022), "是，"),             # 004 表二「行政处罚 0」
    (Ask("平潭综合实验区2025年行政复议是不是36起", "36", PT, 2025), "是，"),     # pingtan_2025 表四 36
    (Ask("平潭综合实验区2023年复议后起诉的行政诉讼是不是0件", "2", PT, 2023), "不是，"),  # 表四 …|1 0 1 0 2
    (Ask("鲤城区2024年行政强制是不是20件", "15", LC, 2024), "不是，"),          # 003 表二「行政强制 15」
]


@pytest.mark.parametrize("case,opening", YES_NO, ids=str)
def test_yes_no_question_says_yes_or_no_then_the_figure(answers: dict, case: Ask, opening: str) -> None:
    needs_real(case)
    got = answers[case.q]
    assert_answer(got, case)
    assert got["text"].startswith(opening) and case.value in got["text"].splitlines()[0], show(got)
    assert got["reading"]["asserted"] is not None


ANALYSIS = [
    # series: pingtan_2021/2023/2025 表二 行政强制 42, 54, 64 (2020's 2019-template row is unsplittable)
    (Ask("平潭综合实验区这几年行政强制各是多少"), "series", {2021: "42", 2023: "54", 2025: "64"}),
    (Ask("平潭综合实验区2021年到2025年行政处罚数量"), "series", {2021: "1282", 2023: "1330", 2025: "644"}),
    # rate: 003 表三 (七)总计 101, 结转 2 → 办结率 101/103 = 98.1%
    (Ask("鲤城区2024年依申请公开的办结率是多少"), "rate", {"value": "98.1"}),
    # rate: 000 表三 不予公开 1 (国家秘密), (七)总计 20 → 5.0%
    (Ask("晋江市人民政府办公室2024年不予公开率"), "rate", {"value": "5.0"}),
    # comparison: pingtan 2023 行政强制 54, 2025 64 → +10
    (Ask("平潭综合实验区2025年行政强制比2023年多了多少"), "comparison", {2023: "54", 2025: "64"}),
    (Ask("晋江市人民政府办公室和鲤城区2024年行政处罚对比"), "comparison", {JJB: "0", "鲤城区": "644"}),
    # ranking: 2024 行政强制 — 鲤城 15, 晋江办 0
    (Ask("2024年哪个机关行政强制最多"), "ranking", {"鲤城区": "15", JJB: "0"}),
    # coverage
    (Ask("灵源街道有哪些年份的年报"), "coverage", {"years": [2023]}),
    (Ask("平潭综合实验区收录了哪些年的年报"), "coverage", {"years": [2016, 2020, 2021, 2023, 2025]}),
]


@pytest.mark.parametrize("case,intent,expect", ANALYSIS, ids=str)
def test_analysis_question_is_never_one_cell(answers: dict, case: Ask, intent: str, expect: dict) -> None:
    needs_real(case)
    got = answers[case.q]
    assert got["intent"] == intent, show(got)
    if got["status"] != "answered":
        return
    points = got["points"]
    assert points, f"an analysis answer with no points is one cell: {show(got)}"
    if intent in ("series", "coverage"):
        assert got["answer"] is None, show(got)
    if "value" in expect:
        assert got["answer"]["value"] == expect["value"] and got["answer"]["unit"] == "%", show(got)
    elif "years" in expect:
        assert sorted(p["year"] for p in points) == expect["years"]
    else:
        for key, value in expect.items():
            hit = [p for p in points if p["year"] == key or (isinstance(key, str) and key in str(p["agency"]))]
            assert hit and hit[0]["value"] == value, (key, points)


# ---------------------------------------------------------------------------------------------
# 9. Confidence: things the reports do not contain are never answered
# ---------------------------------------------------------------------------------------------
NOT_IN_REPORTS = [
    Ask("鲤城区2024年GDP多少亿元"), Ask("晋江市2020年常住人口有多少"), Ask("平潭综合实验区2025年财政收入是多少"),
    Ask("金井镇2022年人均可支配收入多少元"), Ask("平潭综合实验区2021年失业率是多少"),
    Ask("晋江市人民政府2020年招商引资多少亿元"),
    Ask("鲤城区2024年多少件条篇个"), Ask("平潭综合实验区2023年蓝色的快乐有几件"),
    # 002 says 「签到企业 300 余家」 (companies that signed in to a livestream), not 规上企业
    pytest.param(Ask("灵源街道2023年有多少家规上企业")),
    # 「行政」 alone names no row
    pytest.param(Ask("鲤城区2024年行政多少件")),
]


@pytest.mark.parametrize("case", NOT_IN_REPORTS, ids=str)
def test_what_the_reports_do_not_contain_is_never_answered(answers: dict, case: Ask) -> None:
    got = answers[case.q]
    assert got["status"] in ("not_found", "ambiguous"), show(got)


# ---------------------------------------------------------------------------------------------
ALL = questions(BELOW_A_LOADED_AGENCY, NOT_LOADED, PINYIN, ABBREVIATED, YEARS, NO_SUCH_YEAR, UNITS, CHAT,
                OVERVIEW, YES_NO, ANALYSIS, NOT_IN_REPORTS)


@pytest.fixture(scope="module")
def answers(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict]:
    """Every question of this module through one process, on the samples + 平潭."""
    return ask_all(corpus_db(tmp_path_factory.mktemp("phrasing2") / "corpus.db"), ALL)


@pytest.fixture(scope="module")
def sample_answers(sample_db: Path) -> dict[str, dict]:
    """The chat questions on the five samples alone (the help must name just those)."""
    return ask_all(sample_db, questions(CHAT))
