"""An objective with no key results cannot be scored."""

from collections.abc import Iterator

from rubric.registry import Hit, objective_rule
from rubric.views import ObjectiveView, SetView


@objective_rule(
    "objective-without-key-results", severity="error",
    title="Objective without key results",
    rationale="Key results are how an objective is scored; without them nobody can tell whether it was met.",
    hint="Add 2-5 key results that would prove the objective was achieved.",
    good=["Objective: Win the education market\nKR: 30 paying schools by 30 June\nKR: Teacher NPS from 20 to 40 by Q2"],
    bad=["Objective: Win the education market\nObjective: Grow revenue\nKR: ARR from $1M to $1.4M by Q4"],
)
def check(objective: ObjectiveView, okrs: SetView) -> Iterator[Hit]:
    if not objective.key_results:
        yield Hit("This objective has no key results, so it cannot be scored.")
