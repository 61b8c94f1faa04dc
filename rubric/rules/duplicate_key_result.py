"""The same key result twice counts one result twice."""

from collections.abc import Iterator

from rubric.registry import Hit, set_rule
from rubric.text import near_duplicate, word_set
from rubric.views import SetView


@set_rule(
    "duplicate-key-result", severity="warning",
    title="Duplicate key result",
    rationale="The same key result twice in a set counts one result twice and hides a missing one.",
    hint="Keep one copy, under the objective it serves best, and find what the other should measure.",
    good=["Objective: Make incidents rarer\nKR: P1 incidents from 9 to 3 per quarter\n"
          "KR: Mean time to restore from 95 to 40 minutes by Q3"],
    bad=["Objective: Make incidents rarer\nKR: Reduce P1 incidents from 9 to 3 per quarter\n"
         "Objective: Make on-call calmer\nKR: reduce P1 incidents from 9 to 3 per quarter."],
)
def check(okrs: SetView) -> Iterator[Hit]:
    seen: list[tuple[int, int, frozenset[str]]] = []
    threshold = okrs.thresholds.duplicate_similarity
    for objective, key_result in okrs.key_results():
        words = word_set(key_result.text)
        for o, k, earlier in seen:
            if near_duplicate(words, earlier, threshold):
                yield Hit(
                    f"This key result repeats key result {k + 1} of objective {o + 1}.",
                    objective=objective.index, key_result=key_result.index,
                )
                break
        seen.append((objective.index, key_result.index, words))
