"""Every rule's documented good and bad examples behave as documented."""

from __future__ import annotations

import pytest

from rubric.engine import check_text
from rubric.models import Finding
from rubric.policy import Policy
from rubric.registry import all_rules
from rubric.team import check_team, read_team_listing

RULES = all_rules()
BAD = [(rule_id, example) for rule_id, r in RULES.items() for example in r.bad]
GOOD = [(rule_id, example) for rule_id, r in RULES.items() for example in r.good]


def fired(rule_id: str, draft: str) -> list[Finding]:
    """The rule's findings on its example: a draft, or for team rules a listing of many owners' objectives."""
    policy = Policy(enable_only=[rule_id])
    if RULES[rule_id].level == "team":
        sets, company = read_team_listing(draft)
        return [f for per_set in check_team(sets, company, policy) for f in per_set]
    return [f for f in check_text(draft, policy).findings if f.rule == rule_id]


def test_every_rule_documents_good_and_bad_examples() -> None:
    for rule in RULES.values():
        assert rule.good, f"{rule.id} has no good example"
        assert rule.bad, f"{rule.id} has no bad example"
        assert rule.title and rule.rationale and rule.hint, f"{rule.id} lacks docs"


@pytest.mark.parametrize(("rule_id", "draft"), BAD, ids=[f"{r}-bad{i}" for i, (r, _) in enumerate(BAD)])
def test_bad_example_fires(rule_id: str, draft: str) -> None:
    assert fired(rule_id, draft), f"{rule_id} did not fire on its bad example:\n{draft}"


@pytest.mark.parametrize(("rule_id", "draft"), GOOD, ids=[f"{r}-good{i}" for i, (r, _) in enumerate(GOOD)])
def test_good_example_is_clean(rule_id: str, draft: str) -> None:
    assert not fired(rule_id, draft), f"{rule_id} fired on its good example:\n{draft}"


SPANNED = [(rule_id, draft) for rule_id, draft in BAD if RULES[rule_id].level != "team"]


@pytest.mark.parametrize(("rule_id", "draft"), SPANNED, ids=[f"{r}-span{i}" for i, (r, _) in enumerate(SPANNED)])
def test_findings_on_text_point_inside_the_draft(rule_id: str, draft: str) -> None:
    for finding in fired(rule_id, draft):
        assert finding.start is not None and finding.end is not None
        assert 0 <= finding.start < finding.end <= len(draft)
        assert draft[finding.start : finding.end].strip(), "span must cover words"


def test_rule_ids_are_the_catalog() -> None:
    assert set(RULES) == {
        "too-many-objectives", "too-many-key-results-total", "duplicate-objective", "duplicate-key-result",
        "objective-without-key-results", "too-few-key-results", "too-many-key-results", "objective-is-metric",
        "objective-too-long", "compound-objective", "maintenance-objective", "vague-change",
        "no-measurable-target", "activity-key-result", "missing-deadline", "missing-baseline", "placeholder",
        "compound-key-result", "restates-objective", "subjective-language", "maintenance-key-result",
        "direction-mismatch", "value-out-of-range", "unrealistic-target",
        "owner-overloaded", "duplicate-across-owners", "unaligned-objective", "missing-owner",
    }


def test_each_rule_lives_in_the_module_named_after_its_id() -> None:
    for rule in RULES.values():
        assert rule.module == "rubric.rules." + rule.id.replace("-", "_"), rule.id
