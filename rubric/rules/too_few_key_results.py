"""One key result rarely captures an objective."""

from collections.abc import Iterator

from rubric.registry import Hit, objective_rule
from rubric.views import ObjectiveView, SetView


@objective_rule(
    "too-few-key-results", severity="info",
    title="Only one key result",
    rationale="Sources agree on 2-5 key results per objective: one number rarely captures an objective, "
    "and a single metric is easy to game (GitLab allows one).",
    hint="Add a key result that covers another side of the objective, or a counter-balancing quality metric.",
    good=["Objective: Make onboarding self-serve\nKR: Activation from 35% to 50% by Q3\n"
          "KR: Onboarding tickets per 100 sign-ups from 12 to 6 by Q3"],
    bad=["Objective: Make onboarding self-serve\nKR: Activation from 35% to 50% by Q3"],
)
def check(objective: ObjectiveView, okrs: SetView) -> Iterator[Hit]:
    count = len(objective.key_results)
    if 0 < count < okrs.thresholds.min_key_results:
        yield Hit(f"This objective has {count} key result; {okrs.thresholds.min_key_results}-5 is usual.")
