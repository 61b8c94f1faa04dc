"""The rubric against our own labelled key results and objectives, written the way real teams write.

`tests/fixtures/own_labelled/` holds key results and objective titles written for this project
(never taken from the eval sets) in the styles teams use for themselves: terse, tagged ("[P1]",
"#growth"), owner-prefixed ("(Alice)", "@bob", "Growth team:"), "KR2 -" labels, emoji, past
tense, noun phrases, typos and placeholders. Each names every rule the catalog says must fire on
that one item, so a test fails both on a miss and on a false alarm.

Conventions (how an item is checked):
- A key result is checked as the only key result of one objective: the record's `objective`,
  or, when that is empty, the neutral title `NEUTRAL_OBJECTIVE` (no time expression, no number,
  no words a key result here shares). The set's cycle is the record's `cycle` when the key is
  present (null = no cycle) and `DEFAULT_CYCLE` otherwise, so `missing-deadline` is expected
  only on records that say `"cycle": null` and have no time expression in key result or
  objective.
- An objective title is checked with two neutral key results and `DEFAULT_CYCLE`.
- Compared: every key-result finding on the item (`duplicate-key-result` cannot fire with one
  key result), and every objective finding on the title except the key-result counts
  (`objective-without-key-results`, `too-few-key-results`, `too-many-key-results`), which say
  nothing about the title itself.
- Labels follow the catalog and its conventions: a placeholder standing for a number is a
  stand-in target (only `placeholder` fires); own work stated as done is an activity; a window
  inside a metric's name ("30-day retention"), a frequency, a clock time or a season is a time
  expression; versions, names with digits, ordinals and "24/7" are not targets.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from rubric.engine import check_okrs
from rubric.registry import KeyResultRule, all_rules

FIXTURES = Path(__file__).parent / "fixtures" / "own_labelled"
DEFAULT_CYCLE = "2027-Q1"
NEUTRAL_OBJECTIVE = "Do work that matters"
NEUTRAL_KEY_RESULTS = ("Paying teams from 1,200 to 1,500", "Monthly churn from 3% to 2.5%")
COUNT_RULES = frozenset({"objective-without-key-results", "too-few-key-results", "too-many-key-results"})
SET_LEVEL_KEY_RESULT_RULES = frozenset({"duplicate-key-result"})
MIN_KEY_RESULTS, MIN_OBJECTIVES = 320, 90


def _load(name: str) -> list[dict[str, Any]]:
    lines = (FIXTURES / name).read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


KEY_RESULTS = _load("key_results.jsonl")
OBJECTIVES = _load("objectives.jsonl")


def key_result_rules() -> set[str]:
    """Rules that judge one key result on its own (and may read its objective and the cycle)."""
    return {r.id for r in all_rules().values() if r.level == "key_result"} - SET_LEVEL_KEY_RESULT_RULES


def objective_title_rules() -> set[str]:
    """Rules that judge an objective's title, including key-result rules that also read titles."""
    rules = all_rules().values()
    titled = {r.id for r in rules if isinstance(r, KeyResultRule) and r.objectives}
    return ({r.id for r in rules if r.level == "objective"} | titled) - COUNT_RULES


def fired_on_key_result(record: dict[str, Any]) -> set[str]:
    cycle = record.get("cycle", DEFAULT_CYCLE)
    objective = record.get("objective") or NEUTRAL_OBJECTIVE
    result = check_okrs(cycle, [(objective, [record["text"]])], analysis=False)
    return {f.rule for f in result.findings if f.objective == 0 and f.key_result == 0}


def fired_on_objective(record: dict[str, Any]) -> set[str]:
    result = check_okrs(DEFAULT_CYCLE, [(record["title"], list(NEUTRAL_KEY_RESULTS))], analysis=False)
    return {f.rule for f in result.findings if f.objective == 0 and f.key_result is None} - COUNT_RULES


def _id(text: str) -> str:
    return text if len(text) <= 70 else text[:67] + "..."


@pytest.mark.parametrize("record", KEY_RESULTS, ids=[_id(r["text"]) for r in KEY_RESULTS])
def test_key_result(record: dict[str, Any]) -> None:
    fired = fired_on_key_result(record)
    expected = set(record["expected"])
    assert fired == expected, f"missed {sorted(expected - fired)}, false alarms {sorted(fired - expected)}"


@pytest.mark.parametrize("record", OBJECTIVES, ids=[_id(r["title"]) for r in OBJECTIVES])
def test_objective(record: dict[str, Any]) -> None:
    fired = fired_on_objective(record)
    expected = set(record["expected"])
    assert fired == expected, f"missed {sorted(expected - fired)}, false alarms {sorted(fired - expected)}"


def test_neutral_context_is_silent() -> None:
    """The neutral objective and key results must raise nothing of their own, or every label would be off."""
    result = check_okrs(DEFAULT_CYCLE, [(NEUTRAL_OBJECTIVE, list(NEUTRAL_KEY_RESULTS))])
    assert [f.rule for f in result.findings] == []


@pytest.mark.parametrize(
    ("records", "field", "allowed", "minimum"),
    [(KEY_RESULTS, "text", key_result_rules, MIN_KEY_RESULTS), (OBJECTIVES, "title", objective_title_rules,
                                                                 MIN_OBJECTIVES)],
    ids=["key_results", "objectives"],
)
def test_fixture_file_is_sane(records: list[dict[str, Any]], field: str, allowed: Any, minimum: int) -> None:
    texts = [r[field] for r in records]
    assert len(texts) >= minimum
    assert all(t.strip() for t in texts)
    assert len(set(texts)) == len(texts), "duplicate texts"
    rules = allowed()
    for record in records:
        assert set(record["expected"]) <= rules, (record[field], set(record["expected"]) - rules)
        assert record["expected"] == sorted(set(record["expected"])), record[field]
        assert record.get("style"), record[field]
    labelled = {rule for r in records for rule in r["expected"]}
    assert labelled == rules, f"rules with no positive case: {sorted(rules - labelled)}"
