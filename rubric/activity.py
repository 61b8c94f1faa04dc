"""Tell the team's own work from the result it should cause (RUBRIC.md activity-key-result).

Read from the sentence's structure, not its first word alone:
- it opens with an activity verb in any inflection ("Launch", "Rolled out", "Kick off");
- it reports a deliverable as done: a noun phrase with a completion participle or state in
  predicate position ("Partner portal v2 shipped", "pricing page redesigned and tested",
  "dashboard live", "checklist complete");
- it counts the team's own output ("4 customer stories", "posting frequency from 1x to 10x",
  "calls made"), unless it opens with a verb of result ("Book 120 meetings");
- it states time the team spends per period ("20 minutes a day").
"""

from __future__ import annotations

import re

from rubric import lexical
from rubric import lexicon as lx
from rubric.quantities import Number
from rubric.text import Token

Span = tuple[int, int]

_AFTER_PREDICATE = lx.STOP_WORDS | lx.LINKING_PREPOSITIONS | lx.AFTER_PREDICATE
_CONTINUES_PHRASE = _AFTER_PREDICATE | lx.COUNT_NOUNS  # words after an output noun that leave it the head
_MULTIWORD_STATES = tuple(sorted((s.split() for s in lx.COMPLETION_STATES if " " in s), key=len, reverse=True))
_STATE_STARTS = frozenset(phrase[0] for phrase in _MULTIWORD_STATES)
_PARTICIPLE_STARTS = frozenset(form.split()[0] for form in lx.ACTIVITY_PARTICIPLES) | lx.WORK_ITEM_PARTICIPLES \
    | lx.COMPLETION_STATES | _STATE_STARTS
_MARKED = lx.OUTCOME_WORDS | lx.WORK_ITEMS | lx.AUXILIARIES
_WORDS_OF_INTEREST = _PARTICIPLE_STARTS | lx.OWN_OUTPUT_NOUNS | lx.ACTIVITY_VERBS
_TRAILING_PUNCTUATION = re.compile(r"[\s,.;:!?)\]]*")


class _Marks:
    """Where the words that change a reading sit, found on first need (most items never need them),
    so that each later test is O(1)."""

    __slots__ = ("_found", "_words")

    def __init__(self, words: list[Token]) -> None:
        self._words = words
        self._found: tuple[int, int, int] | None = None

    def _scan(self) -> tuple[int, int, int]:
        if self._found is None:
            words = self._words
            last_outcome, first_work, first_auxiliary = -1, len(words), len(words)
            for index, word in enumerate(words):
                lowered = word.lower
                if lowered in _MARKED:
                    if lowered in lx.OUTCOME_WORDS:
                        last_outcome = index
                    if lowered in lx.WORK_ITEMS:
                        first_work = min(first_work, index)
                    if lowered in lx.AUXILIARIES:
                        first_auxiliary = min(first_auxiliary, index)
            self._found = last_outcome, first_work, first_auxiliary
        return self._found

    def outcome_after(self, index: int) -> bool:
        """A word naming others' response ('adopted', 'used') comes after `index`."""
        return self._scan()[0] > index

    @property
    def first_work_item(self) -> int:
        return self._scan()[1]

    @property
    def first_auxiliary(self) -> int:
        return self._scan()[2]


def read_activity(text: str, words: list[Token], numbers: tuple[Number, ...], time_spans: tuple[Span, ...], *,
                  direction: bool, baseline: bool, target: Number | None) -> Span | None:
    """The span of the word that makes the key result an activity, or None for a result."""
    if not words:
        return None
    marks = _Marks(words)
    if span := _opening_activity(words, marks, baseline=baseline):
        return span
    if not direction and (span := _effort_time(numbers, time_spans)):
        return span
    counts = words[0].lower not in lx.OUTCOME_VERBS  # "Book 120 meetings" counts a result
    count_named = target is not None and target.unit not in {"percent", "currency"} and (baseline or direction)
    for index, word in enumerate(words):
        lowered = word.lower
        if lowered not in _WORDS_OF_INTEREST:
            continue  # most words can start none of the readings below
        if index > 0 and (span := _reports_done(text, words, index, marks, time_spans, baseline=baseline)):
            return span
        if counts and _counts_output(text, words, index, marks, numbers, count_named=count_named):
            return word.start, word.end
        if index > 0 and lowered in lx.ACTIVITY_VERBS and _after_clause_break(text, word) \
                and _is_activity_verb(words, index, marks, base_only=True):
            return word.start, word.end
    return None


