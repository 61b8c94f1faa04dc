"""Find the quantities in a short text: numbers with their unit, scale and comparator.

Handles `$10k`, `1.5M`, `20,000`, `4.5/5`, `14 of 18`, `10x`, `75 %`, `-8`, number words
("twenty percent", "1 billion") and multipliers ("double", "halve"). A number glued to letters
(`p95`, `5xx`, `B2B`, `v2`) or naming a thing (`SOC 2`, `version 3`) is not a quantity.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import islice
from typing import NamedTuple

from rubric import lexical
from rubric.lexicon import (
    METRIC_ACRONYMS,
    MULTIPLIER_WORDS,
    NAME_WORDS,
    NAMED_PREFIXES,
    NUMBER_WORDS,
    OPENING_VERBS,
    RATING_SCALES,
    SEGMENT_NOUNS,
)

MAX_NUMBERS = 32  # numbers read per item: a key result with more is not one key result

_NUMBER = re.compile(
    r"(?<![\w.,/])(?P<sign>[-−](?=[$€£¥]?\d))?"
    r"(?P<cur>[$€£¥])?\s?"
    r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)"
    r"(?P<mag>(?:k|K|m|M|mm|MM|bn|BN|b|B)(?![\w]))?"
    r"(?P<glued>(?:ms|mins?|hrs?|h|d|wks?|mos?|yrs?|secs?|s)(?![\w]))?"  # "48h", "90min", "100ms"
    r"(?P<plus>\+)?"
    r"(?P<mult>[x×](?![\w]))?"
    r"(?P<pct>\s?(?:%|percent\b|per\s+cent\b|pp\b|percentage\s+points?\b))?"
    r"(?(pct)|(?P<scale>\s?(?:/|out\s+of\s+|of\s+(?=\d))\s?\d+(?:\.\d+)?(?![\d%]))?)"  # no scale after a %
    r"(?![\w])"
)
_WORD_NUMBER = re.compile(
    r"\b(?:(?:" + "|".join(NUMBER_WORDS) + r")(?:[\s-](?:" + "|".join(NUMBER_WORDS) + r"))*)\b"
    r"(?P<pct>\s+(?:percent|per\s+cent|percentage\s+points?)\b)?",
    re.IGNORECASE,
)
_NOT_NUMBER = re.compile(r"[^\d.]")
_ONE_COMPOUND_AFTER = re.compile(r"-|\s+(?:another|of)\b")
_CANDIDATE = re.compile(r"[-−$€£¥.]?\d")
_LETTERS = re.compile(r"[a-z]+")
_MULTIPLIER = re.compile(r"\b(?:" + "|".join(MULTIPLIER_WORDS) + r")\b", re.IGNORECASE)
_MAGNITUDE = {"k": 1e3, "m": 1e6, "mm": 1e6, "b": 1e9, "bn": 1e9}
_MAGNITUDE_WORD = re.compile(r"\s+(thousand|million|billion|k\b)", re.IGNORECASE)
_MAGNITUDE_WORDS = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "k": 1e3}
_CURRENCY = {"$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY"}
_CURRENCY_WORD = re.compile(r"\s*(USD|EUR|GBP|dollars|euros|pounds)\b", re.IGNORECASE)
_UNIT_AFTER = re.compile(
    r"\s?(?P<unit>ms|milliseconds?|s|secs?|seconds?|mins?|minutes?|h|hrs?|hours?|days?|d|weeks?|wks?|"
    r"months?|mos?|years?|yrs?|quarters?|sprints?|kg|km|miles?|mi|lbs?|points?|pts|stars?)\b",
    re.IGNORECASE,
)
_SECONDS = {
    "ms": 0.001, "millisecond": 0.001, "s": 1, "sec": 1, "second": 1, "min": 60, "minute": 60, "h": 3600,
    "hr": 3600, "hour": 3600, "d": 86400, "day": 86400, "week": 604800, "wk": 604800, "month": 2629800,
    "mo": 2629800, "year": 31557600, "yr": 31557600, "quarter": 7889400, "sprint": 1209600,
}
# Words before a number that bound it, checked with str.endswith (a `...$` regex search is slow).
_COMPARATOR_WORDS: dict[str, tuple[str, ...]] = {
    "<=": ("<=", "≤", " at most", " no more than", " up to", " or less", " max", " maximum"),
    ">=": (">=", "≥", " at least", " no less than", " minimum of", " min", " min."),
    "<": ("<", " under", " below", " less than", " fewer than", " within", " sub", " sub-"),
    ">": (">", " over", " above", " more than", " greater than", " exceeding", " beyond"),
}
_COMPARATORS_AFTER = [
    (re.compile(r"^\s*(?:or\s+(?:more|higher|better|above|greater)|\+)", re.I), ">="),
    (re.compile(r"^\s*(?:or\s+(?:less|lower|fewer|below))", re.I), "<="),
]
# "one" is a pronoun after these words ("a second one", "the one").
_ONE_PRONOUN_BEFORE = re.compile(
    r"\b(?:a|the|this|that|second|first|third|each|every|any|no|another|which|only|new|big|right)\s+$", re.I
)
_DASHES = frozenset("-–")
_RANGE = re.compile(r"[-–]\d+")
_SEGMENT = re.compile(r"[-–]\d+\+?[\s-]+(?:" + "|".join(SEGMENT_NOUNS) + r")\b", re.IGNORECASE)
_SEGMENT_BEFORE = re.compile(r"\b(?:aged?|ages|between)\s+$", re.IGNORECASE)
_ADJECTIVE_AFTER = re.compile(r"-(?:[^\W\d_]|\s)")
_HALF_NOUNS = re.compile(r"[\s-]*(?:marathon|day|hour|year|time|way|term|life)", re.I)


class Number(NamedTuple):
    """A quantity found in text, in code points of that text (immutable and cheap to build)."""

    text: str
    start: int
    end: int
    value: float
    unit: str  # percent | currency | count | time | ratio
    currency: str | None = None
    unit_label: str | None = None
    scale: float | None = None
    comparator: str | None = None
    multiplier: bool = False
    seconds: float | None = None  # the value in seconds, for durations


def find_numbers(text: str) -> list[Number]:
    """The quantities in `text`, left to right: at most MAX_NUMBERS of each kind (digits, words), so a
    pasted table of figures costs no more per character than a sentence."""
    found = list(islice(_digit_numbers(text), MAX_NUMBERS))
    words = set(_LETTERS.findall(text.lower()))
    if not (words.isdisjoint(NUMBER_WORDS) and words.isdisjoint(MULTIPLIER_WORDS)):
        found.extend(islice(_spelled_numbers(text, [(n.start, n.end) for n in found]), MAX_NUMBERS))
        found.sort(key=_start)
    return [_with_comparator(text, number) for number in found]


def _start(number: Number) -> int:
    return number.start


def _digit_numbers(text: str) -> Iterator[Number]:
    """Numbers written with digits. Candidate digits are found with a cheap scan and the full
    pattern is tried only there: an unanchored search of the full pattern costs ~10x more."""
    position = 0
    while candidate := _CANDIDATE.search(text, position):
        match = _NUMBER.match(text, candidate.start())
        if match is None:
            position = candidate.end()
            continue
        position = max(match.end(), candidate.end())
        if (number := _from_digits(text, match)) is not None:
            yield number


def _spelled_numbers(text: str, taken: list[tuple[int, int]]) -> Iterator[Number]:
    """Number words ("twenty percent") and multipliers ("double", "halve")."""
    covered = bytearray(len(text))  # 1 where a number already sits: overlap tests stay linear
    for start, end in taken:
        covered[start:end] = b"\1" * (end - start)
    for match in _WORD_NUMBER.finditer(text):
        if not any(covered[match.start() : match.end()]) and (n := _from_words(text, match)) is not None:
            covered[n.start : n.end] = b"\1" * (n.end - n.start)
            yield n
    for match in _MULTIPLIER.finditer(text):
        if any(covered[match.start() : match.end()]):
            continue
        if match.group().lower() == "half" and _HALF_NOUNS.match(text, match.end()):
            continue
        word = match.group()
        yield Number(word, match.start(), match.end(), MULTIPLIER_WORDS[word.lower()], "ratio", multiplier=True)


def _from_digits(text: str, m: re.Match[str]) -> Number | None:
    if _names_not_number(text, m):
        return None
    value, end = _value_of(text, m)
    currency, end = _currency_of(text, m, end)
    unit = "currency" if currency else "count"
    label: str | None = None
    scale: float | None = None
    if m.group("pct"):
        unit = "percent"
    elif m.group("scale"):
        unit, scale = "ratio", _scale_of(m, value)
    elif m.group("mult"):
        unit = "ratio"
    elif unit == "count" and (glued := m.group("glued") or _unit_after(text, end)):
        label = glued.strip().lower()
        end = end if m.group("glued") else end + len(glued)
        if (seconds := _seconds(label, value)) is not None:
            return Number(text[m.start() : end], m.start(), end, value, "time", unit_label=label, seconds=seconds)
    return Number(
        text[m.start() : end], m.start(), end, value, unit, currency=currency, unit_label=label, scale=scale,
        multiplier=bool(m.group("mult")),
    )


def _names_not_number(text: str, m: re.Match[str]) -> bool:
    """Digits that name rather than count: 'Apollo 11', 'v2'; '5-star', '30-day', '18-24 year olds'."""
    bare = m.end("num") == m.end() and m.group("cur") is None
    if m.group("cur") is None and _PLACE_NUMBER.fullmatch(m.group()) and _labels_a_place(text, m.start()):
        return True  # "Ward 7B", "Year 9", "Line 3": a capitalised noun mid-sentence and a number name one thing
    if bare and _names_a_thing(text[max(0, m.start() - 24) : m.start()], integer="." not in m.group("num")):
        return True
    return text[m.end() : m.end() + 1] in _DASHES and bool(_ADJECTIVE_AFTER.match(text, m.end()) or _segment(text, m))


def _value_of(text: str, m: re.Match[str]) -> tuple[float, int]:
    """The number's value with its magnitude ('2.5M', '3 million') and sign, and where it ends."""
    value = float(m.group("num").replace(",", ""))
    end = m.end()
    magnitude = (m.group("mag") or "").lower()
    if magnitude:
        value *= _MAGNITUDE[magnitude]
    elif word := _MAGNITUDE_WORD.match(text, end):
        value *= _MAGNITUDE_WORDS[word.group(1).lower()]
        end = word.end()
    return (-value if m.group("sign") else value), end


