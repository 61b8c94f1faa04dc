"""Spot two goals joined into one: "Improve onboarding and reduce churn".

Shared by the objective and key-result rules. Two verbs on one object ("Sign and activate 50
customers") and lists of nouns ("messaging and positioning") are not compound.
"""

from __future__ import annotations

import re

from rubric import lexicon as lx
from rubric.analysis import Facts, Span

_CONJUNCTION = re.compile(r"\s+(?:as\s+well\s+as|and(?:\s+and)?|&|plus)\s+|\s*;\s*", re.IGNORECASE)
_BETWEEN = re.compile(r"\bbetween\s+\S+$")
_WORD = re.compile(r"[^\W\d_][\w'’-]*")
# Words that are verbs or nouns; after "and" they count as a verb only before an object marker.
_AMBIGUOUS = frozenset({
    "test", "plan", "design", "review", "support", "release", "report", "document", "post", "run", "build",
    "call", "help", "update", "draft", "host", "start", "launch", "ship", "research", "use", "scale", "book",
    "close", "own", "focus", "drive", "turn", "put", "train", "email", "read", "lead",
})
_OBJECT_MARKERS = frozenset({
    "the", "a", "an", "our", "my", "their", "its", "your", "all", "more", "every", "each", "new", "up", "out",
    "on", "to", "it", "them", "sure",
})
_ON_TIME_AND_BUDGET = re.compile(r"\bon\s+time\s+and\s+(?:within|on|under)\s+budget\b", re.IGNORECASE)


def _may_join(text: str) -> bool:
    """A cheap test for any conjunction at all, before the real scan."""
    lowered = text.lower()
    return ";" in text or "&" in text or " and " in lowered or " plus " in lowered or " as well as " in lowered


def compound_goal(facts: Facts) -> Span | None:
    """The conjunction joining two goals, each with its own verb, or None."""
    if not _may_join(facts.text):
        return None
    for match in _CONJUNCTION.finditer(facts.text):
        left, right = facts.text[: match.start()], facts.text[match.end() :]
        if _joins_two_goals(left, right):
            return match.start(), match.end()
    return None


def compound_measure(facts: Facts) -> Span | None:
    """The conjunction joining two measures (each with its own metric), or None."""
    if not _may_join(facts.text):
        return None
    if idiom := _ON_TIME_AND_BUDGET.search(facts.text):
        return idiom.start(), idiom.end()
    for match in _CONJUNCTION.finditer(facts.text):
        left, right = facts.text[: match.start()], facts.text[match.end() :]
        left_target = _has_target(facts, 0, match.start())
        right_target = _has_target(facts, match.end(), len(facts.text))
        if _BETWEEN.search(left):
            continue
        if _joins_two_goals(left, right) and (left_target or right_target):
            return match.start(), match.end()
        if left_target and right_target and _starts_with_metric(right):
            return match.start(), match.end()
        if match.group().strip() == ";" and left_target and len(_WORD.findall(right)) >= 2:
            return match.start(), match.end()
    return None


def _has_target(facts: Facts, start: int, end: int) -> bool:
    return any(start <= n.start and n.end <= end for n in facts.numbers)


def _starts_with_metric(right: str) -> bool:
    words = _WORD.findall(right)
    return bool(words) and words[0].lower() not in lx.STOP_WORDS and words[0].lower() not in {"or", "than"}


def _joins_two_goals(left: str, right: str) -> bool:
    left_words = [w.lower() for w in _WORD.findall(left)]
    right_words = [w.lower() for w in _WORD.findall(right)]
    if not left_words or not right_words or _is_base_verb(left_words[-1]):
        return False  # "Track and ensure ...": two verbs sharing one object
    if not any(w in lx.COMMON_VERBS for w in left_words):
        return False
    verb = right_words[0]
    if verb.endswith("ly") and len(right_words) > 1:
        verb, right_words = right_words[1], right_words[1:]
    if not _is_verb(verb):
        return False
    following = right_words[1] if len(right_words) > 1 else ""
    if verb in _AMBIGUOUS or verb.rstrip("s") in _AMBIGUOUS:
        return following in _OBJECT_MARKERS or following.endswith("ly")
    return True


def _is_base_verb(word: str) -> bool:
    return word in lx.COMMON_VERBS and not word.endswith(("ing", "ed")) and (
        not word.endswith("s") or word.endswith("ss")
    )


def _is_verb(word: str) -> bool:
    if word in lx.COMMON_VERBS and not word.endswith("ing") and not word.endswith("ed"):
        return True
    return any(word.endswith(suffix) and word[: -len(suffix)] in lx.COMMON_VERBS for suffix in ("es", "s"))
