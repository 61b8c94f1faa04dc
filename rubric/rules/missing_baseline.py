"""A target without a starting point hides how ambitious it is."""

from collections.abc import Iterator

from rubric.policy import Thresholds
from rubric.registry import Hit, key_result_rule
from rubric.views import Item


@key_result_rule(
    "missing-baseline", severity="info",
    title="No baseline",
    rationale="'Grow followers by 30%' or 'to 2,000' hides where you start, so nobody can judge how "
    "ambitious the target is or measure progress along the way.",
    hint="Add the starting value: 'from <baseline> to <target>' or '(currently <baseline>)'.",
    good=["Objective: Grow our audience\nKR: Grow social media following from 10k to 13k by Q3"],
    bad=["Objective: Grow our audience\nKR: Grow social media following by 30% by Q3",
         "Objective: Grow our audience\nKR: Increase weekly clicks to 2,000 by Q3"],
)
def check(key_result: Item, thresholds: Thresholds) -> Iterator[Hit]:
    facts = key_result.facts
    if facts.direction_word is not None and facts.direction != "hold" and facts.target is not None \
            and facts.baseline is None and not facts.letter_placeholder:
        target = facts.target
        yield Hit(f"The target ({target.text}) has no baseline to compare with.", target.start, target.end)
