"""Issue 18, classes 「a department reached by its usual short name」 and 「a body the question names
that is not loaded」. Short names come by rule from the department's own name (names/agency_names.
derived_shorts), not from a hand list; a body named right after a loaded one (its 分局, 派出所, a
department of a loaded government) is not loaded, so only a figure a loaded report states about it
(「市公安局…微信1330条」 in the city's report) may answer, never the loaded body's own."""
from __future__ import annotations

import pytest

from knowledge.names.agency_names import derived_shorts
from knowledge.names.places import gazetteer
from knowledge.understand.agency_index import AgencyIndex

# (department as its report names it, how a citizen types it) — bodies of my own choosing
SHORT = [
    ("平潭综合实验区地方税务局", "平潭地税局"),
    ("平潭综合实验区财政金融局", "平潭财金局"),
    ("石狮市社会事业局", "石狮社事局"),
    ("晋江市交通与建设局", "晋江交建局"),
    ("鲤城区科学技术委员会", "鲤城科委"),
    ("南安市人力资源和社会保障局", "南安市人社局"),
    ("惠安县发展和改革局", "惠安发改局"),
]
OTHERS = ["平潭综合实验区", "晋江市人民政府办公室", "鲤城区", "平潭综合实验区公安局"]


@pytest.fixture(scope="module")
def index() -> AgencyIndex:
    return AgencyIndex([d for d, _ in SHORT] + OTHERS, gazetteer=gazetteer())


@pytest.mark.parametrize(("department", "typed"), SHORT)
def test_a_department_is_reached_by_its_rule_made_short_name(index: AgencyIndex, department: str, typed: str) -> None:
    match = index.find(f"{typed}2024年依申请公开多少件")
    assert match.best == (department,), match
    assert index.unloaded_body(f"{typed}2024年依申请公开多少件", match) == ("", "")


def test_rules_give_no_short_name_where_none_is_regular() -> None:
    assert derived_shorts("人民政府办公室") == ()     # the body itself
    assert derived_shorts("公安局") == ()             # already short
    assert derived_shorts("海坛片区管理局") == ()      # six characters, no connector: no rule
    assert derived_shorts("科学技术委员会") == ("科技委", "科委")


@pytest.mark.parametrize(("question", "body"), [
    ("平潭综合实验区公安局城关派出所2022年依申请公开多少件", "平潭综合实验区公安局城关派出所"),
    ("晋江市公安局2024年依申请公开多少件", "晋江市公安局"),
    ("鲤城区教育局2024年收到多少件申请", "鲤城区教育局"),
    ("平潭综合实验区地方税务局城关分局2013年减免税多少件", "平潭综合实验区地方税务局城关分局"),
    ("石狮市社会事业局卫生监督大队2023年行政处罚多少件", "石狮市社会事业局卫生监督大队"),
])
def test_a_body_named_after_a_loaded_one_is_not_it(index: AgencyIndex, question: str, body: str) -> None:
    assert index.unloaded_body(question, index.find(question))[0] == body


@pytest.mark.parametrize("question", [
    "晋江市人民政府办公室2024年依申请公开多少件",
    "2016年平潭综合实验区区管委会及区直各部门主动公开了多少条政府信息",  # the zone's own committee
    "鲤城区委托第三方评估多少次",
    "平潭综合实验区公安局2022年依申请公开多少件",
    "2024年鲤城区和晋江市人民政府办公室谁收到的政府信息公开申请多",  # two loaded bodies, not one
])
def test_the_loaded_body_itself_is_no_other_body(index: AgencyIndex, question: str) -> None:
    assert index.unloaded_body(question, index.find(question)) == ("", "")


def test_the_department_of_the_shared_set_that_is_not_loaded_gets_not_found(tmp_path) -> None:  # noqa: ANN001
    from knowledge import Store, ask, load_paths
    from tests.conftest import shared_path

    store = Store(tmp_path / "d.db")
    load_paths(store, [shared_path("real", "departments")])
    answer = ask(store, "平潭综合实验区市场监督管理局金井分局2023年收到几件政府信息公开申请？")
    assert answer.status == "not_found" and "金井分局" in answer.note
    reached = ask(store, "平潭财金局2021年依申请公开的信息有多少条？")
    assert reached.reading.agencies == ("平潭综合实验区财政金融局",)
    store.close()
