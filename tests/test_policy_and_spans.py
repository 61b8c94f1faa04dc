"""Policy files and merging; mapping item offsets back to the draft and to UTF-16."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pydantic import ValidationError

from coach.check.limits import InputLimits
from coach.check.requests import CheckRequest
from coach.check.service import check_request
from coach.core.settings import Settings
from rubric.engine import check_text
from rubric.policy import Policy, PolicyFileError, Thresholds, effective_policy, load_policy
from rubric.registry import all_rules
from rubric.spans import SourceText, Utf16Index, utf16_length

DRAFT = "Objective: Be known\nKR: Increase brand awareness"


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("policy.json", json.dumps({"disable": ["missing-deadline"], "thresholds": {"max_objectives": 4}})),
        ("policy.toml", 'disable = ["missing-deadline"]\n[thresholds]\nmax_objectives = 4\n'),
    ],
)
def test_policy_files_load(tmp_path: Path, name: str, content: str) -> None:
    path = tmp_path / name
    path.write_text(content)
    policy = load_policy(path, all_rules())
    assert policy.disable == ["missing-deadline"]
    assert policy.thresholds.max_objectives == 4


def test_server_policy_file_applies_and_request_policy_adds(tmp_path: Path) -> None:
    path = tmp_path / "policy.json"
    path.write_text(json.dumps({"disable": ["missing-deadline"], "severity": {"vague-change": "warning"}}))
    settings = Settings(policy_file=path)
    reply = check_request(CheckRequest(text=DRAFT), settings.policy, InputLimits())
    rules = {f.rule: f.severity for f in reply.findings}
    assert "missing-deadline" not in rules and rules["vague-change"] == "warning"
    request_policy = Policy(severity={"vague-change": "info"}, disable=["too-few-key-results"])
    override = CheckRequest(text=DRAFT, policy=request_policy)
    rules = {f.rule: f.severity for f in check_request(override, settings.policy, InputLimits()).findings}
    assert rules == {"vague-change": "info"}


def test_merge_keeps_unset_thresholds() -> None:
    base = Policy(thresholds=Thresholds(max_objectives=4, max_key_results=6))
    merged = effective_policy(base, Policy.model_validate({"thresholds": {"max_key_results": 7}}))
    assert (merged.thresholds.max_objectives, merged.thresholds.max_key_results) == (4, 7)


@pytest.mark.parametrize(
    ("name", "content", "problem"),
    [
        ("policy.json", '{"disable": ["missing-deadline"', "not valid JSON"),
        ("policy.toml", "disable = [", "not valid TOML"),
        ("policy.json", '{"thresholds": {"max_objectivs": 4}}', "thresholds.max_objectivs"),
        ("policy.json", '{"severity": {"vague-change": "loud"}}', "severity.vague-change"),
        ("policy.json", '{"disable": ["missing-deadlin"]}', "unknown rule id(s) ['missing-deadlin']"),
        ("policy.json", '{"severity": {"missing-owner": "info"}}', None),  # team rules are rules too
    ],
)
def test_policy_file_problems_name_the_file_and_the_problem(tmp_path: Path, name: str, content: str,
                                                            problem: str | None) -> None:
    path = tmp_path / name
    path.write_text(content)
    if problem is None:
        assert load_policy(path, all_rules()).severity == {"missing-owner": "info"}
        return
    with pytest.raises(PolicyFileError) as caught:
        load_policy(path, all_rules())
    assert str(path) in str(caught.value) and problem in str(caught.value)


def test_settings_refuse_a_broken_policy_or_kpi_file_at_start_up(tmp_path: Path) -> None:
    broken = tmp_path / "policy.json"
    broken.write_text('{"disable": ["no-such-rule"]}')
    with pytest.raises(ValidationError, match="no-such-rule"):
        Settings(policy_file=broken)
    catalog = tmp_path / "kpis.json"
    catalog.write_text("[{")
    with pytest.raises(ValidationError, match=r"KPI catalog file .*kpis\.json: not valid JSON"):
        Settings(kpi_catalog_file=catalog)


def test_policy_rejects_unknown_fields() -> None:
    with pytest.raises(ValidationError):
        Policy.model_validate({"thresholds": {"max_objectivs": 4}})


def test_source_text_maps_wrapped_pieces_back() -> None:
    original = "KR: Grow weekly\n   sign-ups to 200"
    item = SourceText.from_slices(original, [(4, 15), (19, 35)])
    assert item.text == "Grow weekly sign-ups to 200"
    start, end = item.to_source(item.text.index("weekly"), item.text.index("to"))
    assert original[start:end] == "weekly\n   sign-ups "


def test_utf16_offsets_count_astral_characters_twice() -> None:
    text = "a😀b€c𝄞d"
    index = Utf16Index(text)
    assert [index.offset(i) for i in range(len(text) + 1)] == [0, 1, 3, 4, 5, 6, 8, 9]
    assert utf16_length(text) == len(text.encode("utf-16-le")) // 2


@pytest.mark.parametrize("label", ["[P1] ", "(Alice) ", "KR2 - ", "@sam: "])
def test_a_finding_on_the_whole_item_underlines_its_words_not_its_label(label: str) -> None:
    text = f"Objective: Make onboarding effortless\n- {label}Onboarding checklist"
    finding = next(f for f in check_text(text).findings if f.rule == "no-measurable-target")
    assert text[finding.start:finding.end] == "Onboarding checklist"
