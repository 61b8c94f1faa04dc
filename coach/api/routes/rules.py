"""GET /v1/rules: the rule catalog with rationale, hint and examples."""

from __future__ import annotations

from fastapi import APIRouter
from pydantic import BaseModel

from rubric.models import Level, Severity
from rubric.registry import all_rules

router = APIRouter()


class RuleDoc(BaseModel):
    id: str
    level: Level
    severity: Severity
    title: str
    rationale: str
    hint: str
    good_examples: list[str]
    bad_examples: list[str]


@router.get("/v1/rules", response_model=list[RuleDoc], tags=["rubric"], summary="The rule catalog with docs")
def rules() -> list[RuleDoc]:
    return [
        RuleDoc(id=r.id, level=r.level, severity=r.severity, title=r.title, rationale=r.rationale, hint=r.hint,
                good_examples=list(r.good), bad_examples=list(r.bad))
        for r in all_rules().values()
    ]
