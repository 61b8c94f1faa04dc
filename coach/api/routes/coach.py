"""POST /v1/coach (the check plus verified suggestions, KPI links, advisories) and GET /v1/kpis."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request

from coach.api.deps import get_settings
from coach.api.errors import ERROR_RESPONSES
from coach.coaching.schemas import CoachRequest, CoachResponse
from coach.coaching.session import coach_request
from coach.core.settings import Settings
from rubric.kpis import Kpi

router = APIRouter()


@router.post(
    "/v1/coach", response_model=CoachResponse, responses=ERROR_RESPONSES, tags=["coach"],
    summary="Check a draft and coach it: verified rewrites, KPI links, advisory checks",
    description=(
        "Same input as /v1/check (plus optional `kpis` to extend the catalog). The reply is the check "
        "result plus `suggestions` (each re-checked by the rubric: `verified`, remaining `findings`, "
        "`slots` for values only you know, `assumptions` for any value the coach chose), `kpi_links`, "
        "`advisories` (judgement checks from the model, `source: \"llm\"`), `provider`, `usage` and "
        "`warnings` (why the reply is degraded, e.g. the model was unreachable). Never apply a "
        "suggestion blindly."
    ),
)
async def coach(body: CoachRequest, request: Request, settings: Settings = Depends(get_settings)) -> CoachResponse:
    return await coach_request(body, client=request.app.state.llm_client, settings=settings)


@router.get("/v1/kpis", response_model=list[Kpi], tags=["coach"], summary="The KPI catalog key results link to")
def kpis(settings: Settings = Depends(get_settings)) -> list[Kpi]:
    return settings.kpi_catalog.kpis