def _opening_activity(words: list[Token], marks: _Marks, *, baseline: bool) -> Span | None:
    first = words[0]
    if not _is_activity_verb(words, 0, marks, base_only=False):
        return None
    if baseline and _names_metric(words):
        return None  # "Plan upgrades per month from 40 to 60", "Onboarded teams ... 45% -> 60%": a metric's name
    if len(words) > 1 and f"{first.lower} {words[1].lower}" in lx.ACTIVITY_VERBS:
        return first.start, words[1].end
    return first.start, first.end


def _names_metric(words: list[Token]) -> bool:
    """The opening word heads a noun phrase: a past participle or a noun-like verb before a noun, not an object."""
    if len(words) < 2:
        return False
    first, second = words[0].lower, words[1].lower
    if second in lx.DETERMINERS or second[:1].isdigit() or second in lx.PARTICLES or second in lx.NUMBER_WORDS:
        return False
    past = first in lx.ACTIVITY_PARTICIPLES and first != lexical.verb_lemma(first)
    return past or "NOUN" in lexical.parts_of_speech(first)


def _is_activity_verb(words: list[Token], index: int, marks: _Marks, *, base_only: bool) -> bool:
    """Whether the word at `index` opens an activity: an activity verb used as a verb there."""
    word = words[index].lower
    following = words[index + 1].lower if index + 1 < len(words) else ""
    alone = index + 1 == len(words)
    stem = word[3:] if word.startswith("re-") else word
    if following in lx.PARTICLES and f"{stem} {following}" in lx.ACTIVITY_VERBS:
        return True
    if stem not in lx.ACTIVITY_VERBS or stem == "leads":
        return False
    if following in lx.NOT_ACTIVITY_AFTER.get(stem, ()) or following in lx.METRIC_NOUNS:
        return False
    if following in lx.COMPOUND_HEADS and "NOUN" in lexical.parts_of_speech(stem):
        return False  # "Design docs", "Test system": a noun compound
    if stem.endswith("ing"):
        return not base_only and (following in lx.DETERMINERS or following[:1].isdigit())
    if stem in lx.ACTIVITY_PARTICIPLES and stem != lexical.verb_lemma(stem):
        # "Launched the new site": past tense reports the work; "Written docs adopted by ...": others' response.
        return not base_only and (alone or not marks.outcome_after(index))
    return not stem.endswith("s") or stem.endswith("ss") or alone


def _reports_done(text: str, words: list[Token], index: int, marks: _Marks, time_spans: tuple[Span, ...], *,
                  baseline: bool) -> Span | None:
    """A deliverable stated as done: '<noun phrase> shipped / live / completed [by <date>]'."""
    word = words[index]
    if word.lower not in _PARTICIPLE_STARTS:
        return None
    state, end_index = _state_at(words, index)
    participle, end_index = _participle_at(words, index, end_index)
    work_item = word.lower in lx.WORK_ITEM_PARTICIPLES and marks.first_work_item < index
    if not (state or participle or work_item):
        return None
    previous = words[index - 1].lower
    if _not_a_predicate(previous, marks, index):
        return None
    if participle and not state and not work_item and _participle_in_metric(word.lower, previous, baseline=baseline):
        return None
    if marks.outcome_after(end_index):
        return None
    following = words[end_index + 1] if end_index + 1 < len(words) else None
    if following is not None and not _predicate_position(text, words[end_index], following, time_spans):
        return None  # "live chat", "completed onboarding": the participle describes a noun
    return word.start, words[end_index].end


def _participle_at(words: list[Token], index: int, end_index: int) -> tuple[bool, int]:
    """Whether an activity participle starts at `index` ('shipped'; phrasal: 'stood up', 'rolled out'), and
    the index of its last word."""
    word = words[index].lower
    if end_index + 1 < len(words) and f"{word} {words[end_index + 1].lower}" in lx.ACTIVITY_PARTICIPLES:
        return True, end_index + 1
    return word in lx.ACTIVITY_PARTICIPLES, end_index


def _not_a_predicate(previous: str, marks: _Marks, index: int) -> bool:
    """'who complete', 'a published band': no predicate; 'users are able to use X with the components
    built': the clause has its own verb."""
    return (previous in lx.RELATIVE_WORDS or (previous in lx.STOP_WORDS and previous not in lx.AUXILIARIES)
            or marks.first_auxiliary < index - 1)


def _participle_in_metric(word: str, previous: str, *, baseline: bool) -> bool:
    """'Tickets created from 3 to 6' names a metric; 'Long run' is a noun."""
    return baseline or (word == lexical.verb_lemma(word) and previous not in lx.AUXILIARIES)


def _state_at(words: list[Token], index: int) -> tuple[bool, int]:
    """Whether a completion state starts at `index`, and the index of its last word."""
    if words[index].lower not in _STATE_STARTS:
        return words[index].lower in lx.COMPLETION_STATES, index
    for phrase in _MULTIWORD_STATES:
        if [w.lower for w in words[index : index + len(phrase)]] == phrase:
            return True, index + len(phrase) - 1
    return words[index].lower in lx.COMPLETION_STATES, index


