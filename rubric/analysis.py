"""Read one objective or key result: verb, direction, quantities, baseline, target, time, flags.

Everything a rule needs is computed here once per text, so each rule is a cheap lookup.
`analyse` is pure and cached: the same text always yields the same facts.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import NamedTuple

from rubric import lexical
from rubric import lexicon as lx
from rubric.activity import read_activity
from rubric.caching import short_text_cache
from rubric.labels import content_span
from rubric.models import KeyResultAnalysis, Quantity, TimeExpression, unvalidated
from rubric.placeholders import find_placeholders
from rubric.quantities import Number, find_numbers
from rubric.targets import read_targets
from rubric.text import Token, tokens
from rubric.timeexpr import find_time_spans

Span = tuple[int, int]

class Facts(NamedTuple):
    """Everything the rules read from one objective or key result (immutable: it is shared from a cache;
    a named tuple because one is built for every item, and it is cheaper than a frozen dataclass)."""

    text: str
    words: tuple[Token, ...]
    numbers: tuple[Number, ...]  # quantities that are not time expressions
    time_spans: tuple[Span, ...]
    placeholders: tuple[Span, ...]
    content: Span = (0, 0)  # the item's own words, without labels ("[P1]", "KR2 -", "(Alice)") around them
    verb: Token | None = None  # the leading verb
    direction: str | None = None  # up | down | unspecified | hold
    direction_word: Token | None = None
    baseline: Number | None = None
    target: Number | None = None
    target_kind: str = "level"
    activity: Span | None = None
    letter_placeholder: bool = False
    maintenance: Token | None = None

    @property
    def has_target(self) -> bool:
        return bool(self.numbers)

    @property
    def has_time(self) -> bool:
        return bool(self.time_spans)

    @property
    def metric(self) -> str | None:
        """The measured thing (computed on demand: no rule needs it, the API and the coach do)."""
        return _metric(self)

    @property
    def own_text(self) -> str:
        """The item's own words, without the labels around them ('[P1]', 'KR2 -', '(Alice)')."""
        return self.text[self.content[0] : self.content[1]]

    @property
    def content_words(self) -> list[Token]:
        """The words of the item itself: inside `content`, past any leading adverb ('Significantly')."""
        return _content_words(self.words, self.content)


_END = float("inf")


@short_text_cache(maxsize=16384)
def analyse(text: str) -> Facts:
    """Read one objective or key result. Pure and cached (short texts only); never raises."""
    time_spans = tuple(find_time_spans(text))
    content = content_span(text)
    placeholders, letter_placeholder = find_placeholders(text, content)
    numbers = tuple(find_numbers(text))
    if numbers and (content[0] or time_spans or placeholders):
        numbers = tuple(n for n in numbers if n.start >= content[0] and not _inside(n, time_spans)
                        and not _inside(n, placeholders))
    words = tuple(tokens(text))
    content_words = _content_words(words, content)
    verb, maintenance = _read_verb(content_words)
    direction_word, direction = _read_direction(content_words)
    reading = read_targets(text, numbers)
    activity = read_activity(
        text, content_words, numbers, time_spans, direction=direction_word is not None,
        baseline=reading.baseline is not None, target=reading.target,
    )
    return Facts(
        text, words, numbers, time_spans, placeholders, content, verb,
        "hold" if maintenance else direction, direction_word, reading.baseline, reading.target, reading.target_kind,
        activity, letter_placeholder, maintenance,
    )


def _inside(number: Number, spans: tuple[Span, ...]) -> bool:
    """Whether the number lies inside one of `spans` (sorted, non-overlapping): a binary search."""
    index = bisect_right(spans, (number.start, _END)) - 1
    return index >= 0 and spans[index][0] <= number.start and number.end <= spans[index][1]


def _content_words(words: tuple[Token, ...], content: Span) -> list[Token]:
    """Words inside the content span, past leading adverbs ('Significantly')."""
    start, end = content
    inside = list(words) if start == 0 and (not words or words[-1].end <= end) else \
        [w for w in words if w.start >= start and w.end <= end]
    skip = 0
    while skip < len(inside) - 1 and inside[skip].lower.endswith("ly") and inside[skip].lower not in lx.DIRECTION_VERBS:
        skip += 1
    inside = inside[skip:]
    first = inside[0].lower if inside else ""
    if len(first) >= 5 and first not in lx.OPENING_VERBS and (meant := lexical.typo_of(first, lx.OPENING_VERBS)):
        inside[0] = inside[0]._replace(lower=meant)  # "Incrase ARPU": read as the verb it misspells
    return inside


