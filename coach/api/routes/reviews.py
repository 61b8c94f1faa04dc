"""Batch reviews: POST /v1/reviews (JSON or an uploaded file) -> 202 and a job; status; the report.

Jobs are durable (coach/batch/store/) and their lifecycle is `coach/batch/jobs.py`: reviewed by a
runner started with the app (SQLite), or by `okr-coach worker` processes (Postgres), so a restarted
server finishes what a stopped one began and any replica can answer for any job.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
from collections.abc import Iterator
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, FastAPI, Header, HTTPException, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, StreamingResponse
from pydantic import ConfigDict, Field, StrictBool, ValidationError
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException as StarletteHTTPException

from coach.api.deps import get_settings
from coach.api.errors import ERROR_RESPONSES
from coach.batch.imports.from_json import SubmissionInput, import_sets
from coach.batch.imports.problems import ImportFailure
from coach.batch.imports.upload import read_company_objectives, read_upload
from coach.batch.jobs import Jobs
from coach.batch.models import CompanyObjectiveInput, ImportResult, ReviewOptions, ReviewReport, ReviewStatus
from coach.batch.render.to_csv import iter_csv
from coach.batch.render.to_html import iter_html
from coach.batch.render.to_json import iter_json
from coach.batch.runner import ReviewRunner
from coach.batch.store import IdempotencyConflict, open_store
from coach.batch.store.sqlite import SqliteJobStore
from coach.check.limits import LimitExceeded
from coach.check.requests import RequestPolicy
from coach.check.unicode_input import UnicodeInput
from coach.core.settings import Settings
from rubric.policy import effective_policy

router = APIRouter(tags=["reviews"])
_MEDIA = {"json": "application/json", "csv": "text/csv; charset=utf-8", "html": "text/html; charset=utf-8"}


class ReviewRequest(UnicodeInput):
    """A batch of OKR sets as JSON; uploads (CSV, JSON, Markdown) go as multipart field `file` instead."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{"sets": [
        {"owner": "Alice Chen", "team": "Growth", "cycle": "2026-Q3", "objectives": [
            {"title": "Win the mid-market", "parent": "CO-1",
             "key_results": ["40 new mid-market logos by Q3", "Win rate from 18% to 25% by Q3"]}]},
        {"owner": "Bob Li", "text": "Objective: Make deploys boring\nKR: Failed deploys from 8% to 3% by Q3"},
    ], "company_objectives": [{"id": "CO-1", "title": "Grow revenue in the mid-market"}]}]})

    sets: list[SubmissionInput] = Field(..., description="One entry per owner's set: `objectives` or a `text` draft.")
    company_objectives: list[CompanyObjectiveInput] = Field(
        default_factory=list, description="Parent objectives; when given, objectives naming none are flagged.",
    )
    policy: RequestPolicy | None = Field(None, description="As for /v1/check; team rule ids may be disabled too.")
    suggest: StrictBool = Field(False, description="Also ask the coach for suggestions, one model call per set.")


async def get_jobs(request: Request) -> Jobs:
    return request.app.state.review_jobs


