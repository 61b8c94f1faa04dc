"""Spot two goals or two measures joined into one: "Improve onboarding and reduce churn".

Shared by the objective and key-result rules. The text is split at the conjunctions the catalog
names; each side is then read on its own: does it have its own verb, its own target? Two verbs
on one object ("Sign and activate 50 customers", "Find and fix 20 bugs") and lists of nouns
("messaging and positioning") are not compound. Words are read once; every conjunction is then
judged from indexes, so the cost stays linear however many conjunctions there are.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from itertools import pairwise

from rubric import lexical
from rubric import lexicon as lx
from rubric.analysis import Facts, Span

_CONJUNCTION = re.compile(r"\s+(?:as\s+well\s+as|and(?:\s+and)?|&|plus)\s+|\s*;\s*", re.IGNORECASE)
_COMMA = re.compile(r",\s+(?:and\s+)?")
_ON_TIME_AND_BUDGET = re.compile(r"\bon\s+time\s+and\s+(?:within|on|under)\s+budget\b", re.IGNORECASE)
_MAX_JOINS = 12  # conjunctions judged per item: more is a list, not two goals


def _may_join(text: str) -> bool:
    """A cheap test for any conjunction at all, before the real scan."""
    lowered = text.lower()
    return ";" in text or "&" in text or " and " in lowered or " plus " in lowered or " as well as " in lowered


def compound_goal(facts: Facts) -> Span | None:
    """The conjunction joining two goals, each with its own verb, or None."""
    if not _may_join(facts.text):
        return None
    joins = _joins(_CONJUNCTION, facts.text)
    sides = _Sides(facts) if joins else None
    for match in joins:
        if sides is not None and sides.two_goals(match.start(), match.end()):
            return match.start(), match.end()
    return None


def compound_measure(facts: Facts) -> Span | None:
    """The conjunction joining two measures (each with its own metric), or None."""
    text = facts.text
    if not _may_join(text) and "," not in text:
        return None
    if idiom := _ON_TIME_AND_BUDGET.search(text):
        return idiom.start(), idiom.end()
    joins, commas = _joins(_CONJUNCTION, text), _joins(_COMMA, text)
    if not joins and not commas:
        return None
    sides = _Sides(facts)
    for match in joins:
        if _joins_two_measures(facts, sides, match):
            return match.start(), match.end()
    for match in commas:  # "Grow ARR by 15%, cut churn to 2%": two verbs, two targets
        start, end = match.start(), match.end()
        if sides.target_before(start) and sides.target_after(end) and sides.two_goals(start, end):
            return start, end
    return None


def _joins_two_measures(facts: Facts, sides: _Sides, match: re.Match[str]) -> bool:
    """Whether one 'and' / '&' / ';' joins two measures, judged from each side's own verb, metric and target."""
    start, end = match.start(), match.end()
    left_target, right_target = sides.target_before(start), sides.target_after(end)
    if sides.between_before(start):
        return False
    if sides.two_goals(start, end) and (left_target or right_target or sides.two_directions(start, end)):
        return True
    if facts.direction_word is not None and sides.two_metrics(start, end):
        return True  # "Increase activation and retention by 10%": one verb, two metrics
    if left_target and right_target and sides.metric_after(end):
        return True
    return match.group().strip() == ";" and bool(left_target) and sides.words_after(end) >= 2


def _joins(pattern: re.Pattern[str], text: str) -> list[re.Match[str]]:
    found = []
    for match in pattern.finditer(text):
        found.append(match)
        if len(found) == _MAX_JOINS:
            break
    return found


