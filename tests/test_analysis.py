"""Key-result analysis: quantities, units, baseline/target, direction and time expressions."""

from __future__ import annotations

import pytest

from rubric.analysis import analyse, describe
from rubric.quantities import find_numbers
from rubric.timeexpr import find_time_spans


def times(text: str) -> list[str]:
    return [text[s:e] for s, e in find_time_spans(text)]


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("Budget of $10k", 10_000, "currency"),
        ("ARR of €1.5M", 1_500_000, "currency"),
        ("Reach 20,000 visitors", 20_000, "count"),
        ("Rating of 4.5/5", 4.5, "ratio"),
        ("Grow deals 10x", 10, "ratio"),
        ("Conversion of 12.5%", 12.5, "percent"),
        ("Latency under 300 ms", 300, "time"),
        ("Boost visitors by twenty percent", 20, "percent"),
        ("Reach 1 billion hours of watch time", 1e9, "time"),
        ("Sales eNPS of -8", -8, "count"),
    ],
)
def test_quantities_are_read_with_value_and_unit(text: str, value: float, unit: str) -> None:
    (number,) = find_numbers(text)
    assert number.value == pytest.approx(value)
    assert number.unit == unit


@pytest.mark.parametrize(
    "text", ["Earn trust with SOC 2 Type II", "Cut p95 latency", "Fewer 5xx errors", "Migrate to version 3",
             "Run my first half marathon", "Percentage of 1- and 5-star reviews", "Grow B2B revenue"],
)
def test_numbers_inside_names_are_not_quantities(text: str) -> None:
    assert find_numbers(text) == []


def test_rating_scale_is_kept() -> None:
    (number,) = find_numbers("App Store rating of 5.2 out of 5")
    assert (number.value, number.scale) == (5.2, 5)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Grow subscribers by Q3", ["Q3"]),
        ("Ship it by 30 June", ["30 June"]),
        ("Close the gap by EOQ", ["EOQ"]),
        ("Answer within 90 days", ["within 90 days"]),
        ("Post twice per day", ["per day"]),
        ("Grow sessions monthly", ["monthly"]),
        ("New-user week-4 retention", ["week-4"]),
        ("Lift 30-day retention", ["30-day"]),
        ("Sign 10 customers by 2027-03-31", ["2027-03-31"]),
        ("Make 2027 the year of quality", ["2027"]),
        ("Brand search volume up 20% YoY", ["YoY"]),
        ("Read more in the next twelve months", ["in the next twelve months"]),
    ],
)
def test_time_expressions(text: str, expected: list[str]) -> None:
    assert times(text) == expected


@pytest.mark.parametrize(
    "text", ["Increase clicks from 1000 to 2000", "Time to first review under 48 hours",
             "Complete 4 marathons", "Journaling streak from 5 to 60 days", "march forward"],
)
def test_values_and_words_are_not_time(text: str) -> None:
    assert times(text) == []


def test_from_to_gives_baseline_and_target_with_shared_unit() -> None:
    facts = analyse("Reduce time-to-hire from 45 to 32 days by Q3")
    assert facts.baseline is not None and facts.target is not None
    assert (facts.baseline.value, facts.target.value) == (45, 32)
    assert facts.baseline.unit == facts.target.unit == "time"
    assert facts.direction == "down"


@pytest.mark.parametrize(
    ("text", "baseline", "target"),
    [
        ("Increase unit test coverage to 75 % from current 45 %", 45, 75),
        ("Grow edge traffic to 80% (vs. 55% today) by Q3", 55, 80),
        ("Increase average order value to $48 (baseline: $41)", 41, 48),
        ("Raise win rate to 30%, up from 21%", 21, 30),
        ("Grow pipeline from $400k to $2.5M", 400_000, 2_500_000),
    ],
)
def test_baseline_markers(text: str, baseline: float, target: float) -> None:
    facts = analyse(text)
    assert facts.baseline is not None and facts.baseline.value == baseline
    assert facts.target is not None and facts.target.value == target


@pytest.mark.parametrize(
    ("text", "kind"),
    [("Grow followers by 30%", "change"), ("Grow partner deals 5x", "multiplier"), ("Reach 2,000 clicks", "level")],
)
def test_target_kind(text: str, kind: str) -> None:
    assert analyse(text).target_kind == kind


@pytest.mark.parametrize(
    ("text", "direction"),
    [("Increase sign-ups", "up"), ("improving retention", "unspecified"), ("Cut churn", "down"),
     ("Keep latency under 300 ms while traffic doubles", "hold"), ("Support tickets 30% lower than others", None)],
)
def test_direction(text: str, direction: str | None) -> None:
    assert analyse(text).direction == direction


def test_describe_is_the_api_contract() -> None:
    analysis = describe("Increase weekly sign-ups from 100 to 200 by 30 June")
    assert analysis.verb == "Increase"
    assert analysis.metric == "weekly sign-ups"
    assert analysis.unit == "count"
    assert [t.text for t in analysis.time] == ["weekly", "30 June"]
    assert analysis.baseline is not None and analysis.baseline.value == 100
    assert analysis.target is not None and analysis.target.kind == "level"


@pytest.mark.parametrize(
    ("text", "target"),
    [
        ("Reduce p95 of actions with over 10 hits/day to < 1 s", "1 s"),  # 'to' beats an earlier number
        ("Grow partner-sourced deals 5x", "5x"),
        ("Cut errors by 40% for 3 services", "40%"),
        ("10% of 300 customers on the new plan", "10%"),
    ],
)
def test_target_choice(text: str, target: str) -> None:
    facts = analyse(text)
    assert facts.target is not None and facts.target.text == target
