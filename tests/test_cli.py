"""The okr-coach CLI: linter-style output, JSON, stdin and exit codes."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from coach.cli.main import main

DRAFT = (
    "# Q3 2026 OKRs\n\nObjective: Be known in our niche\n- Increase brand awareness\n- Aided recall from 12% to 20%\n"
)


def test_check_prints_location_rule_and_marked_span(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    draft = tmp_path / "draft.md"
    draft.write_text(DRAFT, encoding="utf-8")
    code = main(["check", str(draft), "--color", "never"])
    out = capsys.readouterr().out
    assert code == 1  # vague-change is an error
    assert f"{draft}:4:3: error [vague-change]" in out
    line_index = out.splitlines().index("    - Increase brand awareness")
    assert out.splitlines()[line_index + 1] == "      " + "^" * len("Increase brand awareness")
    assert "hint:" in out


def test_check_json_output_is_the_api_contract(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    draft = tmp_path / "draft.txt"
    draft.write_text(DRAFT, encoding="utf-8")
    main(["check", str(draft), "--format", "json"])
    reply = json.loads(capsys.readouterr().out)
    assert reply["okrs"]["cycle"] == "2026-Q3"
    assert {"rule", "severity", "message", "hint", "objective", "key_result", "offset", "length"} <= set(
        reply["findings"][0]
    )


def test_check_reads_stdin(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    draft = (
        "Objective: Grow the newsletter\nKR: Subscribers from 1,000 to 1,500 by Q3\n"
        "KR: Open rate from 38% to 45% by Q3\n"
    )
    monkeypatch.setattr("sys.stdin", io.StringIO(draft))
    assert main(["check", "-", "--color", "never"]) == 0
    assert "<stdin>" not in capsys.readouterr().out  # a clean draft prints only the summary


def test_check_structured_json_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "okrs.json"
    okrs = {"cycle": None, "objectives": [{"title": "Grow", "key_results": ["Launch a campaign"]}]}
    path.write_text(json.dumps(okrs))
    assert main(["check", str(path), "--color", "never"]) == 1
    out = capsys.readouterr().out
    assert "objective 1, key result 1: error [no-measurable-target]" in out


def test_missing_file_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(tmp_path / "nope.md")]) == 2
    assert "cannot read" in capsys.readouterr().err


def test_invalid_json_request_names_the_field(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "bad.json"
    path.write_text(json.dumps({"objectives": [{"key_results": []}]}))
    assert main(["check", str(path)]) == 2
    assert "title" in capsys.readouterr().err


def test_rules_lists_the_catalog(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules"]) == 0
    out = capsys.readouterr().out
    assert len(out.strip().splitlines()) == 28 and "vague-change" in out and "missing-owner" in out


def test_rules_json_is_the_api_catalog(capsys: pytest.CaptureFixture[str]) -> None:
    from fastapi.testclient import TestClient

    from coach.api.app import create_app

    assert main(["rules", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out) == TestClient(create_app()).get("/v1/rules").json()


@pytest.mark.parametrize("command", [["serve", "--port", "0"], ["check", "-"], ["review", "team.csv"]])
@pytest.mark.parametrize(("content", "problem"), [
    ('{"disable": [', "not valid JSON"),
    ('{"disable": ["missing-deadlin"]}', "unknown rule id(s) ['missing-deadlin']"),
])
def test_a_broken_policy_file_stops_start_up_with_its_name(
        tmp_path: Path, command: list[str], content: str, problem: str) -> None:
    policy = tmp_path / "policy.json"
    policy.write_text(content)
    env = {**os.environ, "OKR_COACH_POLICY_FILE": str(policy)}
    done = subprocess.run([sys.executable, "-m", "coach", *command], cwd=tmp_path, env=env, input="",
                          capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 2
    assert f"policy file {policy}" in done.stderr and problem in done.stderr
