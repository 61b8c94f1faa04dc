"""Explicit slots for values only the author knows, and sample values to check a text that has them.

A suggestion never invents a baseline or a target: it writes `[baseline]`, `[target]`,
`[deadline]` or `<metric, e.g. ...>`. To check such a text with the rubric, the slots are filled
with plausible samples that agree with the text's direction, so only real problems remain.
"""

from __future__ import annotations

import re

from rubric.analysis import analyse

SLOT = re.compile(r"\[(?P<square>[^\[\]\n\d]{1,60})\]|<(?P<angle>[a-z][^<>\n]{0,160})>")
SAMPLE_DEADLINE = "Q4 2026"
SAMPLE_METRIC = "active accounts"
SAMPLE_NAME = "Atlas"
_EXAMPLE = re.compile(r"\be\.g\.,?\s*(?P<example>[^,;]+?)\s*$", re.IGNORECASE)


def slots_in(text: str) -> list[str]:
    """The slots a text leaves open, in order, without repeats."""
    return list(dict.fromkeys(m.group() for m in SLOT.finditer(text)))


def fill_slots(text: str) -> str:
    """`text` with every slot replaced by a sample value consistent with its direction."""
    if not SLOT.search(text):
        return text
    baseline, target = _sample_levels(text)

    def sample(match: re.Match[str]) -> str:
        square, angle = match.group("square"), match.group("angle")
        if angle is not None:
            example = _EXAMPLE.search(angle)
            return example.group("example") if example else SAMPLE_METRIC
        name = square.strip().lower()
        return {"baseline": baseline, "target": target, "deadline": SAMPLE_DEADLINE}.get(name, SAMPLE_NAME)

    return SLOT.sub(sample, text)


def _sample_levels(text: str) -> tuple[str, str]:
    """A baseline and target that move the way the verb says, around the one level the text states."""
    facts = analyse(text)
    down = facts.direction == "down"
    names = {m.group("square").strip().lower() for m in SLOT.finditer(text) if m.group("square")}
    stated = facts.baseline or facts.target
    if stated is None or {"baseline", "target"} <= names:
        return ("60", "40") if down else ("40", "60")
    value, percent = stated.value, stated.unit == "percent"
    if "target" in names:  # the stated number is the baseline
        target = value * 0.75 if down else (value + 100) / 2 if percent else value * 1.5
        return _number(value), _number(target)
    baseline = (min(value * 1.5, (value + 100) / 2) if percent else value * 1.5) if down else value * 0.75
    return _number(baseline), _number(value)


def _number(value: float) -> str:
    return f"{round(value, 2):g}"
