"""The parser's output: a draft's structure with every item's place in the original text."""

from __future__ import annotations

from dataclasses import dataclass, field

from rubric.spans import SourceText


@dataclass(slots=True)
class ParsedObjective:
    title: SourceText
    key_results: list[SourceText] = field(default_factory=list)


@dataclass(slots=True)
class ParsedDraft:
    """What `rubric.parser.parse_text` extracts from free text."""

    cycle: str | None
    objectives: list[ParsedObjective]
