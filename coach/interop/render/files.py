"""What every output format renders: one checked file, and its findings' line and column."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field

from coach.check.requests import CheckResponse
from rubric.models import Finding


@dataclass(slots=True)
class CheckedFile:
    """A file as given on the command line (`label`), the reply for it, and the file's text when the
    findings' spans point into it (a draft; None for a JSON request, whose spans point into its `text`)."""

    label: str
    source: str | None
    response: CheckResponse
    suppressed: list[Finding] = field(default_factory=list)


def item_name(finding: Finding) -> str:
    """Where a finding without a span is: 'set', 'objective 2' or 'objective 2, key result 3' (1-based)."""
    if finding.objective is None:
        return "set"
    where = f"objective {finding.objective + 1}"
    return where + (f", key result {finding.key_result + 1}" if finding.key_result is not None else "")


@dataclass(frozen=True, slots=True)
class Region:
    """1-based lines and columns (columns in code points), the end column exclusive as SARIF has it."""

    start_line: int
    start_column: int
    end_line: int
    end_column: int


class LineIndex:
    """Code-point offsets of one text to lines and columns (no text: nothing is located)."""

    def __init__(self, text: str | None) -> None:
        self._located = text is not None
        text = text or ""
        self._starts = [0, *(i + 1 for i, ch in enumerate(text) if ch == "\n")] if "\n" in text else [0]

    def position(self, offset: int) -> tuple[int, int]:
        row = bisect_right(self._starts, offset) - 1
        return row + 1, offset - self._starts[row] + 1

    def region(self, finding: Finding) -> Region | None:
        """Where a text finding is; None for findings of structured input, which have no span."""
        if not self._located or finding.start is None or finding.end is None:
            return None
        return Region(*self.position(finding.start), *self.position(max(finding.end, finding.start)))
