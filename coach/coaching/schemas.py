"""The coach's contract: request and reply of POST /v1/coach, the CLI's JSON and `coach_set`."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from coach.check.requests import CheckRequest, CheckResponse
from coach.coaching.proposal import ChangeAction
from coach.core.usage import Usage
from rubric.kpis import Kpi
from rubric.models import Finding


class CoachRequest(CheckRequest):
    """The /v1/check input, plus your own KPIs for this request."""

    kpis: list[Kpi] | None = Field(
        None, max_length=500, description="Extra KPIs for this request; an id already in the catalog replaces it."
    )


class Suggestion(BaseModel):
    """A proposed change, re-checked by the rubric. A draft for a person to review, never to apply blindly."""

    action: ChangeAction
    objective: int = Field(..., description="0-based objective index.")
    key_result: int | None = Field(..., description="0-based key result index; null for the objective itself.")
    original: str | None = Field(..., description="The text being changed (null when adding).")
    texts: list[str] = Field(..., description="The proposed text(s); empty for 'remove'.")
    slots: list[str] = Field(
        ..., description="Values only you know, left as slots ([baseline], [target], [deadline], <metric, ...>)."
    )
    rationale: str
    fixes: list[str] = Field(..., description="Rule ids of the findings this change addresses.")
    assumptions: list[str] = Field(
        ..., description="Numbers, dates or metrics the coach chose that your draft does not state: check them."
    )
    verified: bool = Field(..., description="True when the rubric finds no error in the proposed text(s).")
    findings: list[Finding] = Field(
        ..., description="What the rubric still finds in the proposed text(s), checked with slots filled by samples."
    )
    source: Literal["llm", "offline"]
    review_required: Literal[True] = Field(True, description="Always true: review before applying.")


class KpiLink(BaseModel):
    objective: int
    key_result: int
    kpi_id: str | None = Field(..., description="Catalog id; null for a KPI the model proposes that is not in it.")
    kpi_name: str
    new_kpi: bool = Field(..., description="True when the KPI is a proposal, not a catalog entry.")
    confidence: float = Field(..., ge=0, le=1)
    reason: str
    source: Literal["catalog", "llm"] = Field(..., description="'catalog': found by name; 'llm': ranked by the model.")
    kpi_in_disguise: bool = Field(
        ..., description="The key result only holds this KPI at a level: track it as a KPI, not an OKR."
    )


class Provider(BaseModel):
    name: Literal["offline", "openai"] = Field(..., description="Who wrote the suggestions.")
    model: str | None = None


class CoachResult(BaseModel):
    suggestions: list[Suggestion]
    kpi_links: list[KpiLink]
    advisories: list[Finding] = Field(
        ..., description="Judgement checks from the model (source 'llm'), kept apart from the rubric's findings."
    )
    provider: Provider
    usage: Usage
    warnings: list[str] = Field(..., description="Why the reply is degraded or partial, if it is.")


class CoachResponse(CheckResponse, CoachResult):
    """The check result plus the coach's suggestions, KPI links and advisories."""
