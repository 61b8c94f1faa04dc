"""`okr-coach check` as a linter: output formats, rule selection, --fail-on, stdin, configuration."""

from __future__ import annotations

import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest

from coach.cli.main import main

SCHEMA = json.loads((Path(__file__).parent / "fixtures" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
# Columns are counted in code points (SARIF columnKind says so).
DRAFT = (
    "# Q3 2026 OKRs\n\nObjective: Be known in our niche 🚀\n- Increase brand awareness\n"
    "- Aided recall from 12% to 20% by Q3\n- Launch a podcast by Q3\n"
)


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture()
def draft(tmp_path: Path) -> Path:
    path = tmp_path / "okrs.md"
    path.write_text(DRAFT, encoding="utf-8")
    return path


def test_sarif_output_validates_against_the_sarif_2_1_0_schema(draft: Path, tmp_path: Path,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    structured = tmp_path / "set.json"
    structured.write_text(json.dumps({"objectives": [{"title": "Grow", "key_results": ["Launch a campaign"]}]}))
    code, out, _ = _run(capsys, "check", str(draft), str(structured), "--format", "sarif")
    sarif = json.loads(out)
    jsonschema.validate(sarif, SCHEMA)
    assert code == 1
    run = sarif["runs"][0]
    rules = [rule["id"] for rule in run["tool"]["driver"]["rules"]]
    vague = next(r for r in run["results"] if r["ruleId"] == "vague-change")
    assert rules[vague["ruleIndex"]] == "vague-change" and vague["level"] == "error"
    region = vague["locations"][0]["physicalLocation"]["region"]
    line = DRAFT.splitlines()[region["startLine"] - 1]
    assert line[region["startColumn"] - 1:region["endColumn"] - 1] == "Increase brand awareness"
    unlocated = [r for r in run["results"] if r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                 .endswith("set.json")]
    assert unlocated and all("region" not in r["locations"][0]["physicalLocation"] for r in unlocated)


def test_the_schema_check_itself_rejects_a_broken_log() -> None:
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"version": "2.1.0", "runs": [{"tool": {"driver": {}}}]}, SCHEMA)


def test_github_format_prints_workflow_annotations(draft: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "check", str(draft), "--format", "github")
    assert code == 1
    vague = next(line for line in out.splitlines() if "vague-change" in line)
    assert vague.startswith(f"::error file={draft},line=4,col=3,endLine=4,endColumn=27,"
                            "title=okr-coach (vague-change)::")
    assert all(line.startswith(("::error ", "::warning ", "::notice ")) for line in out.splitlines())


def test_junit_format_is_a_test_report_with_one_failure_per_finding(draft: Path,
                                                                    capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = _run(capsys, "check", str(draft), "--format", "junit")
    root = ET.fromstring(out)
    cases = root.findall("./testsuite/testcase")
    _, json_out, _ = _run(capsys, "check", str(draft), "--format", "json")
    assert len(cases) == len(json.loads(json_out)["findings"]) == int(root.get("failures"))
    assert "vague-change at 4:3" in [case.get("name") for case in cases]


def test_select_ignore_and_fail_on(draft: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "check", str(draft), "--format", "json", "--select", "vague-change,missing-baseline")
    assert code == 1 and {f["rule"] for f in json.loads(out)["findings"]} == {"vague-change"}
    code, out, _ = _run(capsys, "check", str(draft), "--format", "json", "--ignore", "vague-change")
    assert "vague-change" not in {f["rule"] for f in json.loads(out)["findings"]}
    severities = {f["severity"] for f in json.loads(out)["findings"]}
    assert code == (1 if "error" in severities else 0)
    assert _run(capsys, "check", str(draft), "--ignore", "vague-change", "--fail-on", "info")[0] == (
        1 if severities else 0)


def test_usage_and_input_errors_exit_2_and_say_what_is_wrong(draft: Path, tmp_path: Path,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _run(capsys, "check", str(draft), "--select", "no-such-rule")
    assert code == 2 and "no-such-rule" in err
    code, out, err = _run(capsys, "check", str(tmp_path / "missing.md"), str(draft), "--format", "json")
    assert code == 2 and "missing.md" in err
    assert json.loads(out)[0]["file"] == str(draft)  # the readable file is still reported
    with pytest.raises(SystemExit) as exited:
        main(["check", str(draft), "--format", "xml"])
    assert exited.value.code == 2


def test_stdin_filename_names_the_draft_and_finds_its_configuration(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "team").mkdir()
    (tmp_path / ".okr-coach.toml").write_text('disable = ["vague-change"]\n')
    monkeypatch.setattr("sys.stdin", io.StringIO(DRAFT))
    code, out, _ = _run(capsys, "check", "-", "--stdin-filename", str(tmp_path / "team" / "q3.md"),
                        "--format", "github")
    assert f"::warning file={tmp_path / 'team' / 'q3.md'},line=6," in out
    assert "vague-change" not in out and code == 1  # no-measurable-target is still an error


def test_configuration_is_discovered_upward_own_file_before_pyproject(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    nested = tmp_path / "okrs" / "2026"
    nested.mkdir(parents=True)
    draft = nested / "q3.md"
    draft.write_text(DRAFT, encoding="utf-8")
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "x"\n\n[tool.okr-coach]\ndisable = ["missing-deadline"]\n'
        '[tool.okr-coach.severity]\nvague-change = "info"\n[tool.okr-coach.thresholds]\nmax-objectives = 0\n')
    code, out, _ = _run(capsys, "check", str(draft), "--format", "json")
    assert code == 1
    findings = json.loads(out)["findings"]
    assert {f["severity"] for f in findings if f["rule"] == "vague-change"} == {"info"}
    assert "missing-deadline" not in {f["rule"] for f in findings}
    assert "too-many-objectives" in {f["rule"] for f in findings}  # the threshold applies
    (tmp_path / "okrs" / ".okr-coach.toml").write_text("disable = []\n")  # nearer, and wins over pyproject
    _, out, _ = _run(capsys, "check", str(draft), "--format", "json")
    assert {f["severity"] for f in json.loads(out)["findings"] if f["rule"] == "vague-change"} == {"error"}


def test_a_bad_configuration_file_is_named(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / ".okr-coach.toml").write_text('disable = ["vage-change"]\n')
    draft = tmp_path / "q3.md"
    draft.write_text(DRAFT, encoding="utf-8")
    code, _, err = _run(capsys, "check", str(draft))
    assert code == 2 and ".okr-coach.toml" in err and "vage-change" in err


def test_inline_directives_apply_in_the_cli_and_are_counted(tmp_path: Path,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    draft = tmp_path / "q3.md"
    draft.write_text(DRAFT.replace("awareness\n", "awareness <!-- okr-coach: ignore vague-change, nope -->\n"))
    code, out, err = _run(capsys, "check", str(draft), "--color", "never")
    assert code == 1  # no-measurable-target on the podcast line is still an error
    assert "[vague-change]" not in out and "1 more silenced" in out
    assert "'nope'" in err


def test_github_annotations_escape_what_the_runner_would_misread() -> None:
    from coach.interop.render.github import _escape

    assert _escape("50% done\nnext line") == "50%25 done%0Anext line"
    assert _escape("okrs/a,b:c.md", property=True) == "okrs/a%2Cb%3Ac.md"
