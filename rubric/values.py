"""Compare and bound quantities: unit-aware ratios and impossible levels."""

from __future__ import annotations

import re
from functools import lru_cache

from rubric.analysis import Facts
from rubric.caching import short_text_cache
from rubric.kpis import builtin_catalog
from rubric.quantities import Number

# Metrics whose percentage level is bounded to 0..100 ("% of ..." included, attainment excluded).
_BOUNDED = re.compile(
    r"\b(?:rate|rates|share|coverage|retention|conversion|uptime|availability|accuracy|adoption|completion|"
    r"percentage|utili[sz]ation|penetration|participation|attrition|churn|ctr|csat|pass\s+rate)\b",
    re.IGNORECASE,
)
_PERCENT_OF = re.compile(r"%\s+of\s+(?!(?:\S+\s+){0,5}?(?:plan|quota|target|goal|budget|forecast|ote)\b)", re.I)
_UNBOUNDED = re.compile(
    r"\b(?:net\s+(?:revenue|dollar)\s+retention|nrr|ndr|growth|roi|roas|increase|uplift|yoy|qoq|mom|"
    r"of\s+(?:\S+\s+){0,5}?(?:plan|quota|target|goal|budget|forecast|ote))\b",
    re.IGNORECASE,
)


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
        _BOUNDED.search(text) or _PERCENT_OF.search(text)
    ):
        return f"A rate or share cannot be {target.text}; it runs from 0% to 100%."
    return _outside_catalog_range(target, text)


def _outside_catalog_range(target: Number, text: str) -> str | None:
    """A catalog KPI named in the text whose valid range excludes the target ('NPS of 150')."""
    if target.scale is not None or _valid_for_every_kpi(target) or _UNBOUNDED.search(text):
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


@short_text_cache(maxsize=4096)
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
