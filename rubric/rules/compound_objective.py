"""Two goals in one objective cannot both be the focus."""

from collections.abc import Iterator

from rubric.compound import compound_goal
from rubric.registry import Hit, objective_rule
from rubric.views import ObjectiveView, SetView


@objective_rule(
    "compound-objective", severity="info",
    title="Compound objective",
    rationale="An objective that joins two goals, each with its own verb, splits focus and makes "
    "key results ambiguous: which goal does each one prove?",
    hint="Split it into two objectives, or choose the one that matters more this cycle.",
    good=["Objective: Clarify product messaging and positioning\nKR: Win rate on demos from 20% to 28% by Q3"],
    bad=["Objective: Improve onboarding and reduce churn\nKR: Activation from 30% to 45% by Q3"],
)
def check(objective: ObjectiveView, okrs: SetView) -> Iterator[Hit]:
    if span := compound_goal(objective.facts):
        yield Hit("The objective joins two goals, each with its own verb.", *span)
