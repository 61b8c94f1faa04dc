"""Compare and bound quantities: unit-aware ratios and impossible levels."""

from __future__ import annotations

import re

from rubric.analysis import Facts
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
_NPS = re.compile(r"\b(?:e?NPS|net\s+promoter)", re.IGNORECASE)


def comparable(baseline: Number, target: Number) -> tuple[float, float] | None:
    """Baseline and target in one unit (durations in seconds), or None if they measure different things."""
    if baseline.unit == "time" and target.unit == "time" and baseline.seconds is not None and target.seconds is not None:
        return baseline.seconds, target.seconds
    if baseline.unit == target.unit or "count" in {baseline.unit, target.unit} and "time" not in {
        baseline.unit, target.unit
    }:
        return baseline.value, target.value
    return None


def impossible_level(facts: Facts) -> str | None:
    """Why the target level cannot happen, or None when it can."""
    target, text = facts.target, facts.text
    if target is None:
        return None
    if target.scale is not None and not 0 <= target.value <= target.scale:
        return f"{target.text} is outside its own scale."
    if _NPS.search(text) and target.unit in {"count", "ratio"} and target.scale is None and not -100 <= target.value <= 100:
        return f"NPS runs from -100 to 100; {target.text} is impossible."
    if target.unit == "percent" and not 0 <= target.value <= 100 and not _UNBOUNDED.search(text) and (
        _BOUNDED.search(text) or _PERCENT_OF.search(text)
    ):
        return f"A rate or share cannot be {target.text}; it runs from 0% to 100%."
    return None