@router.post(
    "/v1/reviews", status_code=202, response_model=ReviewStatus, responses={
        **ERROR_RESPONSES, 200: {"model": ReviewReport, "description": "`sync=true` and a small batch: the report."},
        409: {"description": "The Idempotency-Key was used before with a different upload."},
        415: {"description": "The body is neither application/json nor multipart/form-data."}},
    summary="Review a team's OKR sets",
    description="Send JSON (`sets`) or upload a file as multipart field `file` (CSV with one row per key result or "
    "per objective, a JSON list of sets, or Markdown with one `## Owner` section each; optional fields "
    "`company_objectives` and `policy`). Rows that cannot be read are reported with their line; all others are "
    "reviewed. The reply is 202 with the job: poll `GET /v1/reviews/{id}`. With `sync=true` a batch of up to "
    "OKR_COACH_REVIEW_SYNC_MAX_SETS sets is answered at once with its report (200). Send an `Idempotency-Key` "
    "header to make a retried upload return the same job.",
    openapi_extra={"requestBody": {"content": {
        "application/json": {"schema": {"$ref": "#/components/schemas/ReviewRequest"}},
        "multipart/form-data": {"schema": {"type": "object", "required": ["file"], "properties": {
            "file": {"type": "string", "format": "binary"},
            "company_objectives": {"type": "string", "description": "A JSON list (strings or {id, title}) or one "
                                   "per line, e.g. 'CO-1: Grow revenue'."},
            "policy": {"$ref": "#/components/schemas/Policy"}}},
            "encoding": {"policy": {"contentType": "application/json"}}},
    }, "required": True}},
)
async def create_review(
    request: Request,
    sync: Annotated[bool, Query(description="Answer small batches at once with the report.")] = False,
    suggest: Annotated[bool, Query(description="Also ask the coach for suggestions.")] = False,
    idempotency_key: Annotated[str | None, Header(max_length=200)] = None,
    settings: Settings = Depends(get_settings),
    jobs: Jobs = Depends(get_jobs),
) -> JSONResponse:
    imported, options = await _read_request(request, settings)
    options.suggest = options.suggest or suggest
    if len(imported.submissions) > settings.max_review_submissions:
        raise LimitExceeded("sets", f"{len(imported.submissions)} sets; the limit is "
                            f"{settings.max_review_submissions} per review (OKR_COACH_MAX_REVIEW_SUBMISSIONS)")
    fingerprint = hashlib.sha256((imported.model_dump_json() + options.model_dump_json()).encode()).hexdigest()
    inline = sync and len(imported.submissions) <= settings.review_sync_max_sets
    try:
        job_id, _ = await jobs.submit(imported, options, fingerprint, idempotency_key, inline)
    except IdempotencyConflict as exc:
        raise HTTPException(409, f"Idempotency-Key {exc} was used for a different upload; use a new key.") from exc
    if (runner := request.app.state.review_runner) is not None:
        runner.wake()
    status = await jobs.status(job_id)
    assert status is not None
    if inline and status.status == "done":
        head = await jobs.report_head(job_id)
        assert head is not None
        report = head.model_copy(update={"sets": await asyncio.to_thread(lambda: list(jobs.results(job_id)))})
        return JSONResponse(json.loads(report.model_dump_json()), status_code=200)
    return JSONResponse(status.model_dump(mode="json"), status_code=202,
                        headers={"Location": f"/v1/reviews/{job_id}"})


async def _read_request(request: Request, settings: Settings) -> tuple[ImportResult, ReviewOptions]:
    content_type = request.headers.get("content-type", "")
    media_type = content_type.partition(";")[0].strip().lower()
    if media_type != "multipart/form-data" and media_type != "application/json" and not media_type.endswith("+json"):
        # A cross-site HTML form can send text/plain without a CORS preflight: such a body must not create jobs.
        raise HTTPException(415, f"Send the batch as application/json, or upload a file as multipart/form-data; "
                            f"got {content_type or 'no Content-Type'}.")
    try:
        if media_type == "multipart/form-data":
            return await _read_upload(request, settings)
        body = ReviewRequest.model_validate_json(await request.body())
    except ValidationError as exc:
        raise RequestValidationError(exc.errors(include_url=False)) from exc
    except ImportFailure as exc:
        raise RequestValidationError([{"loc": ("body", exc.field), "msg": exc.message, "type": "value_error"}]) from exc
    imported = import_sets(body.sets)
    return imported, ReviewOptions(policy=effective_policy(settings.policy, body.policy), suggest=body.suggest,
                                   company_objectives=body.company_objectives)


