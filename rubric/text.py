"""Tokenising and comparing short OKR texts."""

from __future__ import annotations

import re
from typing import NamedTuple

from rubric.caching import short_text_cache
from rubric.lexicon import STOP_WORDS

_WORD = re.compile(r"\w+(?:[-'’/.]\w+)*[+%]?")
_SIMPLE_WORD = re.compile(r"[^\W_]+", re.UNICODE)


class Token(NamedTuple):
    """A word and its code-point span (a tuple: built for every word, so it must be cheap)."""

    text: str
    lower: str
    start: int
    end: int


def tokens(text: str) -> list[Token]:
    """Words of `text` with their code-point positions; hyphenated words stay whole."""
    return [Token(word := m.group(), word.lower(), *m.span()) for m in _WORD.finditer(text)]


def content_words(text: str) -> list[str]:
    """Lower-cased words without stop words, hyphens split, for similarity comparisons."""
    words = []
    for match in _SIMPLE_WORD.finditer(text.lower()):
        word = match.group()
        if word in STOP_WORDS:
            continue
        words.append(word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word)
    return words


def word_set(text: str, *, numbers: bool = True) -> frozenset[str]:
    """The set of `content_words` (optionally without numbers), cached: rules compare these a lot."""
    return _word_set(text) if numbers else _word_set_without_numbers(text)


@short_text_cache(maxsize=16384)
def _word_set(text: str) -> frozenset[str]:
    return frozenset(content_words(text))


@short_text_cache(maxsize=16384)
def _word_set_without_numbers(text: str) -> frozenset[str]:
    return frozenset(w for w in content_words(text) if not w[:1].isdigit())


def overlap(a: frozenset[str] | set[str], b: frozenset[str] | set[str]) -> float:
    """Jaccard overlap of two word sets (0 when either is empty)."""
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def similar(a: frozenset[str] | set[str], b: frozenset[str] | set[str], threshold: float) -> bool:
    """True when two word sets are the same, one contains the other, or they overlap enough."""
    if not a or not b:
        return False
    return a <= b or b <= a or overlap(a, b) >= threshold


def count_sentences(text: str) -> int:
    """Sentences in `text`, not splitting at abbreviations such as 'e.g.', 'U.S.' or 'vs.'."""
    return 1 + len(_SENTENCE_BREAK.findall(text.strip()))


_SENTENCE_BREAK = re.compile(r"(?<![A-Z])(?<!\b[a-z])(?<!\be\.g)(?<!\bi\.e)(?<!\bvs)(?<!\betc)[.!?]+\s+(?=[A-Z])")


def near_duplicate(a: frozenset[str], b: frozenset[str], threshold: float) -> bool:
    """The same words, or word overlap at or above `threshold` (the catalog's 'nearly so')."""
    if not a or not b:
        return False
    shared = len(a & b)
    return shared >= threshold * (len(a) + len(b) - shared)  # Jaccard overlap, without building the union
