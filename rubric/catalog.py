"""The rule catalog as documents: one rendering serves `GET /v1/rules` and `okr-coach rules`."""

from __future__ import annotations

from functools import cache

from pydantic import BaseModel, Field

from rubric.models import Level, Severity
from rubric.registry import all_rules


class RuleDoc(BaseModel):
    id: str
    level: Level
    severity: Severity
    title: str
    rationale: str
    hint: str
    good_examples: list[str] = Field(description="Drafts the rule stays quiet on. Team rules: one 'Owner: "
                                     "objective (parent: ...)' per line, 'Company: ...' for company objectives.")
    bad_examples: list[str] = Field(description="Drafts the rule fires on (same formats as good_examples).")


@cache
def rule_docs() -> tuple[RuleDoc, ...]:
    """Every rule's documentation, in catalog order (the registry never changes after loading)."""
    return tuple(
        RuleDoc(id=r.id, level=r.level, severity=r.severity, title=r.title, rationale=r.rationale, hint=r.hint,
                good_examples=list(r.good), bad_examples=list(r.bad))
        for r in all_rules().values()
    )