def _read_verb(words: list[Token]) -> tuple[Token | None, Token | None]:
    """The leading verb, and the verb again when it only holds a level ('Maintain', 'continue to')."""
    if not words:
        return None, None
    first = words[0]
    lowered = first.lower
    verb = first if lowered in lx.OPENING_VERBS or (
        lowered.isalpha() and lexical.only_verb(lowered) and lexical.is_base_verb(lowered)
    ) else None
    following = words[1].lower if len(words) > 1 else ""
    holds = lowered in lx.MAINTENANCE_KR_VERBS or (lowered.startswith("continu") and following == "to")
    plural_noun_next = lowered in {"stay", "remain"} and following.endswith("s")
    return verb, first if holds and not plural_noun_next else None


def _read_direction(words: list[Token]) -> tuple[Token | None, str | None]:
    """The first direction verb (one that is only positional counts at the start) and its direction."""
    for index, word in enumerate(words):
        lowered = word.lower
        if lowered not in lx.DIRECTION_VERBS:
            continue
        if index > 0 and lowered in lx.POSITIONAL_DIRECTION_WORDS:
            continue
        following = words[index + 1].lower if index + 1 < len(words) else ""
        if index > 0 and lowered == "lower" and following == "than":
            continue
        if following in lx.RATE_NOUNS and "NOUN" in lexical.parts_of_speech(lowered):
            continue  # "Decline rate", "Drop rate": a noun compound naming a metric
        return word, "up" if lowered in lx.UP_VERBS else "down" if lowered in lx.DOWN_VERBS else "unspecified"
    return None, None


def _metric(facts: Facts) -> str | None:
    """The measured thing: the text without verb, numbers, time expressions and linking words."""
    text = facts.text
    # A period that qualifies the next word ("weekly sign-ups", "30-day retention") is part of the metric.
    deadlines = [(s, e) for s, e in facts.time_spans if not _MODIFIER_AFTER.match(text, e)]
    start, end = facts.content
    # Labels are cut, except a "Churn:" label before the values, which names the metric itself.
    label = (0, 0) if facts.numbers and text[:start].rstrip().endswith(":") else (0, start)
    cuts = [(n.start, n.end) for n in facts.numbers] + deadlines + [*facts.placeholders, label, (end, len(text))]
    if facts.verb:
        cuts.append((facts.verb.start, facts.verb.end))
    keep = []
    cursor = 0
    for start, end in sorted(cuts):
        if start < cursor:
            continue
        piece = text[cursor:start]
        keep.append(_LINKING_TAIL.sub(" ", piece))
        cursor = end
    keep.append(text[cursor:])
    metric = " ".join(" ".join(keep).split()).strip(" .,;:-–—()[]")
    metric = _LEADING_ARTICLE.sub("", metric)
    return metric or None


_LINKING_TAIL = re.compile(
    r"(?:\s*(?:\b(?:from|to|by|of|at|under|below|above|over|within|in|on|less than|more than|fewer than|"
    r"at least|at most|up from|down from|vs\.?|versus|baseline|current(?:ly)?|avg\.?|average of|"
    r"or more|or higher|or better|per|a|an|the)\b|→|->|=>)\s*[(:,]?\s*)+$",
    re.IGNORECASE,
)
_MODIFIER_AFTER = re.compile(
    r"\s+(?!(?:and|or|but|with|for|to|from|by|in|on|at|of|while|across|per)\b)[^\W\d_][\w-]*(?<!ly)\b"
    r"(?!\s+(?:to|from)\b)",
    re.IGNORECASE,
)
_LEADING_ARTICLE = re.compile(r"^(?:the|a|an|our|my)\s+", re.IGNORECASE)


def to_quantity(number: Number, kind: str = "level") -> Quantity:
    """The contract form of a quantity found by the engine (built without re-validating the engine's own
    values: this runs for every number of every key result in a reply)."""
    return unvalidated(Quantity, {
        "text": number.text, "value": float(number.value), "unit": number.unit, "currency": number.currency,
        "unit_label": number.unit_label, "scale": number.scale, "comparator": number.comparator,
        "kind": "multiplier" if number.multiplier else kind, "start": number.start, "end": number.end,
    })


@short_text_cache(maxsize=16384)
def describe(text: str) -> KeyResultAnalysis:
    """The analysis of a key result as it appears in the API (cached: treat the result as read-only)."""
    facts = analyse(text)
    target = facts.target
    return unvalidated(KeyResultAnalysis, {
        "verb": facts.verb.text if facts.verb else None,
        "direction": facts.direction,
        "metric": facts.metric,
        "baseline": to_quantity(facts.baseline) if facts.baseline else None,
        "target": to_quantity(target, facts.target_kind) if target else None,
        "unit": target.unit if target else None,
        "time": [unvalidated(TimeExpression, {"text": text[s:e], "start": s, "end": e}) for s, e in facts.time_spans],
        "quantities": [to_quantity(n) for n in facts.numbers],
    })

