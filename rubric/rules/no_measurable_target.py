"""A key result with no number and no direction cannot be scored."""

from collections.abc import Iterator

from rubric.policy import Thresholds
from rubric.registry import Hit, key_result_rule
from rubric.views import Item


@key_result_rule(
    "no-measurable-target", severity="error",
    title="No measurable target",
    rationale="A key result is a number someone can check at the end of the cycle. A bare metric, a "
    "statement or a task has none, so nobody can say whether it was met.",
    hint="Turn it into '<metric> from <baseline> to <target> by <deadline>': what number proves this worked?",
    good=["Objective: Delight reviewers\nKR: Average review score from 4.1 to 4.5 by Q3"],
    bad=["Objective: Delight reviewers\nKR: Average review score",
         "Objective: Reach more people\nKR: Launch a new email campaign by Q3"],
)
def check(key_result: Item, thresholds: Thresholds) -> Iterator[Hit]:
    facts = key_result.facts
    if facts.direction_word is None and not facts.has_target and not facts.placeholders and facts.words:
        yield Hit("There is no number to reach, so nobody can tell whether this was achieved.")
