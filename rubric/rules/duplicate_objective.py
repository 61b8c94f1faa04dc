"""Two objectives saying the same thing split ownership and double count progress."""

from collections.abc import Iterator

from rubric.registry import Hit, set_rule
from rubric.text import near_duplicate, word_set
from rubric.views import SetView


@set_rule(
    "duplicate-objective", severity="warning",
    title="Duplicate objective",
    rationale="Two objectives that say the same thing split effort and double count progress.",
    hint="Merge the two objectives and keep the stronger key results of both.",
    good=["Objective: Make deploys boring\nKR: Failed deploys from 8% to 3% by Q3\n"
          "Objective: Make on-call calm\nKR: Pages per week from 30 to 10 by Q3"],
    bad=["Objective: Make deploys boring\nKR: Failed deploys from 8% to 3% by Q3\n"
         "Objective: Make deploys boring!\nKR: Rollbacks from 12 to 4 per month"],
)
def check(okrs: SetView) -> Iterator[Hit]:
    seen: list[tuple[int, frozenset[str]]] = []
    threshold = okrs.thresholds.duplicate_similarity
    for objective in okrs.objectives:
        words = word_set(objective.title)
        for earlier, earlier_words in seen:
            if near_duplicate(words, earlier_words, threshold):
                yield Hit(
                    f"Objective {objective.index + 1} repeats objective {earlier + 1}.",
                    objective=objective.index,
                )
                break
        seen.append((objective.index, words))

