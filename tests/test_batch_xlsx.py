"""`.xlsx` exports (Excel, Google Sheets) review exactly like the same sheet exported as CSV."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from openpyxl import Workbook

from coach.api.app import create_app
from coach.batch.imports.problems import ImportFailure
from coach.batch.imports.upload import read_upload
from coach.cli.main import main
from coach.core.settings import Settings

# A Viva Goals / Ally-style export: one row per key result, the objective repeated.
ROWS = [
    ["Objective Title", "Key Result Title", "Owner", "Team", "Time Period", "Parent Objective", "Progress"],
    ["Win the mid-market", "40 new mid-market logos by 2026-09-30", "Alice Chen", "Growth", "2026-Q3", "CO-1", 0.25],
    ["Win the mid-market", "Increase win rate", "Alice Chen", "Growth", "2026-Q3", None, 0.5],
    ["Make deploys boring", "Failed deploys from 8% to 3% by Q3", "Bob Li", "Platform", "2026-Q3", "CO-3", 1],
    [None, None, None, None, None, None, None],
    ["Be known in our niche", "Launch a podcast", "Carol Diaz", "Marketing", "2026-Q3", None, 0],
]


def _xlsx(rows: list[list[object]], cover: bool = True) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    if cover:  # exports often start with a sheet that is not the data
        sheet.title = "About"
        sheet.append(["Exported from our OKR tool"])
        sheet = workbook.create_sheet("OKRs")
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _csv(rows: list[list[object]]) -> bytes:
    out = io.StringIO()
    csv.writer(out).writerows([["" if v is None else v for v in row] for row in rows])
    return out.getvalue().encode()


def test_an_xlsx_team_file_gives_the_same_report_as_its_csv(tmp_path: Path,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    reports = {}
    for suffix, data in (("csv", _csv(ROWS)), ("xlsx", _xlsx(ROWS, cover=False))):
        (tmp_path / f"team.{suffix}").write_bytes(data)
        main(["review", str(tmp_path / f"team.{suffix}"), "--json", str(tmp_path / f"{suffix}.json")])
        reports[suffix] = json.loads((tmp_path / f"{suffix}.json").read_text())
    out = capsys.readouterr().out
    assert reports["xlsx"] == reports["csv"]
    assert len(reports["csv"]["sets"]) == 3 and reports["csv"]["warnings"] == ["Ignored columns: Progress."]
    assert ('Read columns: "Objective Title" as objective; "Key Result Title" as key result; "Owner" as owner; '
            '"Team" as team; "Time Period" as cycle; "Parent Objective" as parent.') in out


def test_the_import_says_which_columns_it_mapped_and_which_sheet_it_read() -> None:
    result = read_upload(_xlsx(ROWS), "export.xlsx")
    assert result.columns == {"Objective Title": "objective", "Key Result Title": "key_result", "Owner": "owner",
                              "Team": "team", "Time Period": "cycle", "Parent Objective": "parent"}
    assert result.warnings == ["Ignored columns: Progress.", "Read the sheet 'OKRs' of 2."]
    assert read_upload(_xlsx(ROWS), None).columns == result.columns  # a workbook is known by its content too


def test_cells_read_as_a_csv_export_would_write_them() -> None:
    rows = [["Objective", "KR 1", "KR 2", "Cycle"],
            ["Grow revenue", 1500, "Close deals by end of quarter", date(2026, 9, 30)]]
    submission = read_upload(_xlsx(rows), "x.xlsx").submissions[0]
    assert submission.objectives[0].key_results == ["1500", "Close deals by end of quarter"]
    assert submission.cycle == "2026-09-30"


def test_rows_are_numbered_as_the_spreadsheet_shows_them() -> None:
    rows = [["Owner", "Objective", "KR"], ["Alice", "Grow", "x"], ["Bob", None, "orphan key result"]]
    assert [e.line for e in read_upload(_xlsx(rows, cover=False), "x.xlsx").errors] == [3]


def test_unreadable_workbooks_and_sheets_without_objectives_are_explained() -> None:
    with pytest.raises(ImportFailure, match=r"Not a readable \.xlsx"):
        read_upload(b"PK\x03\x04 not really a zip", "x.xlsx")
    with pytest.raises(ImportFailure, match=r"No sheet .* has an objective column"):
        read_upload(_xlsx([["Owner", "Status"], ["Alice", "ok"]]), "x.xlsx")


def test_the_api_accepts_an_xlsx_upload(tmp_path: Path) -> None:
    with TestClient(create_app(Settings(data_dir=tmp_path))) as api:
        xlsx = api.post("/v1/reviews?sync=true",
                        files={"file": ("team.xlsx", _xlsx(ROWS), "application/octet-stream")})
        csv_ = api.post("/v1/reviews?sync=true", files={"file": ("team.csv", _csv(ROWS), "text/csv")})
    assert xlsx.status_code == csv_.status_code == 200
    assert xlsx.json()["warnings"] == ["Ignored columns: Progress.", "Read the sheet 'OKRs' of 2."]
    assert {**xlsx.json(), "id": None, "warnings": []} == {**csv_.json(), "id": None, "warnings": []}


@pytest.mark.parametrize(("header", "row"), [
    (["Goal name", "Goal owner", "Team(s)", "Time period", "Parent goal(s)", "Key result name"],  # Asana-style
     ["Grow", "Alice", "Growth", "2026-Q3", "CO-1", "40 logos"]),
    (["Objective Name", "Key Result Name", "Owners", "Department", "OKR Session", "Aligned Objective"],
     ["Grow", "40 logos", "Alice", "Growth", "2026-Q3", "CO-1"]),
])
def test_more_okr_tool_export_headers(header: list[str], row: list[str]) -> None:
    result = read_upload(_xlsx([header, row]), "x.xlsx")
    assert set(result.columns.values()) == {"objective", "key_result", "owner", "team", "cycle", "parent"}
    submission = result.submissions[0]
    assert (submission.owner, submission.team, submission.cycle) == ("Alice", "Growth", "2026-Q3")
    assert submission.objectives[0].model_dump() == {"title": "Grow", "key_results": ["40 logos"], "parent": "CO-1"}
