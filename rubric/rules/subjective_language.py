"""Words that different people would score differently."""

import re
from collections.abc import Iterator

from rubric import lexicon
from rubric.policy import Thresholds
from rubric.registry import Hit, key_result_rule
from rubric.views import Item

_AFTER_NUMBER = re.compile(r"\d\S*\s+or\s+$")


@key_result_rule(
    "subjective-language", severity="info",
    title="Subjective wording",
    rationale="Words like 'better', 'seamless' or 'world-class' mean different things to different "
    "people, so two reviewers would score the same result differently.",
    hint="Replace the adjective with the number that would convince a sceptic: what does 'seamless' mean, measured?",
    good=["Objective: Make checkout painless\nKR: Checkout completion from 61% to 70% by Q3",
          "Objective: Keep readers\nKR: Open rate of 48% or better on every issue by Q3"],
    bad=["Objective: Make checkout painless\nKR: Deliver a seamless checkout experience by Q3"],
)
def check(key_result: Item, thresholds: Thresholds) -> Iterator[Hit]:
    text = key_result.text
    if lexicon.SUBJECTIVE_WORDS.isdisjoint(word.lower for word in key_result.facts.words):
        return
    for index, word in enumerate(key_result.facts.words):
        proper_noun = index > 0 and word.text[0].isupper()  # "Best Buy"
        if word.lower in lexicon.SUBJECTIVE_WORDS and not proper_noun \
                and not _AFTER_NUMBER.search(text[max(0, word.start - 12) : word.start]):
            yield Hit(f"'{word.text}' is subjective: people would score it differently.", word.start, word.end)
            return
