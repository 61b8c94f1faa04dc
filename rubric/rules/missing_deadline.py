"""Without a time frame a key result is never late."""

from collections.abc import Iterator

from rubric.registry import Hit, key_result_in_context_rule
from rubric.views import Item, ObjectiveView, SetView


@key_result_in_context_rule(
    "missing-deadline", severity="warning",
    title="No deadline",
    rationale="A key result without a time frame is never late. The deadline can sit in the key result, "
    "beside it (a table's Due column), in its objective or the set's cycle; here it is in none of them.",
    hint="Add a deadline ('by 30 September', 'in Q3') or set the cycle for the whole set.",
    good=["Objective: Grow the newsletter\nKR: Subscribers from 1,000 to 1,500 by 30 September"],
    bad=["Objective: Grow the newsletter\nKR: Subscribers from 1,000 to 1,500"],
)
def check(key_result: Item, objective: ObjectiveView, okrs: SetView) -> Iterator[Hit]:
    if not okrs.cycle and not key_result.has_deadline and not objective.facts.has_time:
        yield Hit("No deadline: neither the key result, its objective nor the set says by when.")
