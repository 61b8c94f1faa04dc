"""Focus: a set with many objectives has no priorities."""

from collections.abc import Iterator

from rubric.registry import Hit, set_rule
from rubric.views import SetView


@set_rule(
    "too-many-objectives", severity="warning",
    title="Too many objectives",
    rationale="OKRs are about focus: sources agree on at most 3 objectives per set (5 at the very most). "
    "Every extra objective dilutes attention from the ones that matter.",
    hint="Keep the 3 objectives that matter most this cycle; move the rest to the backlog or track them as KPIs.",
    good=["Objective: Win the mid-market\nKR: 40 new mid-market logos by Q3\nKR: Win rate from 18% to 25% by Q3"],
    bad=["\n".join(f"Objective: Goal number {n} for the team\nKR: Metric {n} from 10 to 20 by Q3" for n in "ABCD")],
)
def check(okrs: SetView) -> Iterator[Hit]:
    count, limits = len(okrs.objectives), okrs.thresholds
    if count > limits.max_objectives:
        error = count > limits.max_objectives_error
        limit = limits.max_objectives_error if error else limits.max_objectives
        yield Hit(
            f"This set has {count} objectives; keep it to {limits.max_objectives} or fewer.",
            severity="error" if error else None, anchor=(limit, None),
        )
