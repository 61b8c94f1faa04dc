"""What rules read: views of an OKR set (and of a batch of sets) with each text's analysis.

The engine builds these once per check; every rule receives the part its level needs (see the
check protocols in `rubric.registry`). Plain data: no rule logic lives here.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from rubric.analysis import Facts
from rubric.policy import Thresholds
from rubric.spans import SourceText


@dataclass(slots=True)
class Item:
    """One objective title or key result: its text, where it came from, and what it says."""

    text: str
    source: SourceText | None
    facts: Facts
    due: str | None = None  # a deadline written beside the item (a table's Due column)

    @property
    def has_deadline(self) -> bool:
        """A time expression in the item's words, or a deadline beside it."""
        return self.facts.has_time or self.due is not None


@dataclass(slots=True)
class KeyResultView:
    index: int
    item: Item

    @property
    def text(self) -> str:
        return self.item.text

    @property
    def facts(self) -> Facts:
        return self.item.facts


@dataclass(slots=True)
class ObjectiveView:
    index: int
    item: Item
    key_results: list[KeyResultView]

    @property
    def title(self) -> str:
        return self.item.text

    @property
    def facts(self) -> Facts:
        return self.item.facts


@dataclass(slots=True)
class SetView:
    cycle: str | None
    objectives: list[ObjectiveView]
    thresholds: Thresholds

    def key_results(self) -> Iterator[tuple[ObjectiveView, KeyResultView]]:
        for objective in self.objectives:
            for key_result in objective.key_results:
                yield objective, key_result


@dataclass(frozen=True, slots=True)
class TeamSet:
    """What the team rules need from one submitted set."""

    owner: str | None
    titles: Sequence[str]
    parents: Sequence[str | None]  # the parent each objective names, aligned with `titles`


@dataclass(frozen=True, slots=True)
class CompanyObjective:
    """A parent objective that team objectives may align to; `id` is an optional short code (CO-1)."""

    title: str
    id: str | None = None


@dataclass(frozen=True, slots=True)
class TeamView:
    """A whole batch of submitted sets, for the team rules."""

    sets: Sequence[TeamSet]
    company: Sequence[CompanyObjective]
    thresholds: Thresholds


def owner_key(owner: str | None) -> str | None:
    """Owners compare case- and spacing-insensitively: 'alice  chen' is 'Alice Chen'."""
    if owner is None or not owner.strip():
        return None
    return " ".join(owner.split()).casefold()
