"""Read the baseline and the target among a key result's quantities, and what kind of target it is.

"from 45 to 32 days", "to 75% from current 45%", "(vs. 55% today)", "by 20%", "5x". Every
check looks at a number's neighbour or at a short window before or after it, so the cost grows
linearly with the text, however many numbers it holds.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise

from rubric.quantities import Number

_BASELINE_BEFORE = re.compile(
    r"(?:\bfrom|\bup\s+from|\bdown\s+from|\bvs\.?|\bversus|\bcompared\s+(?:to|with)|\bbaseline:?|"
    r"\bcurrently(?:\s+at)?|\bcurrent|\btoday'?s?|\bwas|\bstarting\s+(?:at|from))"
    r"(?:\s+(?:an?\s+)?(?:avg\.?|average|current(?:ly)?|about|around|roughly|approx\.?|~|the|of|at|our))*\s*[:(~]?\s*$",
    re.IGNORECASE,
)
_BASELINE_AFTER = re.compile(r"\s*(?:today|now|currently|at\s+present|in\s+(?:Q[1-4]|H[12]|\d{4}))\b", re.I)
# Words that bound a target after "to": "to under 2%", "→ at least 40".
_BOUND = (r"(?:(?:under|below|over|above|less\s+than|more\s+than|fewer\s+than|at\s+least|at\s+most|about|around|"
          r"roughly|<=|>=|<|>|≤|≥)\s*)?")
_TO_BEFORE = re.compile(r"(?:\bto|→|->|=>)\s*" + _BOUND + "$", re.IGNORECASE)
_FROM_TO_GAP = re.compile(r"\s*(?:[^\d\s]+\s+){0,3}?(?:to|→|->|=>|–|—)\s*" + _BOUND + "$", re.IGNORECASE)
_CHANGE_BEFORE = re.compile(r"\bby\s+(?:about\s+|around\s+|at\s+least\s+|over\s+|another\s+)?$", re.I)
_CHANGE_AFTER = re.compile(
    r"\s*(?:\w+\s+)?(?:increase|decrease|growth|reduction|improvement|increased|higher|lower|more|less|"
    r"fewer|up|down|uplift|lift|gain|YoY|QoQ|MoM|year[- ]over[- ]year|quarter[- ]over[- ]quarter)\b",
    re.IGNORECASE,
)
_FROM_BEFORE = re.compile(r"\bfrom\s*(?:\S+\s+){0,2}$", re.IGNORECASE)
_ARROW = re.compile(r"\s*(?:→|->|=>)")
_GAP_LIMIT = 40  # a from/to gap longer than this is not "from A to B"


@dataclass(frozen=True, slots=True)
class Reading:
    baseline: Number | None = None
    target: Number | None = None
    target_kind: str = "level"  # level | change | multiplier


def read_targets(text: str, numbers: tuple[Number, ...]) -> Reading:
    """The baseline, target and target kind among `numbers` (quantities of `text`, left to right)."""
    if not numbers:
        return Reading()
    for first, second in pairwise(numbers):  # "from A to B" pairs neighbours only
        if second.start - first.end > _GAP_LIMIT:
            continue
        gap = text[first.end : second.start]
        if _FROM_TO_GAP.match(gap) and (
            _FROM_BEFORE.search(text, max(0, first.start - 24), first.start) or _ARROW.match(gap)
        ):
            return Reading(_with_unit_of(first, second), _with_unit_of(second, first))
    baseline = next((n for n in numbers if _BASELINE_BEFORE.search(text, max(0, n.start - 40), n.start)
                     or _BASELINE_AFTER.match(text, n.end)), None)
    candidates = [n for n in numbers if n is not baseline]
    if not candidates:
        return Reading(target=baseline)
    target = _pick_target(text, candidates, after_baseline=baseline is not None)
    return Reading(baseline, target, _kind(text, target))


def _kind(text: str, target: Number) -> str:
    if target.multiplier:
        return "multiplier"
    if _CHANGE_BEFORE.search(text, max(0, target.start - 16), target.start) or (
        target.unit == "percent" and _CHANGE_AFTER.match(text, target.end)
    ):
        return "change"
    return "level"


def _pick_target(text: str, candidates: list[Number], *, after_baseline: bool) -> Number:
    """The target among several numbers: after 'to', else a multiplier, else 'by N'; failing those,
    the last number when a baseline was named (it comes first), else the first ("10% of 300 users")."""
    for number in candidates:
        if _TO_BEFORE.search(text, max(0, number.start - 24), number.start):
            return number
    for number in candidates:
        if number.multiplier or _CHANGE_BEFORE.search(text, max(0, number.start - 16), number.start):
            return number
    return candidates[-1] if after_baseline else candidates[0]


def _with_unit_of(number: Number, other: Number) -> Number:
    """'from 45 to 32 days': the bare 45 takes the unit of 32 days."""
    if number.unit == "count" and other.unit in {"time", "percent", "currency"} and number.unit_label is None:
        seconds = number.value * (other.seconds / other.value) if other.seconds and other.value else None
        return number._replace(unit=other.unit, currency=other.currency, unit_label=other.unit_label,
                               scale=number.scale or other.scale, seconds=seconds)
    return number
