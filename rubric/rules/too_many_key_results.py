"""Too many key results under one objective turn it into a checklist."""

from collections.abc import Iterator

from rubric.registry import Hit, objective_rule
from rubric.views import ObjectiveView, SetView


@objective_rule(
    "too-many-key-results", severity="warning",
    title="Too many key results",
    rationale="More than 5 key results per objective turn it into a checklist and blur what success means.",
    hint="Keep the 3-5 key results that best prove the objective; demote the rest to tasks or KPIs.",
    good=["Objective: Grow the blog\nKR: Visits from 8k to 12k per month\n"
          "KR: Sign-ups from blog from 90 to 150 per month"],
    bad=["Objective: Grow the blog\n" + "\n".join(f"KR: Metric {n} from 10 to 20 by Q3" for n in "ABCDEF")],
)
def check(objective: ObjectiveView, okrs: SetView) -> Iterator[Hit]:
    count, limit = len(objective.key_results), okrs.thresholds.max_key_results
    if count > limit:
        yield Hit(f"This objective has {count} key results; more than {limit} blurs what success means.")
