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


def _spaced_forms() -> dict[str, tuple[tuple[str, ...], ...]]:
    """'world class', 'best in class', 'high quality': hyphenated qualifiers written with spaces, by first word."""
    forms: dict[str, tuple[tuple[str, ...], ...]] = {}
    for qualifier in sorted(w for w in lexicon.SUBJECTIVE_WORDS if "-" in w):
        parts = tuple(qualifier.split("-"))
        forms[parts[0]] = (*forms.get(parts[0], ()), parts)
    return forms


_SPACED = _spaced_forms()
_SPACED_STARTS = frozenset(_SPACED)


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
    lowered = [word.lower for word in words]
    if lexicon.SUBJECTIVE_WORDS.isdisjoint(lowered) and _SPACED_STARTS.isdisjoint(lowered):
        return
    for index, word in enumerate(words):
        last = _qualifier_end(lowered, index)
        if last is not None and not _names_something(text, words, index) \
                and not _AFTER_NUMBER.search(text[max(0, word.start - 12) : word.start]):
            quoted = text[word.start : words[last].end]
            yield Hit(f"'{quoted}' is subjective: people would score it differently.", word.start, words[last].end)
            return


def _qualifier_end(lowered: list[str], index: int) -> int | None:
    """Index of the last word of a subjective qualifier starting at `index`: 'robust', or 'world class'
    written with spaces for 'world-class'; None when none starts there."""
    for phrase in _SPACED.get(lowered[index], ()):
        if tuple(lowered[index : index + len(phrase)]) == phrase:
            return index + len(phrase) - 1
    return index if lowered[index] in lexicon.SUBJECTIVE_WORDS else None


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
