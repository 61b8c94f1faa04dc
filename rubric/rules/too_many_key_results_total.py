"""Focus across the whole set."""

from collections.abc import Iterator

from rubric.registry import Hit, set_rule
from rubric.views import SetView


@set_rule(
    "too-many-key-results-total", severity="warning",
    title="Too many key results in the set",
    rationale="More than a dozen key results cannot all be tracked weekly; the set becomes a task list.",
    hint="Cut to the key results that best prove each objective; track the rest as KPIs or tasks.",
    good=["Objective: Grow the newsletter\nKR: Subscribers from 1,000 to 1,600 by Q3\n"
          "KR: Open rate from 38% to 45% by Q3"],
    bad=["\n".join(
        f"Objective: Objective {o}\n" + "\n".join(f"KR: Metric {o}{k} from 10 to 20 by Q3" for k in range(5))
        for o in "ABC"
    )],
)
def check(okrs: SetView) -> Iterator[Hit]:
    limit = okrs.thresholds.max_key_results_total
    pairs = list(okrs.key_results())
    if len(pairs) > limit:
        objective, key_result = pairs[limit]
        yield Hit(
            f"This set has {len(pairs)} key results in total; more than {limit} is hard to track.",
            anchor=(objective.index, key_result.index),
        )
