"""The rule registry: a rule is data (id, severity, docs, examples) plus one typed check function.

Rules live one per module in `rubric/rules/` (the module is named after the rule id) and register
themselves with the decorator of their level, which says exactly what the engine will call:

- `@set_rule`: `check(okrs: SetView)`: the whole set (counts, duplicates).
- `@objective_rule`: `check(objective: ObjectiveView, okrs: SetView)`.
- `@key_result_rule`: `check(key_result: Item, thresholds: Thresholds)`: reads nothing but the key
  result's own text, so the engine reuses its hits for a text it has seen (re-checking a draft
  only re-lints the lines that changed). `objectives=True` also runs it on objective titles.
- `@key_result_in_context_rule`: `check(key_result, objective, okrs)`: reads the objective or the
  cycle as well (restates-objective, missing-deadline).
- `@team_rule`: `check(team: TeamView)` yields `(set index, hit)`: rules across a batch of sets.

The package is imported once, so adding a rule touches exactly one file (and its examples are
tested automatically).
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import ClassVar, Protocol, TypedDict, TypeVar, Unpack

from rubric.models import Level, Severity
from rubric.policy import Policy, Thresholds
from rubric.views import Item, ObjectiveView, SetView, TeamView


@dataclass(frozen=True, slots=True)
class Hit:
    """A rule's raw report: a message and where, before the engine turns it into a Finding.

    `start`/`end` are code points inside the item the finding points at (None = the whole item).
    Set and team rules name the item with `objective`/`key_result`; `anchor` points the span at
    another item when the finding itself sits at set level (e.g. the first objective over the limit).
    """

    message: str
    start: int | None = None
    end: int | None = None
    objective: int | None = None
    key_result: int | None = None
    severity: Severity | None = None
    anchor: tuple[int, int | None] | None = None


class SetCheck(Protocol):
    def __call__(self, okrs: SetView, /) -> Iterable[Hit]: ...


class ObjectiveCheck(Protocol):
    def __call__(self, objective: ObjectiveView, okrs: SetView, /) -> Iterable[Hit]: ...


class KeyResultCheck(Protocol):
    def __call__(self, key_result: Item, thresholds: Thresholds, /) -> Iterable[Hit]: ...


class KeyResultInContextCheck(Protocol):
    def __call__(self, key_result: Item, objective: ObjectiveView, okrs: SetView, /) -> Iterable[Hit]: ...


class TeamCheck(Protocol):
    def __call__(self, team: TeamView, /) -> Iterable[tuple[int, Hit]]: ...


@dataclass(frozen=True, slots=True)
class Rule:
    """What every rule documents; the subclass of its level carries the typed `check`."""

    LEVEL: ClassVar[Level]
    id: str
    severity: Severity
    title: str
    rationale: str
    hint: str
    good: tuple[str, ...]
    bad: tuple[str, ...]
    module: str

    @property
    def level(self) -> Level:
        return self.LEVEL


@dataclass(frozen=True, slots=True)
class SetRule(Rule):
    LEVEL: ClassVar[Level] = "set"
    check: SetCheck


@dataclass(frozen=True, slots=True)
class ObjectiveRule(Rule):
    LEVEL: ClassVar[Level] = "objective"
    check: ObjectiveCheck


@dataclass(frozen=True, slots=True)
class KeyResultRule(Rule):
    LEVEL: ClassVar[Level] = "key_result"
    check: KeyResultCheck
    objectives: bool = False  # also checks objective titles (placeholder)


@dataclass(frozen=True, slots=True)
class KeyResultInContextRule(Rule):
    LEVEL: ClassVar[Level] = "key_result"
    check: KeyResultInContextCheck


@dataclass(frozen=True, slots=True)
class TeamRule(Rule):
    LEVEL: ClassVar[Level] = "team"
    check: TeamCheck


class Docs(TypedDict):
    """The documentation every rule gives: `good`/`bad` are drafts it must not/must fire on."""

    severity: Severity
    title: str
    rationale: str
    hint: str
    good: Iterable[str]
    bad: Iterable[str]


_RULES: dict[str, Rule] = {}
C = TypeVar("C", bound=Callable[..., Iterable[object]])


def _registrar(kind: Callable[..., Rule], id: str, docs: Docs, **extra: object) -> Callable[[C], C]:
    """Register `check` as a rule of `kind` with its docs; the module it lives in is recorded."""

    def register(check: C) -> C:
        if id in _RULES:
            raise ValueError(f"rule {id!r} registered twice")
        _RULES[id] = kind(id=id, severity=docs["severity"], title=docs["title"], rationale=docs["rationale"],
                          hint=docs["hint"], good=tuple(docs["good"]), bad=tuple(docs["bad"]),
                          module=check.__module__, check=check, **extra)
        return check

    return register


def set_rule(id: str, **docs: Unpack[Docs]) -> Callable[[SetCheck], SetCheck]:
    return _registrar(SetRule, id, docs)


def objective_rule(id: str, **docs: Unpack[Docs]) -> Callable[[ObjectiveCheck], ObjectiveCheck]:
    return _registrar(ObjectiveRule, id, docs)


def key_result_rule(id: str, *, objectives: bool = False,
                    **docs: Unpack[Docs]) -> Callable[[KeyResultCheck], KeyResultCheck]:
    return _registrar(KeyResultRule, id, docs, objectives=objectives)


def key_result_in_context_rule(id: str,
                               **docs: Unpack[Docs]) -> Callable[[KeyResultInContextCheck], KeyResultInContextCheck]:
    return _registrar(KeyResultInContextRule, id, docs)


def team_rule(id: str, **docs: Unpack[Docs]) -> Callable[[TeamCheck], TeamCheck]:
    return _registrar(TeamRule, id, docs)


def all_rules() -> dict[str, Rule]:
    """Every registered rule by id, loading the rule modules on first use."""
    if not _RULES:
        import rubric.rules as package

        for module in pkgutil.iter_modules(package.__path__):
            importlib.import_module(f"{package.__name__}.{module.name}")
    return _RULES


def active_rules(policy: Policy) -> list[Rule]:
    """The rules a policy leaves switched on, in catalog order."""
    chosen = [r for r in all_rules().values() if r.id not in policy.disable]
    if policy.enable_only is not None:
        chosen = [r for r in chosen if r.id in policy.enable_only]
    return chosen
