"""Business as usual is a KPI, not an objective."""

from collections.abc import Iterator

from rubric import lexicon
from rubric.registry import Hit, objective_rule
from rubric.views import ObjectiveView, SetView


@objective_rule(
    "maintenance-objective", severity="warning",
    title="Maintenance objective",
    rationale="An objective that only keeps the status quo is business as usual: track it as a KPI and "
    "spend the OKR on change.",
    hint="Track the level you want to hold as a KPI; write the objective about what should change.",
    good=["Objective: Make our culture visible to candidates\nKR: Offer acceptance from 70% to 82% by Q4"],
    bad=["Objective: Maintain our culture through growth\nKR: Offer acceptance from 70% to 82% by Q4"],
)
def check(objective: ObjectiveView, okrs: SetView) -> Iterator[Hit]:
    words = objective.facts.words
    if words and words[0].lower in lexicon.MAINTENANCE_OBJECTIVE_VERBS:
        yield Hit(f"The objective only keeps the status quo ('{words[0].text}').", words[0].start, words[0].end)
