"""The number belongs in a key result; the objective says where to go."""

from collections.abc import Iterator

from rubric.registry import Hit, objective_rule
from rubric.views import ObjectiveView, SetView


@objective_rule(
    "objective-is-metric", severity="warning",
    title="Objective contains a target",
    rationale="An objective is qualitative and inspiring; numbers belong in its key results. An objective "
    "that is a number leaves nothing for the key results to explain.",
    hint="Say qualitatively where you want to go and why; move the number into a key result.",
    good=["Objective: Become the default choice for small agencies\nKR: Agency sign-ups from 120 to 200 by Q3"],
    bad=["Objective: Increase qualified leads by 25% next quarter\nKR: MQLs from 400 to 500 per month"],
)
def check(objective: ObjectiveView, okrs: SetView) -> Iterator[Hit]:
    numbers = objective.facts.numbers
    if numbers:
        first = numbers[0]
        yield Hit(f"The objective contains a target ({first.text}); numbers belong in key results.",
                  first.start, first.end)
