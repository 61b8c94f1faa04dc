"""The verb and the numbers point different ways."""

from collections.abc import Iterator

from rubric.policy import Thresholds
from rubric.registry import Hit, key_result_rule
from rubric.values import comparable
from rubric.views import Item


@key_result_rule(
    "direction-mismatch", severity="error",
    title="Direction contradicts the numbers",
    rationale="'Increase churn from 5% to 3%' cannot be scored: the verb and the numbers disagree, so "
    "either the verb or the target is wrong. Equal baseline and target ask for nothing.",
    hint="Make the verb and the numbers agree ('Reduce churn from 5% to 3%'), or fix the target.",
    good=["Objective: Make dashboards fast\nKR: Reduce dashboard load time from 2.1 s to 1.4 s by Q4"],
    bad=["Objective: Make dashboards fast\nKR: Increase dashboard load time from 2.1 s to 1.4 s by Q4",
         "Objective: Sell smarter\nKR: Reduce the average discount from 18% to 18% by Q4"],
)
def check(key_result: Item, thresholds: Thresholds) -> Iterator[Hit]:
    facts = key_result.facts
    if facts.baseline is None or facts.target is None or facts.target_kind != "level":
        return
    values = comparable(facts.baseline, facts.target)
    if values is None:
        return
    baseline, target = values
    span = (facts.baseline.start, facts.target.end)
    if baseline == target:
        yield Hit(f"Baseline and target are the same ({facts.target.text}): nothing would change.", *span)
    elif facts.direction == "up" and target < baseline:
        yield Hit(f"'{facts.direction_word.text}' but the target is below the baseline.", *span)
    elif facts.direction == "down" and target > baseline:
        yield Hit(f"'{facts.direction_word.text}' but the target is above the baseline.", *span)
