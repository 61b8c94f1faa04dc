"""GET /v1/rules: the rule catalog with rationale, hint and examples."""

from __future__ import annotations

from fastapi import APIRouter

from rubric.catalog import RuleDoc, rule_docs

router = APIRouter()


@router.get("/v1/rules", response_model=list[RuleDoc], tags=["rubric"], summary="The rule catalog with docs")
def rules() -> list[RuleDoc]:
    return list(rule_docs())
