"""Health, /v1/check and the rule catalog."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request, Response
from fastapi.concurrency import run_in_threadpool
from pydantic import BaseModel

from coach.api.errors import ERROR_RESPONSES
from coach.metrics import count_findings
from coach.schemas import CheckRequest, CheckResponse
from coach.service import check_request
from coach.settings import Settings
from rubric.models import Level, Severity
from rubric.registry import all_rules

router = APIRouter()
# Drafts up to this many characters (a typical set has ~600) are checked on the event loop: at
# typing speed the hop to the thread pool and back cost more than the check itself (throughput
# 45% -> 65% of a bare endpoint in bench/bench_check.py). Larger drafts go to the thread pool so
# a 50-objective paste cannot stall the other connections for long.
INLINE_CHECK_CHARS = 2_000


async def get_settings(request: Request) -> Settings:
    """The app's settings. Async on purpose: FastAPI runs a sync dependency in the thread pool,
    and that hop cost more than a typical check (~0.9 ms per request on /v1/check)."""
    return request.app.state.settings


class Health(BaseModel):
    status: str


class RuleDoc(BaseModel):
    id: str
    level: Level
    severity: Severity
    title: str
    rationale: str
    hint: str
    good_examples: list[str]
    bad_examples: list[str]


@router.get("/healthz", response_model=Health, tags=["health"])
def healthz() -> Health:
    return Health(status="ok")


@router.post(
    "/v1/check", response_model=CheckResponse, responses=ERROR_RESPONSES, tags=["rubric"],
    summary="Check an OKR draft against the rubric",
    description=(
        "Send a free-text draft (`text`) or a structured set (`okrs`). Every finding has a rule id, "
        "severity, message, hint and 0-based `objective`/`key_result` indices. For `text` input each "
        "finding also carries its span twice: `start`/`end` in Unicode code points (Python string "
        "indices) and `offset`/`length` in UTF-16 code units (JavaScript string indices, so emoji "
        "before the problem do not shift underlines)."
    ),
)
async def check(body: CheckRequest, settings: Settings = Depends(get_settings)) -> Response:
    if draft_chars(body) <= INLINE_CHECK_CHARS:
        reply = check_request(body, settings)
    else:
        reply = await run_in_threadpool(check_request, body, settings)
    if settings.metrics:
        count_findings(reply.findings)
    # The engine built the reply from the contract models already: serialise it once, instead of
    # letting FastAPI validate the whole nested reply again against `response_model`.
    return Response(reply.model_dump_json(), media_type="application/json")


def draft_chars(body: CheckRequest) -> int:
    """How much text a check will read, which decides where it runs."""
    if body.text is not None:
        return len(body.text)
    assert body.okrs is not None
    return sum(len(o.title) + sum(map(len, o.key_result_texts())) for o in body.okrs.objectives)


@router.get("/v1/rules", response_model=list[RuleDoc], tags=["rubric"], summary="The rule catalog with docs")
def rules() -> list[RuleDoc]:
    return [
        RuleDoc(id=r.id, level=r.level, severity=r.severity, title=r.title, rationale=r.rationale, hint=r.hint,
                good_examples=list(r.good), bad_examples=list(r.bad))
        for r in all_rules().values()
    ]
