"""Inline suppressions: a draft can silence a rule on one line, as linters allow.

    - KR: Reach 500 paying teams by Q4 <!-- okr-coach: ignore missing-baseline -->
    - KR: Reach 500 paying teams by Q4  # okr-coach: ignore[missing-baseline, vague-change]

A directive without rule ids (`<!-- okr-coach: ignore -->`, `# okr-coach: ignore`) silences every
rule on its line. Directives are blanked out (replaced by spaces, so every offset stays true)
before the draft is parsed: the comment never becomes part of a key result's words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TypeVar

from rubric.models import CheckResult, Finding

_DIRECTIVE = re.compile(
    r"<!--\s*okr-coach:\s*ignore(?P<html>[^>]*?)\s*-->"
    r"|#\s*okr-coach:\s*ignore(?:\[(?P<hash>[^\]\n]*)\])?"
)
_IDS = re.compile(r"[\s,]+")
ALL = "*"
ResultT = TypeVar("ResultT", bound=CheckResult)


@dataclass(slots=True)
class Directives:
    """The draft with its directives blanked, and what each line silences (1-based line -> rule ids)."""

    text: str
    by_line: dict[int, set[str]] = field(default_factory=dict)

    def named(self) -> set[str]:
        """Every rule id a directive names (callers check them against the catalog)."""
        return {rule for rules in self.by_line.values() for rule in rules if rule != ALL}


def read_directives(text: str) -> Directives:
    """Find the directives of `text`; the returned text has the same length, directives as spaces."""
    if "okr-coach" not in text:
        return Directives(text)
    by_line: dict[int, set[str]] = {}
    pieces: list[str] = []
    cursor = 0
    for match in _DIRECTIVE.finditer(text):
        named = match["html"] if match["html"] is not None else match["hash"] or ""
        rules = {rule for rule in _IDS.split(named.strip()) if rule} or {ALL}
        by_line.setdefault(text.count("\n", 0, match.start()) + 1, set()).update(rules)
        pieces.extend((text[cursor:match.start()], " " * (match.end() - match.start())))
        cursor = match.end()
    pieces.append(text[cursor:])
    return Directives("".join(pieces), by_line)


def suppress(result: ResultT, directives: Directives) -> tuple[ResultT, list[Finding]]:
    """`result` without the findings a directive silences on the line the finding starts on, and those
    findings. Findings without a span (structured input, set-level) cannot be silenced by line."""
    if not directives.by_line:
        return result, []
    text = directives.text
    kept: list[Finding] = []
    dropped: list[Finding] = []
    for finding in result.findings:
        rules = directives.by_line.get(text.count("\n", 0, finding.start) + 1) if finding.start is not None else None
        (dropped if rules and (ALL in rules or finding.rule in rules) else kept).append(finding)
    if not dropped:
        return result, []
    summary = result.summary.model_copy(update={
        "errors": sum(f.severity == "error" for f in kept),
        "warnings": sum(f.severity == "warning" for f in kept),
        "infos": sum(f.severity == "info" for f in kept),
    })
    return result.model_copy(update={"findings": kept, "summary": summary}), dropped

