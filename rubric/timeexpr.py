"""Find time expressions: deadlines, periods, frequencies and metric windows.

The catalog's conventions: a date, quarter, year, 'per day', 'weekly', 'within 90 days' or a
window inside a metric's name ('30-day retention') is a time expression; a duration that is the
metric's value ('from 40 to 30 days', 'under 2 hours') is not.
"""

from __future__ import annotations

import re

_MONTH = (
    r"(?:January|February|March|April|June|July|August|September|October|November|December|"
    r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\b\.?"
)
_MAY = r"May\b"
_NUM_WORD = r"(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|eighteen|twenty|thirty|sixty|ninety)"
_UNIT = r"(?:business\s+|working\s+|calendar\s+)?(?:days?|weeks?|months?|quarters?|years?|sprints?)"
_PERIOD = r"(?:day|night|week|weekday|weekend|month|quarter|year|sprint|morning|evening|annum|fortnight)"

_PATTERNS = [
    # Quarters, halves and fiscal years: Q3, Q3 2026, H2, FY27, FY2026-Q1, 2026 Q3.
    r"\b(?:Q[1-4]|H[12])(?:\s*(?:FY)?'?(?:19|20)?\d{2})?\b",
    r"\bFY\s?'?\d{2,4}(?:[-\s]?(?:Q[1-4]|H[12]))?\b",
    r"\b(?:19|20)\d{2}[-\s]?(?:Q[1-4]|H[12])\b",
    r"\b(?:EOQ|EOY|EOM|EOW|EOD|QTD|YTD|MTD)\b",
    r"\b(?:year|quarter|month|week|sprint)[- ]end\b",
    r"\bend\s+of\s+(?:the\s+|this\s+|next\s+|every\s+|each\s+)?(?:fiscal\s+)?"
    r"(?:quarter|year|month|week|sprint|day|cycle|term|season|FY\s?'?\d{2,4}|Q[1-4]|H[12]|" + _MONTH + r")",
    # Dates.
    r"\b\d{4}-\d{2}-\d{2}\b",
    r"\b\d{1,2}/\d{1,2}/\d{2,4}\b",
    r"\b\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:" + _MONTH + "|" + _MAY + r")(?:,?\s+\d{4})?",
    r"\b(?:" + _MONTH + "|" + _MAY + r")\s+\d{1,2}(?:st|nd|rd|th)?\b(?:,?\s+\d{4})?",
    r"\b(?:" + _MONTH + "|" + _MAY + r")\s+(?:19|20)\d{2}\b",
    r"(?:\b(?:in|by|until|till|before|after|through|from|this|next|last|the|early|late|end\s+of)\s+|\bmid-?)"
    r"(?:" + _MONTH + "|" + _MAY + r")\b(?:\s+\d{1,2}(?:st|nd|rd|th)?\b)?(?:,?\s+\d{4})?",
    r"\b" + _MONTH + r"(?=\s*$|[,;)])",
    r"\b(?:1st|2nd|3rd|4th|first|second|third|fourth)\s+(?:quarter|half)\b",
    # Relative periods: this quarter, next year, the next twelve months, in the first week.
    r"\b(?:this|next|last|coming|following|current)\s+(?:" + _NUM_WORD + r"\s+)?(?:fiscal\s+)?" + _UNIT,
    r"\b(?:the\s+)?(?:first|next|coming|following)\s+(?:" + _NUM_WORD + r"\s+)?" + _UNIT,
    r"\b(?:within|in|over|during|for|after)\s+(?:the\s+)?(?:first\s+|next\s+|coming\s+)?"
    + _NUM_WORD + r"\s+" + _UNIT + r"\b",
    # Frequencies.
    r"(?<!than )\b(?:per|a|an|each|every|every\s+other|once\s+a|twice\s+a)\s+" + _PERIOD + r"\b",
    r"\bevery\s+\d+\s+(?:days|weeks|months|sprints)\b",
    r"\b(?:daily|nightly|weekly|bi-?weekly|fortnightly|monthly|bi-?monthly|quarterly|yearly|annually|annual|"
    r"annualised|annualized|hourly)\b",
    r"\b(?:year|quarter|month|week)[- ]over[- ](?:year|quarter|month|week)\b",
    r"/(?:day|week|month|year|mo|wk|yr|qtr|quarter)\b",
    # Windows inside a metric's name: 30-day retention, day-7 retention, week-4 actives.
    r"\b\d+-(?:day|week|month|year)\b",
    r"\b(?:day|week|month|D|W|M)-?\d{1,3}\b(?=\s+\w)",
    # Seasons and launch-relative deadlines.
    r"\b(?:in|by|this|next|the|through|over|during|before|after|until|for)\s+(?:the\s+)?"
    r"(?:spring|summer|autumn|fall|winter)\b",
    r"\b(?:before|after|by|at|until|within\s+\d+\s+days\s+of)\s+(?:the\s+)?(?:launch|release|go-live|GA|kick-?off)\b",
]
_CASE_SENSITIVE = re.compile(r"\b(?:MoM|QoQ|YoY|WoW|DoD|YTD|QTD)\b")
_TIME = re.compile("|".join(f"(?:{p})" for p in _PATTERNS), re.IGNORECASE)
_MONTHS_CASED = re.compile(_MONTH + "|" + _MAY)
_YEAR = re.compile(r"(?<![\w$€£¥.,/-])(?:19[5-9]\d|20\d\d)(?![\w%.,]|\s?(?:%|percent))")
_YEAR_BEFORE = re.compile(
    r"(?:\b(?:by|in|since|until|till|through|during|for|of|before|after|end|early|late|mid|make|"
    r"across|throughout|from)|[\[(]|" + _MONTH + r")\s*$",
    re.IGNORECASE,
)
_YEAR_AFTER = re.compile(r"^\s*(?:$|[,.;:)\]!?]|the\b|year\b|okrs?\b|goals?\b|plan\b|and\b|[-–—])", re.IGNORECASE)


def find_time_spans(text: str) -> list[tuple[int, int]]:
    """Code-point spans of every time expression in `text`, sorted and non-overlapping."""
    spans = []
    for match in _TIME.finditer(text):
        found = match.group()
        # Month names must be capitalised ("march" is a verb, "may" a modal).
        if not found[:1].isdigit() and _has_lowercase_month_only(found):
            continue
        spans.append((match.start(), match.end()))
    spans.extend((m.start(), m.end()) for m in _CASE_SENSITIVE.finditer(text))
    spans.extend(_years(text))
    return _merge(spans)


def _has_lowercase_month_only(found: str) -> bool:
    lowered = found.lower()
    mentions_month = any(name in lowered for name in _MONTH_NAMES)
    return mentions_month and not _MONTHS_CASED.search(found) and not _NON_MONTH_TIME.search(found)


_MONTH_NAMES = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_NON_MONTH_TIME = re.compile(
    r"\b(?:Q[1-4]|H[12]|FY|day|week|month|quarter|year|sprint|\d{4}|EO[QYMWD])", re.IGNORECASE
)


def _years(text: str) -> list[tuple[int, int]]:
    """Four-digit years, told apart from counts by the words around them ("by 2027", not "to 2000")."""
    spans = []
    for match in _YEAR.finditer(text):
        before, after = text[: match.start()], text[match.end() :]
        if _YEAR_BEFORE.search(before[-20:]) or (not before.strip() and _YEAR_AFTER.match(after)):
            spans.append((match.start(), match.end()))
        elif _YEAR_AFTER.match(after) and not re.search(r"\b(?:to|from|than|of|at|over|under)\s*$", before[-8:]):
            spans.append((match.start(), match.end()))
    return spans


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged
