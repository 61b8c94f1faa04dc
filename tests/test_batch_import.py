"""Importing a team's submissions: every layout, header aliases, and bad rows reported by line."""

from __future__ import annotations

import json

import pytest

from coach.batch.imports.problems import ImportFailure
from coach.batch.imports.upload import guess_format, read_company_objectives, read_upload

LONG_CSV = (
    "Owner,Team,Cycle,Objective,Key Result,Parent Objective\n"
    "Alice Chen,Growth,2026-Q3,Win the mid-market,40 new mid-market logos by Q3,CO-1\n"
    "Alice Chen,Growth,2026-Q3,Win the mid-market,Win rate from 18% to 25% by Q3,\n"
    "Alice Chen,Growth,2026-Q3,Make onboarding self-serve,Trial conversion from 9% to 14% by Q3,\n"
    "Bob Li,Platform,2026-Q3,Make deploys boring,Failed deploys from 8% to 3% by Q3,CO-3\n"
)


def test_csv_one_row_per_key_result_groups_sets_by_owner_and_objectives_by_title() -> None:
    result = read_upload(LONG_CSV.encode(), "team.csv")
    assert result.errors == [] and result.warnings == []
    alice, bob = result.submissions
    assert (alice.owner, alice.team, alice.cycle, alice.line) == ("Alice Chen", "Growth", "2026-Q3", 2)
    assert [o.title for o in alice.objectives] == ["Win the mid-market", "Make onboarding self-serve"]
    assert alice.objectives[0].key_results == ["40 new mid-market logos by Q3", "Win rate from 18% to 25% by Q3"]
    assert alice.objectives[0].parent == "CO-1"
    assert (bob.owner, bob.line, bob.objectives[0].parent) == ("Bob Li", 5, "CO-3")


def test_csv_one_row_per_objective_with_numbered_key_result_columns() -> None:
    wide = (
        "Owner,Objective,key_result_1,key_result_2,key_result_3\n"
        "Alice Chen,Win the mid-market,40 new logos by Q3,Win rate from 18% to 25% by Q3,\n"
        "Bob Li,Make deploys boring,Failed deploys from 8% to 3% by Q3,,\n"
    )
    result = read_upload(wide.encode(), "team.csv")
    assert [s.objectives[0].key_results for s in result.submissions] == [
        ["40 new logos by Q3", "Win rate from 18% to 25% by Q3"], ["Failed deploys from 8% to 3% by Q3"]]


def test_numbered_columns_keep_their_numeric_order_not_the_column_order() -> None:
    wide = "Objective,KR 10,KR 2,KR1\nGrow,ten,two,one\n"
    assert read_upload(wide.encode(), "x.csv").submissions[0].objectives[0].key_results == ["one", "two", "ten"]


def test_a_key_results_cell_may_hold_a_bulleted_list() -> None:
    data = 'Owner,Objective,Key Results\nAlice,Grow,"- 40 new logos by Q3\n• Win rate to 25%\n3. NPS to 50"\n'
    objective = read_upload(data.encode(), "x.csv").submissions[0].objectives[0]
    assert objective.key_results == ["40 new logos by Q3", "Win rate to 25%", "NPS to 50"]


@pytest.mark.parametrize("header", [
    "Assignee,Department,Quarter,Objective Title,KR,Aligned to",
    "Employee,Squad,Period,Goal,Key Results,Parent",
    "owner_name,team_name,okr_cycle,objective-name,key result title,company objective",
    "OKR Owner,Business Unit,Time Period,OBJECTIVE,Key Result Description,Contributes to",
])
def test_header_aliases_from_spreadsheets_and_okr_tools(header: str) -> None:
    data = f"{header}\nAlice Chen,Growth,2026-Q3,Win the mid-market,40 new logos by Q3,CO-1\n"
    result = read_upload(data.encode(), "export.csv")
    submission = result.submissions[0]
    assert (submission.owner, submission.team, submission.cycle) == ("Alice Chen", "Growth", "2026-Q3")
    assert submission.objectives[0].model_dump() == {
        "title": "Win the mid-market", "key_results": ["40 new logos by Q3"], "parent": "CO-1"}
    assert result.warnings == []


def test_unknown_columns_are_ignored_with_a_warning() -> None:
    result = read_upload(b"Owner,Objective,KR,Progress,Status\nA,Grow,x,50%,On track\n", "x.csv")
    assert result.warnings == ["Ignored columns: Progress, Status."]
    assert result.submissions[0].objectives[0].key_results == ["x"]


@pytest.mark.parametrize("delimiter", [";", "\t", "|"])
def test_delimiter_is_sniffed(delimiter: str) -> None:
    data = LONG_CSV.replace(",", delimiter).replace("18% to 25%", "18%, then 25%")
    result = read_upload(data.encode(), "team.txt" if delimiter == "|" else None, "csv" if delimiter == "|" else None)
    assert [s.owner for s in result.submissions] == ["Alice Chen", "Bob Li"]


def test_bom_and_crlf_line_endings_are_handled() -> None:
    data = ("\ufeff" + LONG_CSV).replace("\n", "\r\n").encode("utf-8")
    result = read_upload(data, "team.csv")
    assert result.submissions[0].owner == "Alice Chen" and result.errors == []


def test_utf16_export_with_bom_is_read() -> None:
    result = read_upload(LONG_CSV.encode("utf-16"), "team.csv")
    assert [s.owner for s in result.submissions] == ["Alice Chen", "Bob Li"]