def _predicate_position(text: str, last: Token, following: Token, time_spans: tuple[Span, ...]) -> bool:
    """The state ends its clause: punctuation, a function word, a time expression or a number follows."""
    gap = text[last.end : following.start]
    if _TRAILING_PUNCTUATION.fullmatch(gap) is None or any(c in gap for c in ",.;:!?)]"):
        return True
    lowered = following.lower
    return (lowered in _AFTER_PREDICATE or lowered in lx.OWN_OUTPUT_DONE or lowered[:1].isdigit()
            or lowered in lx.ACTIVITY_PARTICIPLES or lowered in lx.COMPLETION_STATES
            or any(s <= following.start < e for s, e in time_spans))


def _counts_output(text: str, words: list[Token], index: int, marks: _Marks, numbers: tuple[Number, ...], *,
                   count_named: bool) -> bool:
    """A count of the team's own output: '4 customer stories', 'calls made', 'posting frequency from 1x to 10x'."""
    word = words[index].lower
    if word not in lx.OWN_OUTPUT_NOUNS:
        return False
    previous = words[index - 1].lower if index else ""
    following = words[index + 1].lower if index + 1 < len(words) else ""
    lemma = lexical.noun_lemma(word)
    if lemma == "time":
        return word == "times" and _is_count_word(previous)
    if _unqualified(lemma, previous, following) or marks.outcome_after(index):
        return False
    if following in lx.OWN_OUTPUT_DONE or _number_of(words, index):
        return True
    if _qualifies_next_noun(following):
        return False
    if _counted_by_number(text, words[index], numbers):
        return True
    # "Posting frequency from 1x to 10x": the output noun heads the count that moves.
    return count_named and _in_first_phrase(words, index)


def _is_count_word(word: str) -> bool:
    """'3 times', 'three times' (not 'response times')."""
    return bool(word) and (word[:1].isdigit() or word in lx.NUMBER_WORDS)


def _unqualified(lemma: str, previous: str, following: str) -> bool:
    """Output nouns that count only with a qualifier ('sales calls'), unless stated done ('calls made')."""
    qualifiers = lx.OWN_OUTPUT_QUALIFIERS.get(lemma)
    return qualifiers is not None and previous not in qualifiers and following not in lx.OWN_OUTPUT_DONE


def _qualifies_next_noun(following: str) -> bool:
    """'campaign performance', 'demo requests': the output noun qualifies another noun."""
    return bool(following) and not following[:1].isdigit() and following not in _CONTINUES_PHRASE


def _in_first_phrase(words: list[Token], index: int) -> bool:
    return index <= 3 and not any(w.lower in lx.LINKING_PREPOSITIONS or w.lower == "per" for w in words[:index])


def _number_of(words: list[Token], index: int) -> bool:
    """'the number of (sales) calls': a count of the noun, a few modifiers allowed in between."""
    for back in range(index - 1, max(0, index - 4), -1):
        if words[back].lower == "of":
            return back > 0 and words[back - 1].lower in lx.COUNT_OF
    return False


def _counted_by_number(text: str, word: Token, numbers: tuple[Number, ...]) -> bool:
    """A count stands right before the noun phrase it counts ('12 new blog posts'), no preposition between."""
    for number in numbers:
        if number.end > word.start:
            return False
        if word.start - number.end < 40 and number.unit in {"count", "ratio"} and not number.multiplier \
                and not _has_linking_word(text, number.end, word.start) and not _selects(text, number):
            return True
    return False


def _selects(text: str, number: Number) -> bool:
    """'top 20 articles': the number picks items out, it does not count what the team made."""
    before = text[max(0, number.start - 12) : number.start].split()
    return bool(before) and before[-1].lower() in lx.SELECTION_WORDS


def _has_linking_word(text: str, start: int, end: int) -> bool:
    return any(w in lx.LINKING_PREPOSITIONS or w == "per" for w in text[start:end].lower().split())


def _effort_time(numbers: tuple[Number, ...], time_spans: tuple[Span, ...]) -> Span | None:
    """'10 minutes daily', '20 minutes a day': time the team itself spends, per period."""
    for number in numbers:
        if number.unit == "time" and number.unit_label and number.unit_label[0] in "mh" and any(
            0 <= s - number.end <= 2 for s, _ in time_spans
        ):
            return number.start, number.end
    return None


def _after_clause_break(text: str, word: Token) -> bool:
    return text[max(0, word.start - 3) : word.start].rstrip()[-1:] in {",", ";"}