def _currency_of(text: str, m: re.Match[str], end: int) -> tuple[str | None, int]:
    """A currency by symbol ('$40k') or by the word after ('40k euros'), and where the number ends."""
    currency = _CURRENCY.get(m.group("cur") or "")
    if currency is None and (word := _CURRENCY_WORD.match(text, end)):
        return word.group(1).upper()[:3], word.end()
    return currency, end


def _scale_of(m: re.Match[str], value: float) -> float | None:
    scale = float(_NOT_NUMBER.sub("", m.group("scale")))
    if "/" in m.group("scale") and scale not in RATING_SCALES and value > scale:
        return None  # "120/80" is a reading, not a rating above its scale
    return scale


def _seconds(label: str, value: float) -> float | None:
    """A duration in seconds when the unit is one of time ('300 ms', '2 days'), else None."""
    key = label.rstrip("s") if label not in {"s", "ms", "mins", "hrs", "secs"} else label.rstrip("s") or "s"
    if key in _SECONDS or label in _SECONDS:
        return value * _SECONDS.get(key, _SECONDS.get(label, 1))
    return None


def _unit_after(text: str, end: int) -> str | None:
    """The unit word right after a number ("300 ms", "2 days"), with the space before it."""
    word = _UNIT_AFTER.match(text, end)
    return word.group() if word else None


