"""A long objective is hard to remember and usually hides several goals."""

from collections.abc import Iterator

from rubric.registry import Hit, objective_rule
from rubric.text import count_sentences
from rubric.views import ObjectiveView, SetView


@objective_rule(
    "objective-too-long", severity="info",
    title="Objective too long",
    rationale="An objective should be remembered and repeated; past 20 words or one sentence it is a "
    "paragraph, and usually holds several goals.",
    hint="Cut the objective to one short sentence; put context in a description, not the title.",
    good=["Objective: Make search useful again\nKR: Search success from 48% to 65% by Q3"],
    bad=["Objective: Make search useful again. People should find what they need first time.\n"
         "KR: Search success from 48% to 65% by Q3"],
)
def check(objective: ObjectiveView, okrs: SetView) -> Iterator[Hit]:
    limits = okrs.thresholds
    words = len(objective.facts.words)
    sentences = count_sentences(objective.title)
    if words > limits.max_objective_words:
        yield Hit(f"The objective has {words} words; keep it under {limits.max_objective_words + 1}.")
    elif sentences > limits.max_objective_sentences:
        yield Hit(f"The objective has {sentences} sentences; keep it to one.")
