"""Targets many times the baseline are usually a typo or a wish."""

from collections.abc import Iterator

from rubric.policy import Thresholds
from rubric.registry import Hit, key_result_rule
from rubric.values import comparable
from rubric.views import Item


@key_result_rule(
    "unrealistic-target", severity="warning",
    title="Unrealistic target",
    rationale="Stretch is good, but 5x the baseline in one cycle (or a fifth of it) is usually a typo, a "
    "wish, or a sign the metric is the wrong one.",
    hint="Check the numbers; if they are right, split the jump over several cycles or explain the lever.",
    good=["Objective: Grow the pipeline\nKR: Qualified pipeline from $1.5M to $3M by Q4"],
    bad=["Objective: Grow the pipeline\nKR: Grow qualified pipeline from $400k to $2.5M by EOQ",
         "Objective: Grow partners\nKR: Grow partner-sourced deals 5x by Q4"],
)
def check(key_result: Item, thresholds: Thresholds) -> Iterator[Hit]:
    facts, limits = key_result.facts, thresholds
    target = facts.target
    if target is None:
        return
    if target.multiplier and target.value >= limits.unrealistic_multiplier:
        yield Hit(f"A {target.text} jump in one cycle is rarely realistic.", target.start, target.end)
    elif facts.target_kind == "change" and target.unit == "percent" \
            and target.value >= limits.unrealistic_change_percent:
        yield Hit(f"A change of {target.text} in one cycle is rarely realistic.", target.start, target.end)
    elif facts.baseline is not None and facts.target_kind == "level":
        values = comparable(facts.baseline, target)
        if values is None or not all(values):
            return
        ratio = values[1] / values[0]
        if ratio >= limits.unrealistic_ratio or 0 < ratio <= 1 / limits.unrealistic_ratio:
            yield Hit(
                f"The target is {max(ratio, 1 / ratio):.1f}x away from the baseline in one cycle.",
                facts.baseline.start, target.end,
            )