def _segment(text: str, m: re.Match[str]) -> bool:
    return bool(_SEGMENT.match(text, m.end()) or (
        _RANGE.match(text, m.end()) and _SEGMENT_BEFORE.search(text, max(0, m.start() - 12), m.start())))


def _from_words(text: str, m: re.Match[str]) -> Number | None:
    words = re.split(r"[\s-]+", m.group().lower().replace(m.group("pct") or "\0", "").strip())
    if words == ["one"] and (_ONE_PRONOUN_BEFORE.search(text[max(0, m.start() - 12) : m.start()])
                             or _ONE_COMPOUND_AFTER.match(text, m.end())):
        return None
    value = 0.0
    current = 0.0
    for word in words:
        number = NUMBER_WORDS.get(word)
        if number is None:
            continue
        if number >= 1000:
            value += max(current, 1) * number
            current = 0
        elif number == 100:
            current = max(current, 1) * 100
        else:
            current += number
    value += current
    end = m.end()
    unit = "percent" if m.group("pct") else "count"
    seconds = None
    label = None
    if unit == "count" and (word := _UNIT_AFTER.match(text, end)):
        label = word.group("unit").lower()
        key = label.rstrip("s")
        if key in _SECONDS:
            unit, seconds = "time", value * _SECONDS[key]
        end = word.end()
    return Number(text[m.start() : end], m.start(), end, value, unit, unit_label=label, seconds=seconds)


