"""Compare and bound quantities: unit-aware ratios and impossible levels."""

from __future__ import annotations

import re
from functools import lru_cache

from rubric import lexicon as lx
from rubric.analysis import Facts
from rubric.caching import short_text_cache
from rubric.kpis import builtin_catalog
from rubric.quantities import Number


def _words(phrases: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(p.replace(" ", r"\s+") for p in phrases) + r")\b", re.IGNORECASE)


# Metrics whose percentage level is bounded to 0..100, and those whose percentages are never levels.
_BOUNDED = _words(lx.BOUNDED_METRICS)
_UNBOUNDED = _words(lx.UNBOUNDED_METRICS)
_CONVERSION = re.compile(r"\b[\w]+-to-[\w]+\b")  # "trial-to-paid", "MQL-to-SQL": a conversion rate
# "% of <noun phrase>": a share (bounded) unless the phrase's head is an attainment noun ("130% of plan").
_PERCENT_OF = re.compile(r"%\s+of\s+([^.,;:]{0,60})", re.I)
_ASIDE = re.compile(r"\([^()]*\)")
_PHRASE_WORD = re.compile(r"[\w'’-]+")
_PHRASE_ENDS = lx.STOP_WORDS | lx.LINKING_PREPOSITIONS | frozenset({"next", "per", "within", "before", "after"})


def comparable(baseline: Number, target: Number) -> tuple[float, float] | None:
    """Baseline and target in one unit (durations in seconds), or None if they measure different things."""
    if baseline.seconds is not None and target.seconds is not None:
        return baseline.seconds, target.seconds
    if baseline.unit == target.unit or ("count" in {baseline.unit, target.unit} and "time" not in {
        baseline.unit, target.unit
    }):
        return baseline.value, target.value
    return None


def impossible_level(facts: Facts) -> str | None:
    """Why the target level cannot happen, or None when it can."""
    target, text = facts.target, facts.text
    if target is None:
        return None
    if target.scale is not None and not 0 <= target.value <= target.scale:
        return f"{target.text} is outside its own scale."
    if target.unit == "percent" and not 0 <= target.value <= 100 and not _UNBOUNDED.search(text) and (
        _share_of(text, target) is not False
    ) and (_BOUNDED.search(text) or _CONVERSION.search(text) or _share_of(text, target)):
        return f"A rate or share cannot be {target.text}; it runs from 0% to 100%."
    return _outside_catalog_range(target, text)


def _share_of(text: str, target: Number) -> bool | None:
    """'% of X' after the target (or anywhere): True for a share ('120% of target accounts'), False for
    attainment ('130% of plan', '110% of quota for reps', '300% of ... (IACV) plan'), None without one."""
    match = _PERCENT_OF.match(text, target.end - 1) or _PERCENT_OF.search(text)  # "% of invoices paid: 108%"
    if match is None:
        return None
    words = [w.lower() for w in _PHRASE_WORD.findall(_ASIDE.sub(" ", match.group(1)))]
    while words and words[0] in lx.DETERMINERS:
        words = words[1:]
    phrase = []
    for word in words:
        if word in _PHRASE_ENDS:
            break
        phrase.append(word)
    return not (phrase and phrase[-1] in lx.ATTAINMENT_NOUNS)


def _outside_catalog_range(target: Number, text: str) -> str | None:
    """A catalog KPI named in the text whose valid range excludes the target ('NPS of 150')."""
    if target.scale is not None or _valid_for_every_kpi(target) or _UNBOUNDED.search(text) \
            or _share_of(text, target) is False:
        return None
    for mention in _mentions(text):
        kpi = mention.kpi
        same_unit = target.unit == "percent" if kpi.unit == "percent" else (
            kpi.unit == "score" and target.unit in {"count", "ratio"}
        )
        if same_unit and not kpi.range.contains(target.value):
            suffix = "%" if kpi.unit == "percent" else ""
            return f"{kpi.name} can only be {kpi.range.describe(suffix)}; {target.text} is impossible."
    return None


@short_text_cache(maxsize=16384)
def _mentions(text: str) -> tuple:
    """Catalog KPIs named in `text` (cached per text: the catalog scan is the costly part)."""
    return tuple(builtin_catalog().mentions(text))


def _valid_for_every_kpi(target: Number) -> bool:
    """True when no catalog range of the target's kind can exclude it, so the scan can be skipped."""
    low, high = _common_range("percent" if target.unit == "percent" else "score")
    return low <= target.value <= high


@lru_cache(maxsize=2)
def _common_range(unit: str) -> tuple[float, float]:
    """The values every catalog KPI of `unit` accepts: the intersection of their ranges."""
    ranges = [k.range for k in builtin_catalog().kpis if k.unit == unit]
    low = max((r.min for r in ranges if r.min is not None), default=float("-inf"))
    high = min((r.max for r in ranges if r.max is not None), default=float("inf"))
    return low, high
