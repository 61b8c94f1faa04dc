"""The advisory judgement checks the model may raise (RUBRIC.md, "Judgement checks"): never the rubric's."""

from __future__ import annotations

from dataclasses import dataclass

from coach.coaching.proposal import JudgementCheck
from rubric.models import Level


@dataclass(frozen=True, slots=True)
class Judgement:
    level: Level
    question: str  # what the model is asked to judge
    hint: str  # what the author can do about it


JUDGEMENTS: dict[JudgementCheck, Judgement] = {
    "vague-objective": Judgement("objective", "Is the objective vague or uninspiring?",
                                 "Say where you want to be and why it matters, in words the team remembers."),
    "objective-is-task": Judgement("objective", "Is the objective a task, or does it prescribe the solution?",
                                   "State the outcome the task is for; leave the how to the key results' owners."),
    "vanity-metric": Judgement("key_result", "Does the key result measure a vanity metric?",
                               "Measure something tied to value (retention, revenue, activation), not raw reach."),
    "irrelevant-key-result": Judgement("key_result", "Is the key result unrelated to its objective?",
                                       "Move it under the objective it serves, or replace it."),
    "insufficient-key-results": Judgement("objective", "Would meeting all key results still miss the objective?",
                                          "Add the key result that covers the missing part of the objective."),
    "no-counterbalance": Judgement("objective", "Could the key results be gamed at the expense of quality?",
                                   "Add a counter-balancing key result (quality, cost, or satisfaction)."),
    "no-data-source": Judgement("key_result", "Is there no clear data source for the metric?",
                                "Name where the number will come from, or pick a metric you already track."),
}
