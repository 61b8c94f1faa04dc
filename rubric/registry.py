"""The rule registry: a rule is data (id, level, severity, docs, examples) plus one function.

Rules live one per module in `rubric/rules/` and register themselves with `@rule(...)`;
the package is imported once, so adding a rule touches exactly one file (and its examples are
tested automatically).
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from rubric.models import Level, Severity


@dataclass(frozen=True, slots=True)
class Hit:
    """A rule's raw report: a message and where, before the engine turns it into a Finding.

    `start`/`end` are code points inside the item the finding points at (None = the whole item).
    Set rules name the item with `objective`/`key_result`; `anchor` points the span at another
    item when the finding itself sits at set level (e.g. the first objective over the limit).
    """

    message: str
    start: int | None = None
    end: int | None = None
    objective: int | None = None
    key_result: int | None = None
    severity: Severity | None = None
    anchor: tuple[int, int | None] | None = None


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    level: Level
    severity: Severity
    title: str
    rationale: str
    hint: str
    good: tuple[str, ...]
    bad: tuple[str, ...]
    check: Callable[..., Iterable[Hit]]
    objectives: bool = False  # a key-result rule that also checks objective titles (placeholder)
    local: bool = False  # a key-result rule that reads only its key result (and the thresholds)


_RULES: dict[str, Rule] = {}


def rule(
    id: str, *, level: Level, severity: Severity, title: str, rationale: str, hint: str,
    good: Iterable[str], bad: Iterable[str], objectives: bool = False, local: bool = False,
) -> Callable[[Callable[..., Iterable[Hit]]], Callable[..., Iterable[Hit]]]:
    """Register a rule. `good`/`bad` are drafts (free text) on which the rule must not/must fire.

    `local=True` promises that a key-result rule reads nothing but its key result and the
    thresholds (no objective, cycle or siblings): the engine then reuses its hits for a text it
    has seen, so re-checking a draft only re-lints the key results that changed.
    """

    def register(check: Callable[..., Iterable[Hit]]) -> Callable[..., Iterable[Hit]]:
        if id in _RULES:
            raise ValueError(f"rule {id!r} registered twice")
        _RULES[id] = Rule(id, level, severity, title, rationale, hint, tuple(good), tuple(bad), check, objectives,
                          local)
        return check

    return register


def all_rules() -> dict[str, Rule]:
    """Every registered rule by id, loading the rule modules on first use."""
    if not _RULES:
        import rubric.rules as package

        for module in pkgutil.iter_modules(package.__path__):
            importlib.import_module(f"{package.__name__}.{module.name}")
    return _RULES