def test_legacy_latin1_file_is_read_with_a_warning() -> None:
    data = "Owner,Objective,KR\nJosé Núñez,Réduire le churn,Churn de 5% à 3% d'ici T3\n".encode("cp1252")
    result = read_upload(data, "team.csv")
    assert result.submissions[0].owner == "José Núñez"
    assert result.submissions[0].objectives[0].key_results == ["Churn de 5% à 3% d'ici T3"]
    assert len(result.warnings) == 1 and "Windows-1252" in result.warnings[0]


def test_bad_rows_become_row_errors_with_line_numbers_and_the_rest_is_reviewed() -> None:
    data = (
        b"Owner,Objective,Key Result\n"                         # 1
        b"Alice,Win the mid-market,40 new logos by Q3\n"         # 2
        b",,Win rate from 18% to 25% by Q3\n"                   # 3 continues the objective above
        b"Bob,,Failed deploys from 8% to 3%\n"                  # 4 key result without an objective
        b"Carla,,\n"                                            # 5 empty objective
        b"\n"                                                   # 6 blank: skipped silently
        b"Dev,Delight customers,CSAT from 4.1 to 4.5\n"         # 7
    ) + "Eve,Grow,caf\xe9\n".encode("latin-1") + "Fay,Grow revenue,ARR to 2M €\n".encode()  # 8, 9
    result = read_upload(data, "team.csv")
    assert [(e.line, e.message.split(";")[0]) for e in result.errors] == [
        (4, "Line 4 has a key result but no objective"),
        (5, "Line 5 has an empty objective"),
        (8, "Line 8 is not valid UTF-8 text and was skipped"),
    ]
    assert [s.owner for s in result.submissions] == ["Alice", "Dev", "Fay"]
    assert result.submissions[0].objectives[0].key_results == ["40 new logos by Q3", "Win rate from 18% to 25% by Q3"]


def test_a_key_result_before_any_objective_is_a_row_error() -> None:
    result = read_upload(b"Objective,KR\n,orphan\nGrow,x\n", "x.csv")
    assert [(e.line, "no objective" in e.message) for e in result.errors] == [(2, True)]
    assert result.submissions[0].objectives[0].key_results == ["x"]


def test_a_file_without_an_objective_column_fails_as_a_whole_with_the_expected_names() -> None:
    with pytest.raises(ImportFailure) as failure:
        read_upload(b"Owner,Status\nA,ok\n", "x.csv")
    assert "No objective column" in failure.value.message and "'objective'" in failure.value.message


def test_json_list_of_sets_with_owner_team_and_text_drafts() -> None:
    data = [
        {"owner": "Alice", "team": "Growth", "cycle": "2026-Q3", "objectives": [
            {"title": "Win the mid-market", "parent": "CO-1", "key_results": ["40 logos", {"text": "Win rate 25%"}]}]},
        {"owner": "Bob", "text": "Objective: Make deploys boring\nKR: Failed deploys from 8% to 3%"},
    ]
    result = read_upload(json.dumps(data).encode(), "sets.json")
    alice, bob = result.submissions
    assert alice.objectives[0].key_results == ["40 logos", "Win rate 25%"] and alice.objectives[0].parent == "CO-1"
    assert bob.text is not None and bob.objectives == []


def test_json_bad_sets_and_objectives_are_row_errors_naming_where() -> None:
    data = {"sets": [
        {"owner": "Alice", "objectives": [{"title": "  ", "key_results": ["orphan"]}, {"title": "Grow"}]},
        {"owner": 42},
        {"owner": "Carla"},
    ], "company_objectives": ["Grow revenue", {"id": "CO-2", "title": "Delight customers"}]}
    result = read_upload(json.dumps(data).encode(), None)
    assert [e.location for e in result.errors] == ["sets.0.objectives.0", "sets.1.owner", "sets.2"]
    assert "key results without an objective" in result.errors[0].message
    assert [s.owner for s in result.submissions] == ["Alice"]
    assert [(c.id, c.title) for c in result.company_objectives] == [
        (None, "Grow revenue"), ("CO-2", "Delight customers")]


def test_invalid_json_fails_as_a_whole_with_the_position() -> None:
    with pytest.raises(ImportFailure, match="line 1, column"):
        read_upload(b'[{"owner": }]', "x.json")


def test_markdown_one_section_per_owner_with_team_and_cycle_from_the_title() -> None:
    text = (
        "# Growth org — Q3 2026 OKRs\n\n"
        "## Alice Chen (Growth)\n"
        "Objective: Win the mid-market\n- 40 new logos by Q3\n- Win rate from 18% to 25%\n\n"
        "## Bob Li — Platform\n"
        "**Make deploys boring**\n1. Failed deploys from 8% to 3%\n\n"
        "## Carla Diaz\n\n"
    )
    result = read_upload(text.encode(), "team.md")
    assert [(s.owner, s.team, s.cycle, s.line) for s in result.submissions] == [
        ("Alice Chen", "Growth", "2026-Q3", 3), ("Bob Li", "Platform", "2026-Q3", 8)]
    assert [(e.line, "Carla Diaz" in e.message) for e in result.errors] == [(12, True)]


def test_format_is_guessed_from_the_content_when_the_name_does_not_say() -> None:
    assert guess_format(LONG_CSV) == "csv"
    assert guess_format('[{"owner": "A"}]') == "json"
    assert guess_format("## Alice\nObjective: Grow, then win\n- KR: x") == "text"


def test_company_objectives_as_lines_with_codes_or_as_json() -> None:
    lines = read_company_objectives("# parents\nCO-1: Grow revenue\n- Delight customers\nO2 – Win enterprise\n")
    assert [(c.id, c.title) for c in lines] == [("CO-1", "Grow revenue"), (None, "Delight customers"),
                                                ("O2", "Win enterprise")]
    assert read_company_objectives('[{"id": "X1", "title": "T"}]')[0].id == "X1"
