"""Read one objective or key result: verb, direction, quantities, baseline, target, time, flags.

Everything a rule needs is computed here once per text, so each rule is a cheap lookup.
`analyse` is pure and cached: the same text always yields the same facts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from rubric import lexicon as lx
from rubric.models import KeyResultAnalysis, Quantity, TimeExpression
from rubric.quantities import Number, find_numbers
from rubric.text import Token, tokens
from rubric.timeexpr import find_time_spans

Span = tuple[int, int]

_PLACEHOLDER = re.compile(
    r"\b(?:TBD|TBC|TBA|TODO|FIXME|XXX|tbd|tbc|todo)\b|\?{2,}|_{3,}|"
    r"(?<![\w$])[XYZN]{1,2}\s?%|"
    r"\[[^\]\d]{1,40}\]|<[a-z][^<>\d]{0,38}>|"
    r"(?<![\w.-])[XYZ](?![\w-]|\.\w|\s*\(formerly)"
)
# Every placeholder above contains one of these: a cheap search that skips the full pattern for
# the ~95% of texts that cannot hold one (the full pattern tries its alternatives at every position).
_MAYBE_PLACEHOLDER = re.compile(r"[?_\[<XYZN]|TB|tb|TODO|todo")
_LABEL_PREFIX = re.compile(r"^\s*(?:[pP]\d\s*[-–:]\s*|\(\w+\)\s*)")
_BASELINE_BEFORE = re.compile(
    r"(?:\bfrom|\bup\s+from|\bdown\s+from|\bvs\.?|\bversus|\bcompared\s+(?:to|with)|\bbaseline:?|"
    r"\bcurrently(?:\s+at)?|\bcurrent|\btoday'?s?|\bwas|\bstarting\s+(?:at|from))"
    r"(?:\s+(?:an?\s+)?(?:avg\.?|average|current(?:ly)?|about|around|roughly|approx\.?|~|the|of|at|our))*\s*[:(~]?\s*$",
    re.IGNORECASE,
)
_BASELINE_AFTER = re.compile(r"^\s*(?:today|now|currently|at\s+present|in\s+(?:Q[1-4]|H[12]|\d{4}))\b", re.I)
_TO_BEFORE = re.compile(
    r"(?:\bto|→|->|=>)\s*(?:(?:under|below|over|above|less\s+than|more\s+than|fewer\s+than|at\s+least|"
    r"at\s+most|about|around|roughly|<|>|≤|≥|<=|>=)\s*)?$",
    re.IGNORECASE,
)
_FROM_TO_GAP = re.compile(
    r"^\s*(?:[^\d\s]+\s+){0,3}?(?:to|→|->|=>|–|—)\s*(?:(?:under|below|over|above|less\s+than|more\s+than|"
    r"fewer\s+than|at\s+least|at\s+most|about|around|<|>|≤|≥)\s*)?$",
    re.IGNORECASE,
)
_CHANGE_BEFORE = re.compile(r"\bby\s+(?:about\s+|around\s+|at\s+least\s+|over\s+|another\s+)?$", re.I)
_CHANGE_AFTER = re.compile(
    r"^\s*(?:\w+\s+)?(?:increase|decrease|growth|reduction|improvement|increased|higher|lower|more|less|"
    r"fewer|up|down|uplift|lift|gain|YoY|QoQ|MoM|year[- ]over[- ]year|quarter[- ]over[- ]quarter)\b",
    re.IGNORECASE,
)
_NOUN_AFTER_VERB = frozenset({
    "coverage", "rate", "rates", "score", "scores", "time", "times", "quality", "frequency", "cadence", "success",
    "completion", "attainment", "accuracy", "volume", "volumes", "cost", "costs", "count", "stability",
    "velocity", "throughput", "latency", "satisfaction", "participation", "requests", "ratio", "share",
    "reliability", "pass", "failures", "suite", "budget", "adherence", "open", "click", "conversion",
    "results", "quota", "pipeline", "plan", "plans", "size", "duration", "backlog", "queue", "tickets",
})
_FROM_BEFORE = re.compile(r"\bfrom\s*(?:\S+\s+){0,2}$", re.IGNORECASE)
_ARROW = re.compile(r"\s*(?:→|->|=>)")
_DETERMINER = frozenset({"a", "an", "the", "our", "my", "all", "every", "each", "two", "three", "four", "five"})
_LINKING_PREPOSITIONS = frozenset({"from", "of", "in", "on", "with", "via", "by", "for", "at", "through"})
_PREPOSITION = re.compile(r"\b(?:" + "|".join(sorted(_LINKING_PREPOSITIONS)) + r")\b")
# "Design docs", "Test system": a noun compound, not the verb, after a word that is both.
_COMPOUND_HEADS = frozenset({"docs", "system", "systems", "notes"})
_NOUN_OR_VERB = frozenset({
    "design", "test", "plan", "review", "release", "post", "call", "build", "draft", "document", "host", "run",
    "help", "start", "update", "research",
})
_WORK_ITEMS = frozenset({"items", "findings", "tasks", "actions", "action", "issues", "bugs", "gaps"})


@dataclass(slots=True)
class Facts:
    """Everything the rules read from one objective or key result."""

    text: str
    words: list[Token]
    numbers: list[Number]  # quantities that are not time expressions
    time_spans: list[Span]
    placeholders: list[Span]
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


@lru_cache(maxsize=16384)
def analyse(text: str) -> Facts:
    """Read one objective or key result. Pure and cached; never raises."""
    time_spans = find_time_spans(text)
    numbers = [n for n in find_numbers(text) if not _inside(n.start, n.end, time_spans)]
    placeholder_matches = [m for m in _PLACEHOLDER.finditer(text) if not _placeholder_is_name(text, m)] \
        if _MAYBE_PLACEHOLDER.search(text) else []
    placeholders = [(m.start(), m.end()) for m in placeholder_matches]
    numbers = [n for n in numbers if not _inside(n.start, n.end, placeholders)]
    facts = Facts(text, tokens(text), numbers, time_spans, placeholders)
    facts.letter_placeholder = any(m.group()[0] in "XYZN" for m in placeholder_matches)
    words = _content_words(facts)
    _read_verb(facts, words)
    _read_baseline_and_target(facts)
    _read_activity(facts, words)
    return facts


def _inside(start: int, end: int, spans: list[Span]) -> bool:
    return any(s <= start and end <= e for s, e in spans)


def _placeholder_is_name(text: str, match: re.Match[str]) -> bool:
    """'Platform X' or 'Gen Z' name something; a lone X elsewhere stands in for a value."""
    if match.group() not in {"X", "Y", "Z"}:
        return False
    before = text[: match.start()].split()
    return bool(before) and before[-1].lower() in lx.NAMED_LETTER_PREFIXES


def _content_words(facts: Facts) -> list[Token]:
    """Words after any leading priority label ('p1 -') and adverbs ('Significantly')."""
    skip_to = 0
    if label := _LABEL_PREFIX.match(facts.text):
        skip_to = label.end()
    words = [w for w in facts.words if w.start >= skip_to]
    while words and words[0].lower.endswith("ly") and len(words) > 1 and words[0].lower not in lx.DIRECTION_VERBS:
        words = words[1:]
    return words


def _read_verb(facts: Facts, words: list[Token]) -> None:
    if not words:
        return
    first = words[0]
    if first.lower in lx.COMMON_VERBS or first.lower in lx.MAINTENANCE_OBJECTIVE_VERBS:
        facts.verb = first
    if first.lower in lx.MAINTENANCE_KR_VERBS or (
        first.lower == "continue" and len(words) > 1 and words[1].lower == "to"
    ):
        plural_noun_next = len(words) > 1 and first.lower in {"stay", "remain"} and words[1].lower.endswith("s")
        if not plural_noun_next:
            facts.maintenance = first
            facts.direction = "hold"
    for index, word in enumerate(words):
        lowered = word.lower
        if lowered not in lx.DIRECTION_VERBS:
            continue
        if index > 0 and _lemma_positional(lowered):
            continue
        if index > 0 and lowered == "lower" and _next_is(words, index, "than"):
            continue
        facts.direction_word = word
        if facts.direction is None:
            facts.direction = (
                "up" if lowered in lx.UP_VERBS else "down" if lowered in lx.DOWN_VERBS else "unspecified"
            )
        break


def _lemma_positional(word: str) -> bool:
    return any(word.startswith(stem) for stem in ("lower", "drop", "cut", "doubl", "tripl", "declin"))


def _next_is(words: list[Token], index: int, value: str) -> bool:
    return index + 1 < len(words) and words[index + 1].lower == value


def _read_baseline_and_target(facts: Facts) -> None:
    text, numbers = facts.text, facts.numbers
    if not numbers:
        return
    for i, first in enumerate(numbers):
        for second in numbers[i + 1 :]:
            gap = text[first.end : second.start]
            if _FROM_TO_GAP.match(gap) and (
                _FROM_BEFORE.search(text[max(0, first.start - 24) : first.start]) or _ARROW.match(gap)
            ):
                facts.baseline, facts.target = first, _with_unit_of(second, first)
                facts.baseline = _with_unit_of(first, second)
                return
    for number in numbers:
        before = text[max(0, number.start - 40) : number.start]
        if _BASELINE_BEFORE.search(before) or _BASELINE_AFTER.match(text[number.end :]):
            facts.baseline = number
            break
    candidates = [n for n in numbers if n is not facts.baseline]
    if not candidates:
        facts.target, facts.baseline = facts.baseline, None
        return
    target = _pick_target(text, candidates, after_baseline=facts.baseline is not None)
    facts.target = target
    before = text[max(0, target.start - 16) : target.start]
    if target.multiplier:
        facts.target_kind = "multiplier"
    elif _CHANGE_BEFORE.search(before) or (target.unit == "percent" and _CHANGE_AFTER.match(text[target.end :])):
        facts.target_kind = "change"


def _pick_target(text: str, candidates: list[Number], *, after_baseline: bool) -> Number:
    """The target among several numbers: after 'to', else a multiplier, else 'by N'; failing those,
    the last number when a baseline was named (it comes first), else the first ("10% of 300 users")."""
    for number in candidates:
        if _TO_BEFORE.search(text[max(0, number.start - 24) : number.start]):
            return number
    for number in candidates:
        if number.multiplier or _CHANGE_BEFORE.search(text[max(0, number.start - 16) : number.start]):
            return number
    return candidates[-1] if after_baseline else candidates[0]


def _with_unit_of(number: Number, other: Number) -> Number:
    """'from 45 to 32 days': the bare 45 takes the unit of 32 days."""
    if number.unit == "count" and other.unit in {"time", "percent", "currency"} and number.unit_label is None:
        seconds = number.value * (other.seconds / other.value) if other.seconds and other.value else None
        return Number(
            number.text, number.start, number.end, number.value, other.unit, other.currency, other.unit_label,
            number.scale or other.scale, number.comparator, number.multiplier, seconds,
        )
    return number


def _read_activity(facts: Facts, words: list[Token]) -> None:
    if not words:
        return
    first = words[0]
    second = words[1].lower if len(words) > 1 else ""
    if _is_activity_verb(first.lower, second, len(words) == 1):
        facts.activity = (first.start, first.end)
        return
    if facts.direction_word is None and (span := _effort_time(facts)):
        facts.activity = span
        return
    for index, word in enumerate(words):
        if index > 0 and word.lower in lx.DONE_PARTICIPLES and _reports_done(words, index):
            facts.activity = (word.start, word.end)
            return
        if _counts_effort(facts, words, index):
            facts.activity = (word.start, word.end)
            return
        clause_verb = index > 0 and word.lower in lx.ACTIVITY_VERBS and _after_clause_break(facts.text, word)
        if clause_verb and _is_activity_verb(
            word.lower, words[index + 1].lower if index + 1 < len(words) else "", False, base_only=True
        ):
            facts.activity = (word.start, word.end)
            return


def _is_activity_verb(word: str, following: str, alone: bool, *, base_only: bool = False) -> bool:
    stem = word[3:] if word.startswith("re-") else word
    if stem not in lx.ACTIVITY_VERBS or stem == "leads":
        return any((word, following) == phrase for phrase in lx.ACTIVITY_PHRASES)
    if following in lx.NOT_ACTIVITY_AFTER.get(stem, ()) or following in _NOUN_AFTER_VERB:
        return False
    if stem in _NOUN_OR_VERB and following in _COMPOUND_HEADS:
        return False
    if stem.endswith("ing"):
        return not base_only and (following in _DETERMINER or following[:1].isdigit())
    if stem in lx.DONE_PARTICIPLES:
        return alone
    return not stem.endswith("s") or stem.endswith("ss") or alone


def _reports_done(words: list[Token], index: int) -> bool:
    word = words[index].lower
    following = {w.lower for w in words[index + 1 :]}
    if following & lx.OUTCOME_WORDS:
        return False
    if word == "closed":
        return any(w.lower in _WORK_ITEMS for w in words[:index])
    return words[index - 1].lower not in {"who", "that", "which", "a", "an", "the"} or word == "published"


def _counts_effort(facts: Facts, words: list[Token], index: int) -> bool:
    word = words[index].lower
    if word not in lx.EFFORT_NOUNS:
        return False
    previous = words[index - 1].lower if index else ""
    following = words[index + 1].lower if index + 1 < len(words) else ""
    qualifiers = lx.EFFORT_NOUN_QUALIFIERS.get(word)
    if word == "times":
        return bool(previous) and (previous[:1].isdigit() or previous in lx.NUMBER_WORDS)
    if word == "sessions":
        return previous in {"interval", "training", "coaching", "user-testing", "testing", "practice", "mentoring"}
    if qualifiers is not None and previous not in qualifiers and following not in lx.EFFORT_SUFFIX_WORDS:
        return False
    if following in lx.EFFORT_SUFFIX_WORDS or previous == "of":
        return True
    number_before = any(
        n.end <= words[index].start and not _PREPOSITION.search(facts.text[n.end : words[index].start])
        and words[index].start - n.end < 40
        for n in facts.numbers
    )
    # "Posting frequency from 1x to 10x": the effort noun heads the metric; "leads from webinars": it does not.
    in_head_phrase = index <= 3 and not any(w.lower in _LINKING_PREPOSITIONS for w in words[:index])
    names_the_metric = in_head_phrase and facts.has_target and (facts.baseline is not None or facts.direction_word)
    return number_before or bool(names_the_metric)


def _effort_time(facts: Facts) -> Span | None:
    """'10 minutes daily', '20 minutes a day': time the team itself spends, per period."""
    for number in facts.numbers:
        if number.unit == "time" and number.unit_label and number.unit_label[0] in "mh" and any(
            0 <= s - number.end <= 2 for s, _ in facts.time_spans
        ):
            return number.start, number.end
    return None


def _after_clause_break(text: str, word: Token) -> bool:
    return text[max(0, word.start - 3) : word.start].rstrip()[-1:] in {",", ";"}


def _metric(facts: Facts) -> str | None:
    """The measured thing: the text without verb, numbers, time expressions and linking words."""
    text = facts.text
    # A period that qualifies the next word ("weekly sign-ups", "30-day retention") is part of the metric.
    deadlines = [(s, e) for s, e in facts.time_spans if not _MODIFIER_AFTER.match(text, e)]
    cuts = [(n.start, n.end) for n in facts.numbers] + deadlines + facts.placeholders
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
    r"(?:\s*\b(?:from|to|by|of|at|under|below|above|over|within|in|on|less than|more than|fewer than|"
    r"at least|at most|up from|down from|vs\.?|versus|baseline|current(?:ly)?|avg\.?|average of|"
    r"or more|or higher|or better|per|a|an|the)\b\s*[(:,]?\s*)+$",
    re.IGNORECASE,
)
_MODIFIER_AFTER = re.compile(
    r"\s+(?!(?:and|or|but|with|for|to|from|by|in|on|at|of|while|across|per)\b)[^\W\d_][\w-]*(?<!ly)\b"
    r"(?!\s+(?:to|from)\b)",
    re.IGNORECASE,
)
_LEADING_ARTICLE = re.compile(r"^(?:the|a|an|our|my)\s+", re.IGNORECASE)


def to_quantity(number: Number, kind: str = "level") -> Quantity:
    """The contract form of a quantity found by the engine."""
    return Quantity(
        text=number.text, value=number.value, unit=number.unit, currency=number.currency,
        unit_label=number.unit_label, scale=number.scale, comparator=number.comparator,
        kind="multiplier" if number.multiplier else kind, start=number.start, end=number.end,
    )


@lru_cache(maxsize=16384)
def describe(text: str) -> KeyResultAnalysis:
    """The analysis of a key result as it appears in the API (cached: treat the result as read-only)."""
    facts = analyse(text)
    target = facts.target
    return KeyResultAnalysis(
        verb=facts.verb.text if facts.verb else None,
        direction=facts.direction,
        metric=facts.metric,
        baseline=to_quantity(facts.baseline) if facts.baseline else None,
        target=to_quantity(target, facts.target_kind) if target else None,
        unit=target.unit if target else None,
        time=[TimeExpression(text=text[s:e], start=s, end=e) for s, e in facts.time_spans],
        quantities=[to_quantity(n) for n in facts.numbers],
    )
