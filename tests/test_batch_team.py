"""Team rules: each fires when the batch calls for it, and stays quiet otherwise."""

from __future__ import annotations

from rubric.models import Finding
from rubric.policy import Policy, Thresholds
from rubric.registry import all_rules
from rubric.team import CompanyObjective, TeamSet, check_team


def team_set(owner: str | None, *titles: str, parents: tuple[str | None, ...] | None = None) -> TeamSet:
    return TeamSet(owner, titles, parents if parents is not None else (None,) * len(titles))


def rules(found: list[list[Finding]]) -> list[list[str]]:
    return [[f.rule for f in findings] for findings in found]


def test_team_rule_ids_are_exactly_the_catalog_ones() -> None:
    team_rules = {r.id: r for r in all_rules().values() if r.level == "team"}
    assert {r.id: r.severity for r in team_rules.values()} == {
        "owner-overloaded": "warning", "duplicate-across-owners": "info", "unaligned-objective": "info",
        "missing-owner": "warning"}


def test_owner_overloaded_counts_objectives_across_all_of_an_owners_sets() -> None:
    sets = [team_set("Alice Chen", "Win the mid-market", "Grow partner revenue"),
            team_set("alice  chen", "Make onboarding self-serve", "Cut support costs"),
            team_set("Bob Li", "Make deploys boring", "Calm on-call", "Faster builds")]
    found = check_team(sets)
    assert rules(found) == [["owner-overloaded"], ["owner-overloaded"], []]
    finding = found[0][0]
    assert (finding.level, finding.severity, finding.objective) == ("team", "warning", None)
    assert "4 objectives across this review in 2 sets" in finding.message


def test_owner_overloaded_follows_the_policy_threshold() -> None:
    sets = [team_set("Bob", "Make deploys boring", "Calm on-call", "Faster builds")]
    assert rules(check_team(sets, policy=Policy(thresholds=Thresholds(max_objectives=2)))) == [["owner-overloaded"]]


def test_duplicate_across_owners_finds_the_same_or_nearly_the_same_objective() -> None:
    sets = [team_set("Alice", "Win the mid-market", "Make onboarding self-serve"),
            team_set("Bob", "Win the mid-market!"),
            team_set("Carla", "Make the onboarding self-serve"),
            team_set("Dev", "Delight our customers")]
    found = check_team(sets)
    assert [[(f.rule, f.objective) for f in findings] for findings in found] == [
        [("duplicate-across-owners", 0), ("duplicate-across-owners", 1)],
        [("duplicate-across-owners", 0)], [("duplicate-across-owners", 0)], []]
    assert "Bob submitted the same or nearly the same objective, 'Win the mid-market!'" in found[0][0].message
    assert found[1][0].excerpt == "Win the mid-market!"


def test_duplicates_of_one_owner_are_not_across_owners() -> None:
    sets = [team_set("Alice", "Win the mid-market"), team_set("ALICE", "Win the mid-market")]
    assert rules(check_team(sets)) == [[], []]


def test_duplicate_join_scales_to_thousands_of_sets_and_counts_owners() -> None:
    sets = [team_set(f"owner {i}", "Make deploys boring" if i % 2 else f"Unique goal number {i} for team {i}")
            for i in range(4000)]
    found = check_team(sets)
    assert sum(1 for f in found if f) == 2000
    assert "(2000 owners in all)" in found[1][0].message


def test_unaligned_objective_needs_company_objectives_and_accepts_ids_or_titles() -> None:
    company = [CompanyObjective("Grow revenue in the mid-market", "CO-1"), CompanyObjective("Delight customers")]
    sets = [team_set("Alice", "Win deals", "Make onboarding self-serve", "Lower churn", "Grow partners",
                     parents=("CO-1", "co-1: Grow revenue", "Delight customers", None)),
            team_set("Bob", "Make deploys boring", parents=("CO-9",))]
    found = check_team(sets, company)
    assert [[(f.rule, f.objective) for f in findings if f.rule == "unaligned-objective"] for findings in found] == [
        [("unaligned-objective", 3)], [("unaligned-objective", 0)]]
    assert "names none of the 2 company objectives" in found[0][-1].message
    assert "Its parent, 'CO-9', is none of the 2 company objectives" in found[1][0].message
    assert rules(check_team(sets)) == [["owner-overloaded"], []]  # no company objectives: no alignment check


def test_missing_owner_only_when_the_batch_records_owners() -> None:
    assert rules(check_team([team_set("Alice", "Grow"), team_set(None, "Calm on-call"), team_set("  ", "Win")])) == [
        [], ["missing-owner"], ["missing-owner"]]
    assert rules(check_team([team_set(None, "Grow"), team_set(None, "Calm on-call")])) == [[], []]


def test_team_rules_can_be_disabled_by_id() -> None:
    sets = [team_set("Alice", "Win the mid-market"), team_set(None, "Win the mid-market")]
    assert rules(check_team(sets)) == [["duplicate-across-owners"], ["missing-owner", "duplicate-across-owners"]]
    assert rules(check_team(sets, policy=Policy(disable=["missing-owner", "duplicate-across-owners"]))) == [[], []]


def test_team_rules_obey_policy_severity_and_enable_only() -> None:
    sets = [team_set("Alice", "Grow the partner channel"), team_set(None, "Calm the on-call rota")]
    found = check_team(sets, policy=Policy(severity={"missing-owner": "info"}))
    assert [(f.rule, f.severity) for f in found[1]] == [("missing-owner", "info")]
    only = check_team([team_set("Ana", "Win", "Grow", "Calm", "Hire"), team_set(None, "Win")],
                      policy=Policy(enable_only=["owner-overloaded"]))
    assert rules(only) == [["owner-overloaded"], []]
