"""A key result that repeats its objective adds nothing measurable."""

from collections.abc import Iterator

from rubric.registry import Hit, key_result_in_context_rule
from rubric.text import similar, word_set
from rubric.views import Item, ObjectiveView, SetView


@key_result_in_context_rule(
    "restates-objective", severity="info",
    title="Restates the objective",
    rationale="A key result should say how the objective will be measured. One that repeats the objective "
    "without a target adds nothing.",
    hint="Ask 'how would we know?' and write the number that proves the objective, not the objective again.",
    good=["Objective: Improve support quality\nKR: QA-failed replies from 9% to 4% by Q3"],
    bad=["Objective: Improve support quality\nKR: Improve support quality across all channels"],
)
def check(key_result: Item, objective: ObjectiveView, okrs: SetView) -> Iterator[Hit]:
    if key_result.facts.has_target:
        return
    kr_words, objective_words = word_set(key_result.text, numbers=False), word_set(objective.title, numbers=False)
    if similar(kr_words, objective_words, okrs.thresholds.restate_similarity):
        yield Hit("The key result repeats its objective instead of saying how it will be measured.")
