"""Find time expressions: deadlines, periods, frequencies and metric windows.

The catalog's conventions: a date, quarter, year, 'per day', 'weekly', 'within 90 days' or a
window inside a metric's name ('30-day retention') is a time expression; a duration that is the
metric's value ('from 40 to 30 days', 'under 2 hours') is not.

Detection is driven by words: each word that can start a time expression ('Q3', 'by', 'per',
'June', '2027', 'weekly') triggers only the patterns that start with it, anchored at that word.
That keeps the cost proportional to the few candidate words instead of scanning every position
with every pattern.
"""

from __future__ import annotations

import re
from collections.abc import Callable

_FLAGS = re.IGNORECASE
_MONTH_NAMES = (
    "January|February|March|April|June|July|August|September|October|November|December|"
    "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec"
)
_MONTH_WORDS = frozenset(_MONTH_NAMES.split("|")) | {"May"}
_NUM = (
    r"(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|eighteen|twenty|thirty|sixty|"
    r"ninety)"
)
_UNIT = r"(?:business\s+|working\s+|calendar\s+)?(?:days?|weeks?|months?|quarters?|years?|sprints?|half|halves)\b"
_PERIOD = (r"(?:day|night|week|weekday|weekend|month|quarter|year|sprint|morning|evening|annum|fortnight|"
           r"(?:mon|tues|wednes|thurs|fri|satur|sun)day)\b")

