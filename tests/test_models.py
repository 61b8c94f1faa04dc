"""Findings the engine builds without validation are exactly what validation would have built."""

from __future__ import annotations

import pytest

from rubric.analysis import describe
from rubric.engine import check_okrs, check_text
from rubric.models import CheckResult, Finding, KeyResult, KeyResultAnalysis, Objective, Quantity
from rubric.team import TeamSet, check_team

DRAFT = """Objective: Be the best 🚀 team ever
KR: Increase brand awareness
KR: Launch 3 webinars
KR: Reduce churn from 4% to 9% by Q3
"""


def assert_same_as_validated(finding: Finding) -> None:
    assert list(finding.__dict__) == list(Finding.model_fields)  # every field, in contract order
    validated = Finding.model_validate(finding.model_dump())
    assert validated == finding
    assert validated.model_dump_json() == finding.model_dump_json()


def test_rule_findings_match_validated_models() -> None:
    findings = check_text(DRAFT).findings
    assert {"vague-change", "activity-key-result", "direction-mismatch", "missing-deadline"} <= {
        f.rule for f in findings}
    for finding in findings:
        assert_same_as_validated(finding)


def test_team_findings_match_validated_models() -> None:
    sets = [TeamSet("Ana", ["Grow the partner channel"], [None]), TeamSet(None, ["Grow the partner channel"], [None])]
    found = [f for per_set in check_team(sets) for f in per_set]
    assert {"duplicate-across-owners", "missing-owner"} <= {f.rule for f in found}
    for finding in found:
        assert_same_as_validated(finding)


def test_offsets_can_be_set_later() -> None:
    finding = check_text(DRAFT).findings[0]
    finding.offset, finding.length = 3, 4
    assert {"offset", "length"} <= finding.model_fields_set
    assert finding.model_dump()["offset"] == 3


def test_whole_results_match_validated_models() -> None:
    """The engine builds its reply (set, objectives, key results with analysis, summary) unvalidated too."""
    for result in (check_text(DRAFT), check_text(DRAFT, analysis=False),
                   check_okrs("2026-Q3", [("Grow the partner channel", ["Partner revenue from $1M to $2M"])])):
        validated = CheckResult.model_validate(result.model_dump())
        assert validated == result
        assert validated.model_dump_json() == result.model_dump_json()
        for objective in result.okrs.objectives:
            assert list(objective.__dict__) == list(Objective.model_fields)
            for key_result in objective.key_results:
                assert list(key_result.__dict__) == list(KeyResult.model_fields)


def test_replies_do_not_share_the_cached_analysis_lists() -> None:
    first, second = (check_text(DRAFT).okrs.objectives[0].key_results[2] for _ in range(2))
    assert first.quantities and first.quantities == second.quantities
    first.quantities.clear()
    assert second.quantities and check_text(DRAFT).okrs.objectives[0].key_results[2].quantities


@pytest.mark.parametrize("text", [
    "Increase weekly actives from 1.2k to 2,000 by Q3'27",
    "Cut p95 latency below 300 ms within 2 sprints",
    "NPS from 4.1/5 to 4.5/5", "Grow revenue 3x", "Hire 3 engineers", "Improve onboarding",
])
def test_key_result_analysis_matches_validated_models(text: str) -> None:
    """The analysis is built without validation (it is in every reply): it must equal a validated copy."""
    analysis = describe(text)
    assert list(analysis.__dict__) == list(KeyResultAnalysis.model_fields)
    validated = KeyResultAnalysis.model_validate(analysis.model_dump())
    assert validated == analysis and validated.model_dump_json() == analysis.model_dump_json()
    for quantity in [q for q in (analysis.baseline, analysis.target) if q] + analysis.quantities:
        assert list(quantity.__dict__) == list(Quantity.model_fields)