class _Sides:
    """The words and targets on either side of a position, answered from indexes built once."""

    def __init__(self, facts: Facts) -> None:
        content_start = facts.content[0]
        self.text = facts.text
        self.words = [w for w in facts.words if w.start >= content_start and w.lower not in {"and", "plus"}]
        self.starts = [w.start for w in self.words]
        self.ends = [w.end for w in self.words]
        self.number_ends = [n.end for n in facts.numbers]
        self.number_starts = [n.start for n in facts.numbers]
        self._first_verb: int | None = None

    def verb_before(self, index: int) -> bool:
        """A verb among words[:index + 1] (the first verb is found once, usually at the first word)."""
        if self._first_verb is None:
            self._first_verb = next((i for i, word in enumerate(self.words) if self._is_verb_at(i)), len(self.words))
        return self._first_verb <= index

    def _is_verb_at(self, index: int) -> bool:
        word = self.words[index].lower
        following = self.words[index + 1].lower if index + 1 < len(self.words) else ""
        return word in lx.COMMON_VERBS or _is_verb(word, following) or (index == 0 and _past(word))

    def _left(self, position: int) -> int:
        """Index of the last word ending at or before `position` (-1: none)."""
        return bisect_right(self.ends, position) - 1

    def _right(self, position: int) -> int:
        """Index of the first word starting at or after `position`."""
        return bisect_left(self.starts, position)

    def target_before(self, position: int) -> bool:
        return bool(self.number_ends) and self.number_ends[0] <= position

    def target_after(self, position: int) -> bool:
        return bool(self.number_starts) and self.number_starts[-1] >= position

    def words_after(self, position: int) -> int:
        return len(self.words) - self._right(position)

    def between_before(self, position: int) -> bool:
        """'between A and B' is a range, not two measures."""
        left = self._left(position)
        return left >= 1 and self.words[left - 1].lower == "between"

    def metric_after(self, position: int) -> bool:
        right = self._right(position)
        return right < len(self.words) and self.words[right].lower not in lx.STOP_WORDS \
            and self.words[right].lower not in lx.SAME_MEASURE

    def two_goals(self, start: int, end: int) -> bool:
        """Each side has its own verb: the right side opens with one and the left holds one of its own."""
        left, right = self._left(start), self._right(end)
        if left < 0 or right >= len(self.words):
            return False
        if self._verbs_only(left):
            return False  # "Sign and activate ...", "Build, test and ship ...": verbs sharing one object
        if not self.verb_before(left):
            return False
        words = self.words
        if words[right].lower.endswith("ly") and right + 1 < len(words):
            right += 1
        verb = words[right].lower
        if verb in lx.SAME_MEASURE:
            return False
        following = words[right + 1].lower if right + 1 < len(words) else ""
        if _past(verb) and _past(self.words[0].lower):  # "Launched X and doubled Y"
            return verb in lx.COMMON_VERBS or lexical.can_be_verb(verb)
        return _is_verb(verb, following)

    def two_directions(self, start: int, end: int) -> bool:
        """Both sides move a metric of their own: 'Increase MRR and reduce churn'."""
        left, right = self._left(start), self._right(end)
        return left >= 1 and right < len(self.words) and self.words[right].lower in lx.DIRECTION_VERBS \
            and any(w.lower in lx.DIRECTION_VERBS for w in self.words[: left + 1])

    def two_metrics(self, start: int, end: int) -> bool:
        """The words either side of the conjunction both name a metric ('NPS and CSAT', 'cost and time')."""
        left, right = self._left(start), self._right(end)
        return left >= 1 and right < len(self.words) and self.words[left].lower in lx.METRIC_WORDS \
            and self.words[right].lower in lx.METRIC_WORDS

    def _verbs_only(self, left: int) -> bool:
        """The left side ends in verbs that share the right side's object: one verb alone ('Sign and
        activate'), verbs listed with commas ('Identify, qualify and close'), or a verb after a modal
        or 'to' ('who can design and build')."""
        last = self.words[left].lower
        is_verb = lexical.is_base_verb(last) or last in lx.COMMON_VERBS
        if left == 0:
            return is_verb
        before = self.words[left - 1]
        if is_verb and before.lower in lx.MODALS:
            return True
        if is_verb and self.text[before.end : self.words[left].start].strip() == "," and (
            lexical.is_base_verb(before.lower) or before.lower in lx.COMMON_VERBS
        ):
            return True
        listed = self.words[: left + 1]
        return all(self.text[a.end : b.start].strip() == "," for a, b in pairwise(listed)) \
            and all(w.lower in lx.COMMON_VERBS or lexical.is_base_verb(w.lower) for w in listed)


def _past(word: str) -> bool:
    return word.endswith("ed") and lexical.verb_lemma(word) not in {None, word}


def _is_verb(word: str, following: str) -> bool:
    """Whether `word` opens a clause of its own as a verb, given the word after it."""
    if word in lx.COMMON_VERBS:
        if word.endswith(("ing", "ed")) and lexical.verb_lemma(word) != word:  # not "speed", "bring"
            return False
        ambiguous = word in lx.NOUN_LIKE_VERBS
    elif lexical.is_base_verb(word):
        ambiguous = bool(lexical.parts_of_speech(word) & {"NOUN", "ADJ"})
    else:
        return False
    if following in lx.METRIC_NOUNS and word in lx.ACTIVITY_VERBS:
        return False  # "build and deploy time", "review and test coverage": a noun compound
    if not ambiguous:
        return True
    if not following:
        return False
    return following in lx.OBJECT_MARKERS or following.endswith("ly") or following[:1].isdigit() \
        or following[:1] in "$€£"

