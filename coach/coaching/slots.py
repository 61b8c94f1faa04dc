"""Explicit slots for values only the author knows, and sample values to check a text that has them.

A suggestion never invents a baseline or a target: it writes `[baseline]`, `[target]`,
`[deadline]` or `<metric, e.g. ...>`. To check such a text with the rubric, the slots are filled
with plausible samples that agree with the text's direction, so only real problems remain.
"""

from __future__ import annotations

import re

from rubric.analysis import analyse
from rubric.kpis import builtin_catalog

SLOT = re.compile(r"\[(?P<square>[^\[\]\n\d]{1,60})\]|<(?P<angle>[a-z][^<>\n]{0,160})>")
SAMPLE_DEADLINE = "Q4 2026"
SAMPLE_METRIC = "active accounts"
SAMPLE_NAME = "Atlas"
_EXAMPLE = re.compile(r"\be\.g\.,?\s*(?P<example>[^,;]+?)\s*$", re.IGNORECASE)


def slots_in(text: str) -> list[str]:
    """The slots a text leaves open, in order, without repeats."""
    return list(dict.fromkeys(m.group() for m in SLOT.finditer(text)))


def fill_slots(text: str) -> str:
    """`text` with every slot replaced by a sample value consistent with its direction and metric."""
    if not SLOT.search(text):
        return text

    def metric(match: re.Match[str]) -> str:
        angle = match.group("angle")
        if angle is None:
            return match.group()
        example = _EXAMPLE.search(angle)
        return example.group("example") if example else SAMPLE_METRIC

    text = SLOT.sub(metric, text)
    baseline, target = _sample_levels(text)

    def value(match: re.Match[str]) -> str:
        name = match.group("square").strip().lower()
        return {"baseline": baseline, "target": target, "deadline": SAMPLE_DEADLINE}.get(name, SAMPLE_NAME)

    return SLOT.sub(value, text)


def _sample_levels(text: str) -> tuple[str, str]:
    """A baseline and target that move the way the verb says, inside the metric's range, near any stated level."""
    facts = analyse(text)
    down = facts.direction == "down"
    names = {m.group("square").strip().lower() for m in SLOT.finditer(text) if m.group("square")}
    stated = facts.baseline or facts.target
    low, high = _bounds(text, stated.unit if stated else None)
    if stated is None or {"baseline", "target"} <= names:
        pair = (40.0, 60.0) if high is None else (low + 0.4 * (high - low), low + 0.6 * (high - low))
        return _numbers(*(reversed(pair) if down else pair))
    value = stated.value
    step = abs(value) * 0.25 or 1.0
    higher = value + step if high is None else min(value + step, (value + high) / 2)
    lower = max(value - step, (value + low) / 2)
    if "target" in names:  # the stated number is the baseline
        return _numbers(value, lower if down else higher)
    return _numbers(higher if down else lower, value)


def _bounds(text: str, unit: str | None) -> tuple[float, float | None]:
    """The valid range of the metric the text names (catalog), 0-100 for a percentage, else open."""
    for mention in builtin_catalog().mentions(text):
        bounds = mention.kpi.range
        if bounds.min is not None and bounds.max is not None and (unit is None or mention.kpi.unit != "percent"
                                                                   or unit == "percent"):
            return bounds.min, bounds.max
    return (0.0, 100.0) if unit == "percent" else (0.0, None)


def _numbers(baseline: float, target: float) -> tuple[str, str]:
    return f"{round(baseline, 2):g}", f"{round(target, 2):g}"
