"""A key result that measures two things cannot be scored as one."""

from collections.abc import Iterator

from rubric.compound import compound_measure
from rubric.policy import Thresholds
from rubric.registry import Hit, key_result_rule
from rubric.views import Item


@key_result_rule(
    "compound-key-result", severity="warning",
    title="Compound key result",
    rationale="A key result that measures two things cannot be scored: what if one is met and the other not?",
    hint="Split it into two key results, one metric each.",
    good=["Objective: Land mid-market customers\nKR: Sign and activate 50 new mid-market customers by Q4"],
    bad=["Objective: Grow the business\nKR: Increase sign-ups by 20% and reduce churn to 2% by Q4",
         "Objective: Deliver reliably\nKR: Deliver 100% of projects on time and within budget in 2027"],
)
def check(key_result: Item, thresholds: Thresholds) -> Iterator[Hit]:
    if span := compound_measure(key_result.facts):
        yield Hit("The key result measures two things; each needs its own key result.", *span)
