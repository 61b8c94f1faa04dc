"""Template leftovers: TBD, X%, [feature]."""

from collections.abc import Iterator

from rubric.policy import Thresholds
from rubric.registry import Hit, key_result_rule
from rubric.views import Item


@key_result_rule(
    "placeholder", severity="error", objectives=True,
    title="Placeholder instead of a value",
    rationale="TBD, X% or [feature] are template leftovers: until they are filled in the OKR cannot be "
    "agreed, let alone scored.",
    hint="Replace the placeholder with the real value or name; if the value is unknown, measure the baseline first.",
    good=["Objective: Bring Platform X to the UK\nKR: 12 paying UK customers on Platform X by 30 November"],
    bad=["Objective: Convert more visitors\nKR: Increase UV-to-lead conversion from X% to Y% by Q3",
         "Objective: Fix the top complaints\nKR: Reduce support tickets about [feature] by 60% in Q3",
         "Objective: Launch TBD\nKR: Sign-ups from 100 to 150 by Q3"],
)
def check(item: Item, thresholds: Thresholds) -> Iterator[Hit]:
    for start, end in item.facts.placeholders:
        yield Hit(f"'{item.facts.text[start:end]}' is a placeholder, not a value.", start, end)
        return