_QUARTER = re.compile(r"(?:Q[1-4]|H[12])(?:\s*(?:FY)?'?(?:19|20)?\d{2}\b)?\b", _FLAGS)
_FISCAL = re.compile(r"FY\s?'?\d{2,4}(?:[-\s]?(?:Q[1-4]|H[12]))?\b", _FLAGS)
_YEAR_QUARTER = re.compile(r"(?:19|20)\d{2}[-\s]?(?:Q[1-4]|H[12])\b", _FLAGS)
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}\b")
_SLASH_DATE = re.compile(r"\d{1,2}/\d{1,2}/\d{2,4}\b")
# "by 31/03", "due 15.06": a day and month without a year, after a word that introduces a date.
_SHORT_DATE = re.compile(r"(?:[0-2]?\d|3[01])[/.](?:0?[1-9]|1[0-2])\b(?![/.]\d)")
_DATE_BEFORE = re.compile(r"\b(?:by|before|until|till|due|on|deadline:?)\s+$", _FLAGS)
_END_OF = re.compile(
    r"end\s+of\s+(?:the\s+|this\s+|next\s+|every\s+|each\s+)?(?:fiscal\s+|financial\s+|calendar\s+|school\s+|"
    r"academic\s+)?(?:quarter|year|month|week|sprint|day|"
    r"cycle|term|season|spring|summer|autumn|fall|winter|semester|"
    r"FY(?:\s?'?\d{2,4})?|Q[1-4]|H[12]|(?:" + _MONTH_NAMES + r")\b)",
    _FLAGS,
)
_MONTH_DATE = re.compile(r"(?:" + _MONTH_NAMES + r"|May)\b\.?(?:\s+\d{1,2}(?:st|nd|rd|th)?\b)?(?:,?\s+\d{4}\b)?")
_DAY_BEFORE_MONTH = re.compile(r"\b\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?$")
_PREPOSITION_BEFORE = re.compile(
    r"\b(?:in|by|until|till|before|after|through|from|this|next|last|the|early|late|end\s+of)\s+$", _FLAGS
)
_RELATIVE = re.compile(
    r"(?:this|next|last|coming|following|current)\s+(?:" + _NUM + r"\s+)?(?:fiscal\s+)?" + _UNIT, _FLAGS
)
_THE_NEXT = re.compile(r"(?:the\s+)?(?:first|next|coming|following)\s+(?:" + _NUM + r"\s+)?" + _UNIT, _FLAGS)
_WITHIN = re.compile(
    r"(?:within|in|over|during|for|after)\s+(?:the\s+)?(?:first\s+|next\s+|coming\s+)?" + _NUM + r"\s+" + _UNIT, _FLAGS
)
# "by year end", "before quarter end": the period's end written as two words.
_PERIOD_END = re.compile(r"(?:year|quarter|month|week|sprint|season|term|FY)\s+end\b", _FLAGS)
_PERIOD_END_BEFORE = re.compile(r"\b(?:by|at|before|until|till|through|the|of)\s+(?:the\s+)?$", _FLAGS)
# Clock times ("21:00", "9am", "6 p.m.") and round-the-clock ("24/7") say when, not how much.
_CLOCK = re.compile(r"(?:[01]?\d|2[0-3])(?::[0-5]\d(?:\s?[ap]\.?m\b\.?)?|\s?[ap]\.?m\b\.?)|24/7(?:/365)?|24x7", _FLAGS)
_ROUND_THE_CLOCK = frozenset({"24/7", "24x7", "24/7/365"})
# "on 4 nights out of 7", "3 days out of 5": how often, a frequency.
_OUT_OF = re.compile(
    r"\d+\s+(?:nights?|days?|mornings?|evenings?|weekdays?|weekends?|weeks?|months?|sprints?|times?)\s+out\s+of\s+\d+\b",
    _FLAGS,
)
_ORDINAL_PERIOD = re.compile(r"(?:1st|2nd|3rd|4th|first|second|third|fourth)\s+(?:quarter|half)\b", _FLAGS)
_FREQUENCY = re.compile(r"(?<!than )(?:per|a|an|each|every(?:\s+other)?|once\s+a|twice\s+a)\s+" + _PERIOD, _FLAGS)
# "per on-call week", "every school day": a frequency whose period carries one qualifier.
_QUALIFIED_FREQUENCY = re.compile(r"(?:per|each|every)\s+[^\W\d_]+(?:-[^\W\d_]+)?\s+" + _PERIOD, _FLAGS)
# "48h before every appointment", "6 months after leaving": a window relative to an event, not a value
# (a duration right after 'to'/'from' is the value: "from 9 to 4 days after triage").
_DURATION_BEFORE = re.compile(
    r"(?<!\bto )(?<!\bfrom )\b\d+\s*(?:h|hrs?|hours?|d|days?|weeks?|months?|mins?|minutes?)\s+$", _FLAGS
)
# "between now and Easter", "between now and the end of June".
_BETWEEN_NOW = re.compile(r"between\s+now\s+and\s+(?:the\s+)?(?:end\s+of\s+)?[^\W\d_]+(?:\s+\d{4})?", _FLAGS)
_EVERY_N = re.compile(r"every\s+\d+\s+(?:days|weeks|months|sprints)\b", _FLAGS)
_OVER = re.compile(r"(?:year|quarter|month|week)[- ]over[- ](?:year|quarter|month|week)\b", _FLAGS)
_WINDOW_SPACED = re.compile(r"(?:day|week|month)\s\d{1,3}\b(?=\s+[^\W\d_])", _FLAGS)
_SEASON_BEFORE = re.compile(  # "through the holiday season": one qualifier may stand before the season
    r"\b(?:in|by|this|next|the|through|over|during|before|after|until|for)\s+(?:the\s+)?(?:[^\W\d_]+\s+)?$", _FLAGS
)
_LAUNCH_BEFORE = re.compile(r"\b(?:before|after|by|at|until|within\s+\d+\s+days\s+of)\s+(?:the\s+)?$", _FLAGS)
_YEAR_BEFORE = re.compile(
    r"(?:\b(?:by|in|since|until|till|through|during|for|of|before|after|end|early|late|mid|make|across|throughout|"
    r"from|the|our|my|their|its|this|a|an)|[\[(]|\b(?:" + _MONTH_NAMES + r"))\s*$",
    _FLAGS,
)
_YEAR_AFTER = re.compile(r"\s*(?:$|[,.;:)\]!?]|the\b|year\b|okrs?\b|goals?\b|plan\b|and\b|[-–—])", _FLAGS)
_TO_NUMBER = re.compile(r"\s*(?:to|→|->|–|-)\s*([\d,.]+)", _FLAGS)
_NOT_A_YEAR_BEFORE = re.compile(r"\b(?:to|from|than|of|at|over|under)\s*$|[$€£¥.,/-]$")

