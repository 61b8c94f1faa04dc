"""The catalog's conventions, on key results and objectives written for these tests.

Each case names the rules that must fire on the item and the ones that must not; together they
pin down the decisions the catalog leaves to the engine (windows vs durations, names vs
placeholders, two verbs on one object vs two goals, done-states, proper nouns).
"""

from __future__ import annotations

import pytest

from rubric.engine import check_okrs


def rules_on_key_result(key_result: str, objective: str = "Grow the business", cycle: str | None = None) -> set[str]:
    result = check_okrs(cycle, [(objective, [key_result, "Revenue from $1M to $1.2M by Q4"])])
    return {f.rule for f in result.findings if f.objective == 0 and f.key_result == 0}


def rules_on_objective(title: str) -> set[str]:
    result = check_okrs(None, [(title, ["Revenue from $1M to $1.2M by Q4", "Churn from 3% to 2% by Q4"])])
    return {f.rule for f in result.findings if f.objective == 0 and f.key_result is None}


def assert_rules(found: set[str], fires: set[str], silent: set[str]) -> None:
    assert fires <= found, f"missing {fires - found}"
    assert not (silent & found), f"unexpected {silent & found}"


KEY_RESULTS = [
    # (key result, must fire, must not fire)
    ("Grow 60-day retention from 40% to 48%", set(), {"missing-deadline"}),  # a window in the name is time
    ("Ticket wait from 9 to 4 days", {"missing-deadline"}, set()),  # a duration as the value is not
    ("Invoices paid within 30 days from 70% to 85%", set(), {"missing-deadline"}),
    ("Weekly active teams from 300 to 420", set(), {"missing-deadline"}),
    ("Raise trial conversion from X% to Y% by Q3", {"placeholder"}, {"missing-baseline", "vague-change"}),
    ("Launch on Platform X in 40 stores by Q3", {"activity-key-result"}, {"placeholder"}),
    ("Followers on X (formerly Twitter) from 900 to 1,400 by Q3", set(), {"placeholder"}),
    ("Sign and onboard 30 new resellers by Q3", set(), {"compound-key-result"}),
    ("Grow ARR by 15% and cut churn to 2% by Q3", {"compound-key-result", "missing-baseline"}, set()),
    ("Ship 100% of releases on time and within budget in 2027", {"compound-key-result"}, set()),
    ("Stay interviews held with 90% of senior staff by Q3", {"activity-key-result"}, {"maintenance-key-result"}),
    ("Stay above 99.9% uptime all quarter", {"maintenance-key-result"}, set()),
    ("Data-migration audit completed by 1 June", {"activity-key-result", "no-measurable-target"}, set()),
    ("Design docs written by us adopted by 4 other teams by Q3", set(), {"activity-key-result"}),
    ("Make sure 80% of reps hit quota in H2", set(), {"activity-key-result"}),
    ("Uptime of 99.95% or better on the public API by Q3", set(), {"subjective-language"}),
    ("Sell-through at Best Buy from 1,000 to 1,300 units by Q3", set(), {"subjective-language"}),
    ("Deliver a seamless returns experience", {"subjective-language", "no-measurable-target"}, {"vague-change"}),
    ("Improve search relevance", {"vague-change"}, {"no-measurable-target"}),
    ("Increase page load time from 1.2 s to 900 ms by Q3", {"direction-mismatch"}, set()),
    ("Cut onboarding time from 2 days to 3 hours by Q3", {"unrealistic-target"}, {"direction-mismatch"}),
    ("Reduce refunds from 4% to 4% by Q3", {"direction-mismatch"}, set()),
    ("Activation share from 30% to 130% by Q3", {"value-out-of-range"}, set()),
    ("Reach 140% of the sales plan by Q3", set(), {"value-out-of-range"}),
    ("Grow bookings by 150% in FY27", {"missing-baseline"}, {"value-out-of-range", "unrealistic-target"}),
    ("Driver NPS from 20 to 120 by Q3", {"value-out-of-range"}, set()),
    ("Increase weekly demos held from 5 to 12", {"activity-key-result"}, set()),
    ("Hold 3 partner webinars a month", {"activity-key-result"}, set()),
    ("Enterprise leads from webinars from 80 to 120 per month", set(), {"activity-key-result"}),
]


@pytest.mark.parametrize(("key_result", "fires", "silent"), KEY_RESULTS, ids=[k for k, _, _ in KEY_RESULTS])
def test_key_result_conventions(key_result: str, fires: set[str], silent: set[str]) -> None:
    assert_rules(rules_on_key_result(key_result), fires, silent)


def test_objective_deadline_covers_its_key_results() -> None:
    schools = "Paying schools from 10 to 25"
    assert "missing-deadline" not in rules_on_key_result(schools, "Win schools before autumn term")
    assert "missing-deadline" in rules_on_key_result(schools, "Win schools")
    assert "missing-deadline" not in rules_on_key_result(schools, "Win schools", "2026-Q3")


OBJECTIVES = [
    ("Launch in Spain and grow revenue in Portugal", {"compound-objective"}, set()),
    ("Design and launch the partner portal", set(), {"compound-objective"}),
    ("Clarify pricing and packaging", set(), {"compound-objective"}),
    ("Keep the lights on for legacy customers", {"maintenance-objective"}, set()),
    ("Grow qualified pipeline by 40% this year", {"objective-is-metric"}, set()),
    ("Make 2027 our best year for retention", set(), {"objective-is-metric"}),
    ("Earn ISO 27001 certification trust with banks", set(), {"objective-is-metric"}),
    ("Be the tool analysts reach for. Make every answer take minutes.", {"objective-too-long"}, set()),
    ("Build a U.S. sales team (e.g. for enterprise) from scratch", set(), {"objective-too-long"}),
]


@pytest.mark.parametrize(("title", "fires", "silent"), OBJECTIVES, ids=[t for t, _, _ in OBJECTIVES])
def test_objective_conventions(title: str, fires: set[str], silent: set[str]) -> None:
    assert_rules(rules_on_objective(title), fires, silent)
