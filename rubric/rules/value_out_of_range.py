"""Impossible levels: a share above 100%, NPS above 100, 6/5 stars."""

from collections.abc import Iterator

from rubric.policy import Thresholds
from rubric.registry import Hit, key_result_rule
from rubric.values import impossible_level
from rubric.views import Item


@key_result_rule(
    "value-out-of-range", severity="error",
    title="Impossible value",
    rationale="A rate above 100%, an NPS above 100 or a rating above its scale cannot happen; the target "
    "is a typo or measures something else.",
    hint="Fix the number, or say what is really meant (a relative change such as 'by 20%' is fine).",
    good=["Objective: Help customers help themselves\nKR: Self-service resolution share from 35% to 60% by Q4",
          "Objective: Beat the plan\nKR: Reach 130% of plan on renewals by EOY"],
    bad=["Objective: Help customers help themselves\nKR: Self-service resolution share from 35% to 120% by Q4",
         "Objective: Win back trust\nKR: App Store rating from 4.4 to 5.2 out of 5 by Q2"],
)
def check(key_result: Item, thresholds: Thresholds) -> Iterator[Hit]:
    facts = key_result.facts
    if facts.target is not None and facts.target_kind == "level" and (reason := impossible_level(facts)):
        yield Hit(reason, facts.target.start, facts.target.end)
