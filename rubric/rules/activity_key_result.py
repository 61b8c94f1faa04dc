"""Key results measure outcomes, not the team's own work."""

from collections.abc import Iterator

from rubric.policy import Thresholds
from rubric.registry import Hit, key_result_rule
from rubric.views import Item


@key_result_rule(
    "activity-key-result", severity="warning",
    title="Activity instead of a result",
    rationale="A key result measures the change the work should cause, not the work itself. Launching, "
    "running or posting can all be done without anything improving; a number does not rescue it.",
    hint="Ask 'so that what?': measure the outcome the activity is meant to cause (sign-ups, retention, "
    "revenue), and keep the activity in the plan.",
    good=["Objective: Grow the community\nKR: Monthly active contributors from 45 to 120 by Q4"],
    bad=["Objective: Grow the community\nKR: Run 5 meetups by Q4",
         "Objective: Grow on Twitter\nKR: Increase posting frequency from 1x to 10x a day",
         "Objective: Earn enterprise trust\nKR: SOC 2 audit completed by 30 November"],
)
def check(key_result: Item, thresholds: Thresholds) -> Iterator[Hit]:
    span = key_result.facts.activity
    if span is not None:
        word = key_result.text[span[0] : span[1]]
        yield Hit(f"This measures the team's own work ('{word}'), not the result it should cause.", *span)