_ADVERBS = frozenset({
    "daily", "nightly", "weekly", "bi-weekly", "biweekly", "fortnightly", "monthly", "bi-monthly", "bimonthly",
    "quarterly", "yearly", "annually", "annual", "annualised", "annualized", "hourly",
})
_ACRONYMS = frozenset({"eoq", "eoy", "eom", "eow", "eod", "qtd", "ytd", "mtd"})
_CASED_ACRONYMS = frozenset({"MoM", "QoQ", "YoY", "WoW", "DoD"})
_SEASONS = frozenset({"spring", "summer", "autumn", "fall", "winter", "season", "semester"})
_LAUNCHES = frozenset({"launch", "release", "go-live", "ga", "kickoff", "kick-off"})
# "D30 retention", "W4 actives": day-N notation for a window (upper case, the usual day counts).
_DAY_N = re.compile(r"D(?:1|3|7|14|28|30|60|90|180|365)|W(?:1|2|4|8|12)|M(?:1|3|6|12)")
# "Q3'26", "H1’27": a quarter or half with an abbreviated year, written as one token.
_QUARTER_TOKEN = re.compile(r"(?:Q[1-4]|H[12])['’]\d{2}", _FLAGS)
_WINDOW_TOKEN = re.compile(r"\d+-(?:day|week|month|year)|(?:day|week|month)-\d{1,3}", _FLAGS)
_SLASH_PERIOD = re.compile(r"/(?:day|week|month|year|mo|wk|yr|qtr|quarter)\b", _FLAGS)
_TOKEN = re.compile(r"[^\W_]+(?:[-'’/.][^\W_]+)*", re.UNICODE)

Span = tuple[int, int]
Trigger = Callable[[str, re.Match[str]], Span | None]


def _anchored(*patterns: re.Pattern[str]) -> Trigger:
    def match(text: str, word: re.Match[str]) -> Span | None:
        for pattern in patterns:
            if found := pattern.match(text, word.start()):
                return found.start(), found.end()
        return None

    return match


def _month(text: str, word: re.Match[str]) -> Span | None:
    if word.group() not in _MONTH_WORDS:  # month names are capitalised; "march" is a verb
        return None
    found = _MONTH_DATE.match(text, word.start())
    if found is None:
        return None
    start, end = found.start(), found.end()
    before = text[max(0, start - 12) : start]
    if day := _DAY_BEFORE_MONTH.search(before):
        start -= len(before) - day.start()
    elif word.group() == "May" and end == word.end() and not _PREPOSITION_BEFORE.search(before):
        return None  # "may" the modal
    return start, end


def _year(text: str, word: re.Match[str]) -> Span | None:
    if found := _YEAR_QUARTER.match(text, word.start()) or _ISO_DATE.match(text, word.start()):
        return found.start(), found.end()
    token = word.group()
    if len(token) != 4 or not ("1950" <= token <= "2099"):
        return None
    before, after = text[max(0, word.start() - 20) : word.start()], text[word.end() : word.end() + 24]
    if after.startswith("%") or after.lstrip().lower().startswith("percent"):
        return None
    if (pair := _TO_NUMBER.match(after)) and not ("1950" <= pair.group(1) <= "2099" and len(pair.group(1)) == 4):
        return None  # "from 2000 to 2500 users": values, not years
    if _YEAR_BEFORE.search(before) or (not before.strip() and _YEAR_AFTER.match(after)):
        return word.start(), word.end()
    if _YEAR_AFTER.match(after) and not _NOT_A_YEAR_BEFORE.search(before[-8:]):
        return word.start(), word.end()
    return None


def _digits(text: str, word: re.Match[str]) -> Span | None:
    token = word.group()
    if trigger := _TRIGGERS.get(token.lower()):  # ordinals: "3rd quarter"
        return trigger(text, word)
    if len(token) <= 8:  # "21:00", "9am", "6 pm", "24/7", "4 nights out of 7" start with a short token
        after = text[word.end() : word.end() + 5]
        if (after[:1] == ":" or "m" in (token + after).lower() or token in _ROUND_THE_CLOCK) and (
            clock := _CLOCK.match(text, word.start())
        ):
            return clock.start(), clock.end()
        if text.find("out of", word.end(), word.end() + 24) != -1 and (often := _OUT_OF.match(text, word.start())):
            return often.start(), often.end()
    if token[:4].isdigit() and (year := _year(text, word)):
        return year
    if found := _SLASH_DATE.match(text, word.start()):
        return found.start(), found.end()
    if (found := _SHORT_DATE.match(text, word.start())) and _DATE_BEFORE.search(
        text, max(0, word.start() - 12), word.start()
    ):
        return found.start(), found.end()
    if _WINDOW_TOKEN.fullmatch(token):
        return word.start(), word.end()
    if slash := _SLASH_PERIOD.search(token):
        return word.start() + slash.start(), word.start() + slash.end()
    return None


def _looking_back(pattern: re.Pattern[str]) -> Trigger:
    def match(text: str, word: re.Match[str]) -> Span | None:
        before = text[max(0, word.start() - 30) : word.start()]
        if found := pattern.search(before):
            return word.start() - (len(before) - found.start()), word.end()
        return None

    return match


