"""POST /v1/check: the rubric on a draft, on the event loop when small, in the thread pool when large."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Response
from fastapi.concurrency import run_in_threadpool

from coach.api.deps import get_settings
from coach.api.errors import ERROR_RESPONSES
from coach.check.limits import InputLimits
from coach.check.requests import CheckRequest, CheckResponse
from coach.core.metrics import count_findings
from coach.core.settings import Settings
from coach.interop.linting import lint_request

router = APIRouter()
# Drafts up to this many characters (a typical set has ~600) are checked on the event loop: at
# typing speed the hop to the thread pool and back cost more than the check itself (throughput
# 45% -> 65% of a bare endpoint in bench/bench_check.py). Larger drafts go to the thread pool so
# a 50-objective paste cannot stall the other connections for long.
INLINE_CHECK_CHARS = 2_000


@router.post(
    "/v1/check", response_model=CheckResponse, responses=ERROR_RESPONSES, tags=["rubric"],
    summary="Check an OKR draft against the rubric",
    description=(
        "Send a free-text draft (`text`) or a structured set (`okrs`). Every finding has a rule id, "
        "severity, message, hint and 0-based `objective`/`key_result` indices. For `text` input each "
        "finding also carries its span twice: `start`/`end` in Unicode code points (Python string "
        "indices) and `offset`/`length` in UTF-16 code units (JavaScript string indices, so emoji "
        "before the problem do not shift underlines). A line with `<!-- okr-coach: ignore RULE -->` or "
        "`# okr-coach: ignore[RULE,...]` has those findings left out."
    ),
)
async def check(body: CheckRequest, settings: Settings = Depends(get_settings)) -> Response:
    if draft_chars(body) <= INLINE_CHECK_CHARS:
        reply = lint_request(body, settings.policy, InputLimits.from_settings(settings)).response
    else:
        reply = (await run_in_threadpool(lint_request, body, settings.policy,
                                         InputLimits.from_settings(settings))).response
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