def _names_a_thing(before: str, *, integer: bool) -> bool:
    """'SOC 2', 'version 3', 'tier-1', 'Apollo 11': the word before a bare number makes it part of a name.

    Acronyms name things unless they name a metric ("NPS 45"); a capitalised word the dictionary
    does not know is a proper name ("Apollo 11", "Kubernetes 1.29").
    """
    if before[-1:] not in " #-":
        return False
    words = before[:-1].split()
    if not words:
        return False
    word = words[-1]
    if word.lower() in NAME_WORDS or (len(words) > 1 and words[-2].lower() in NAMED_PREFIXES):
        return True  # "version 3", "Project Atlas 2"
    if not word.isalpha():
        return False
    if word.isupper():
        return integer and 2 <= len(word) <= 6 and word.lower() not in METRIC_ACRONYMS
    return word[:1].isupper() and len(word) >= 3 and not lexical.parts_of_speech(word) \
        and word.lower() not in OPENING_VERBS and lexical.typo_of(word, OPENING_VERBS) is None


_PLACE_NUMBER = re.compile(r"\d{1,4}[A-Za-z]?")  # "9", "7B": a label's number, never a money or percent


def _labels_a_place(text: str, start: int) -> bool:
    """A noun capitalised mid-sentence right before a whole number ('on Ward 7B', 'girls in Year 7'): a
    proper name, as long as the text does not capitalise every word (Title Case says nothing)."""
    before = text[:start]
    if not before.endswith(" "):
        return False
    words = before.split()
    if len(words) < 2:
        return False  # the first word is capitalised anyway
    word = words[-1]
    capitalised = word[:1].isupper() and word[1:].islower() and word.isalpha()
    if not capitalised or "NOUN" not in lexical.parts_of_speech(word):
        return False
    alphabetic = [w for w in text.split() if w[:1].isalpha()]
    return sum(w[:1].isupper() for w in alphabetic) * 2 < len(alphabetic)


def _with_comparator(text: str, number: Number) -> Number:
    before = " " + text[max(0, number.start - 24) : number.start].rstrip().lower()
    for symbol, words in _COMPARATOR_WORDS.items():
        if before.endswith(words):
            return number._replace(comparator=symbol)
    after = text[number.end : number.end + 16]
    for pattern, symbol in _COMPARATORS_AFTER:
        if pattern.match(after):
            return number._replace(comparator=symbol)
    return number
