"""Words that different people would score differently."""

import re
from collections.abc import Iterator

from rubric import lexicon
from rubric.policy import Thresholds
from rubric.registry import Hit, key_result_rule
from rubric.text import Token
from rubric.views import Item

_AFTER_NUMBER = re.compile(r"\d\S*\s+or\s+$")
_SENTENCE_BREAKS = frozenset(":.;!?-–—)]>|")


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
    text, words = key_result.text, key_result.facts.words
    if lexicon.SUBJECTIVE_WORDS.isdisjoint(word.lower for word in words):
        return
    for index, word in enumerate(words):
        if word.lower in lexicon.SUBJECTIVE_WORDS and not _names_something(text, words, index) \
                and not _AFTER_NUMBER.search(text[max(0, word.start - 12) : word.start]):
            yield Hit(f"'{word.text}' is subjective: people would score it differently.", word.start, word.end)
            return


def _names_something(text: str, words: tuple[Token, ...], index: int) -> bool:
    """'Best Buy', 'Great Lakes', 'at Great Place': a capitalised word inside a name, not a qualifier."""
    word = words[index]
    if not word.text[0].isupper():
        return False
    following = words[index + 1].text if index + 1 < len(words) else ""
    if following[:1].isupper() and following[1:2].islower():
        return True  # followed by another capitalised word: a name
    starts_sentence = index == 0 or text[: word.start].rstrip()[-1:] in _SENTENCE_BREAKS \
        or text[words[index - 1].start - 1 : words[index - 1].start] in {"#", "@"}
    return not starts_sentence
