"""The rule catalog as clients read it: GET /v1/rules and the MCP tool list_rules share this model."""

from __future__ import annotations

from pydantic import BaseModel

from rubric.models import Level, Severity
from rubric.registry import all_rules


class RuleDoc(BaseModel):
    id: str
    level: Level
    severity: Severity
    title: str
    rationale: str
    hint: str
    good_examples: list[str]
    bad_examples: list[str]


def rule_docs() -> list[RuleDoc]:
    """Every rule, in catalog order, with its documentation and example drafts."""
    return [
        RuleDoc(id=r.id, level=r.level, severity=r.severity, title=r.title, rationale=r.rationale, hint=r.hint,
                good_examples=list(r.good), bad_examples=list(r.bad))
        for r in all_rules().values()
    ]