async def _read_upload(request: Request, settings: Settings) -> tuple[ImportResult, ReviewOptions]:
    try:
        form = await request.form()
    except StarletteHTTPException as exc:  # Starlette answers a broken multipart body with 400: bad input, a 422
        raise ImportFailure("body", f"The multipart upload could not be read ({exc.detail}); send the OKRs as "
                            "field 'file' of a well-formed multipart/form-data body.") from exc
    upload = form.get("file")
    if not isinstance(upload, UploadFile):
        raise ImportFailure("file", "Upload the OKRs as multipart field 'file' (CSV, JSON or Markdown).")
    imported = read_upload(await upload.read(), upload.filename)
    company = form.get("company_objectives")
    if isinstance(company, UploadFile):
        company = (await company.read()).decode("utf-8-sig", errors="replace")
    if company:
        imported.company_objectives = [*imported.company_objectives, *read_company_objectives(company)]
    policy = form.get("policy")
    request_policy = None
    if isinstance(policy, str) and policy.strip():
        try:
            request_policy = ReviewRequest.model_validate({"sets": [], "policy": json.loads(policy)}).policy
        except json.JSONDecodeError as exc:
            raise ImportFailure("policy", f"The policy field is not valid JSON: {exc.msg}.") from exc
    return imported, ReviewOptions(policy=effective_policy(settings.policy, request_policy),
                                   company_objectives=imported.company_objectives)


@router.get("/v1/reviews/{review_id}", response_model=ReviewStatus, summary="A review's status and progress",
            responses={404: {"description": "No such review."}})
async def review_status(review_id: str, jobs: Jobs = Depends(get_jobs)) -> ReviewStatus:
    status = await jobs.status(review_id)
    if status is None:
        raise HTTPException(404, f"No review {review_id!r}; POST /v1/reviews starts one.")
    return status


@router.get(
    "/v1/reviews/{review_id}/report", summary="The report: JSON, CSV (one row per finding) or HTML",
    responses={200: {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/ReviewReport"}},
                                 "text/csv": {}, "text/html": {}}},
               404: {"description": "No such review."}, 409: {"description": "The review is not done yet."},
               422: ERROR_RESPONSES[422]},
)
async def review_report(
    review_id: str, request: Request,
    format: Annotated[Literal["json", "csv", "html"] | None, Query(
        description="Defaults to what the Accept header asks for, else JSON.")] = None,
    jobs: Jobs = Depends(get_jobs),
) -> StreamingResponse:
    head = await jobs.report_head(review_id)
    if head is None:
        status = await jobs.status(review_id)
        if status is None:
            raise HTTPException(404, f"No review {review_id!r}; POST /v1/reviews starts one.")
        raise HTTPException(409, f"Review {review_id} is {status.status} ({status.done}/{status.total} sets); "
                            "the report is ready when it is done.")
    chosen = format or _from_accept(request.headers.get("accept", ""))
    sets = jobs.results(review_id)
    chunks: Iterator[str] = {"json": lambda: iter_json(head, sets), "csv": lambda: iter_csv(sets),
                             "html": lambda: iter_html(head, sets)}[chosen]()
    filename = f"okr-review-{review_id[:8]}.{chosen}"
    disposition = "inline" if chosen != "csv" else "attachment"
    return StreamingResponse(chunks, media_type=_MEDIA[chosen],
                             headers={"Content-Disposition": f'{disposition}; filename="{filename}"'})


def _from_accept(accept: str) -> Literal["json", "csv", "html"]:
    if "text/html" in accept:
        return "html"
    return "csv" if "text/csv" in accept else "json"


def install_reviews(app: FastAPI, settings: Settings) -> None:
    """Routes, the job store (SQLite in `settings.data_dir`, or Postgres) and, for SQLite, the in-process
    runner that the app's lifespan starts; with Postgres `okr-coach worker` processes review the jobs."""
    store = open_store(settings)
    jobs = Jobs(store, settings, app.state.llm_client)
    app.state.review_store, app.state.review_jobs = store, jobs
    app.state.review_runner = ReviewRunner(jobs, store) if isinstance(store, SqliteJobStore) else None
    app.include_router(router)
