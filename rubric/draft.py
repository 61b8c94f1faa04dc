"""The parser's output: a draft's structure with every item's place in the original text."""

from __future__ import annotations

from dataclasses import dataclass, field

from rubric.models import IgnoredLine
from rubric.spans import SourceText


@dataclass(frozen=True, slots=True)
class ParsedKeyResult(SourceText):
    """A key result's text and slices, with the deadline written beside it (a table's Due column)."""

    due: SourceText | None = None


@dataclass(slots=True)
class ParsedObjective:
    title: SourceText
    key_results: list[ParsedKeyResult] = field(default_factory=list)


@dataclass(slots=True)
class ParsedDraft:
    """What `rubric.parser.parse_text` extracts from free text: the items, the cycle, and every
    other non-empty line with the reason it is not an item."""

    cycle: str | None
    objectives: list[ParsedObjective]
    ignored: list[IgnoredLine] = field(default_factory=list)