def _either(*triggers: Trigger) -> Trigger:
    def match(text: str, word: re.Match[str]) -> Span | None:
        return next((span for trigger in triggers if (span := trigger(text, word)) is not None), None)

    return match


def _whole(text: str, word: re.Match[str]) -> Span | None:
    return word.start(), word.end()


def _period_end_or_over(text: str, word: re.Match[str]) -> Span | None:
    """'year-over-year', or 'by year end' (the preposition before the period starts the span)."""
    if found := _OVER.match(text, word.start()):
        return found.start(), found.end()
    if (found := _PERIOD_END.match(text, word.start())) and (
        before := _PERIOD_END_BEFORE.search(text, max(0, word.start() - 16), word.start())
    ):
        return before.start(), found.end()
    return None


_TRIGGERS: dict[str, Trigger] = {
    **dict.fromkeys(("q1", "q2", "q3", "q4", "h1", "h2"), _anchored(_QUARTER)),
    **dict.fromkeys(_ACRONYMS | _ADVERBS, _whole),
    "end": _anchored(_END_OF),
    **dict.fromkeys(("this", "next", "last", "coming", "following", "current"), _anchored(_RELATIVE, _THE_NEXT)),
    "the": _anchored(_THE_NEXT),
    "first": _anchored(_THE_NEXT, _ORDINAL_PERIOD),
    **dict.fromkeys(("second", "third", "fourth", "1st", "2nd", "3rd", "4th"), _anchored(_ORDINAL_PERIOD)),
    **dict.fromkeys(("within", "in", "over", "during", "for"), _anchored(_WITHIN)),
    "after": _either(_anchored(_WITHIN), _looking_back(_DURATION_BEFORE)),
    "before": _looking_back(_DURATION_BEFORE),
    "between": _anchored(_BETWEEN_NOW),
    **dict.fromkeys(("a", "an", "once", "twice"), _anchored(_FREQUENCY)),
    **dict.fromkeys(("per", "each"), _anchored(_FREQUENCY, _QUALIFIED_FREQUENCY)),
    "every": _anchored(_EVERY_N, _FREQUENCY, _QUALIFIED_FREQUENCY),
    **dict.fromkeys(("day",), _anchored(_WINDOW_SPACED)),
    **dict.fromkeys(("year", "quarter", "month", "week", "sprint", "season", "term", "fy"), _period_end_or_over),
    **dict.fromkeys(_SEASONS, _looking_back(_SEASON_BEFORE)),
    **dict.fromkeys(_LAUNCHES, _looking_back(_LAUNCH_BEFORE)),
}


def find_time_spans(text: str) -> list[Span]:
    """Code-point spans of every time expression in `text`, sorted and non-overlapping."""
    spans: list[Span] = []
    covered = -1
    for word in _TOKEN.finditer(text):
        if word.start() < covered:
            continue
        span = _match_word(text, word)
        if span is not None:
            spans.append(span)
            covered = span[1]
    return _merge(spans)


def _match_word(text: str, word: re.Match[str]) -> Span | None:
    token = word.group()
    first = token[0]
    if first.isdigit():
        return _digits(text, word)
    if token in _CASED_ACRONYMS:
        return word.start(), word.end()
    lowered = token.lower()
    if trigger := _TRIGGERS.get(lowered):
        return trigger(text, word)
    if first.islower() and "-" not in token and "/" not in token and not lowered.startswith("fy"):
        return None  # an ordinary word: none of the patterns below can start with it
    if first.isupper() and (month := _month(text, word)):
        return month
    if lowered.startswith("fy") and (found := _FISCAL.match(text, word.start())):
        return found.start(), found.end()
    if _is_period_token(token, lowered):
        return word.start(), word.end()
    if "/" in token and (slash := _SLASH_PERIOD.search(token)):
        return word.start() + slash.start(), word.start() + slash.end()
    return None


def _is_period_token(token: str, lowered: str) -> bool:
    """One token that is a time expression by itself: 'year-end', 'mid-March', 'week-over-week', 'D30', 'M3'."""
    if lowered.endswith("-end") and lowered.split("-")[0] in {"year", "quarter", "month", "week", "sprint"}:
        return True
    if lowered.startswith("mid-") and lowered[4:].capitalize() in _MONTH_WORDS:
        return True
    if _DAY_N.fullmatch(token) or _QUARTER_TOKEN.fullmatch(token):
        return True
    return "-over-" in lowered or (token[0] in "dwmDWM" and _WINDOW_TOKEN.fullmatch(token) is not None)


def _merge(spans: list[Span]) -> list[Span]:
    merged: list[Span] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged
