"""A direction without a destination cannot be scored."""

from collections.abc import Iterator

from rubric.policy import Thresholds
from rubric.registry import Hit, key_result_rule
from rubric.views import Item


@key_result_rule(
    "vague-change", severity="error",
    title="Change without a target",
    rationale="'Increase X' says which way to go but not how far: any improvement, however small, would "
    "count as success, so the key result cannot be scored.",
    hint="Add the target (and the baseline): 'Increase <metric> from <baseline> to <target> by <deadline>'.",
    good=["Objective: Be known in our niche\nKR: Increase aided brand recall from 12% to 20% by Q4"],
    bad=["Objective: Be known in our niche\nKR: Increase brand awareness",
         "Objective: Nurture leads\nKR: Improve lead nurturing with targeted content by Q3"],
)
def check(key_result: Item, thresholds: Thresholds) -> Iterator[Hit]:
    facts = key_result.facts
    if facts.direction_word is not None and facts.direction != "hold" and not facts.has_target \
            and not facts.placeholders:
        yield Hit(f"'{facts.direction_word.text}' says which way to go but not how far: there is no target.")
