"""Error replies: which field, what was wrong, what to do. Never a 500 for bad input."""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel

from coach.service import LimitExceeded


class ErrorDetail(BaseModel):
    field: str
    message: str
    type: str


class ErrorResponse(BaseModel):
    error: str
    detail: list[ErrorDetail]


def _field(loc: tuple) -> str:
    parts = [str(p) for p in loc if p not in ("body",)]
    return ".".join(parts) or "body"


async def _validation_error(request: Request, exc: RequestValidationError) -> JSONResponse:
    details = [
        ErrorDetail(field=_field(tuple(e.get("loc", ()))), message=str(e.get("msg", "invalid")).removeprefix(
            "Value error, "), type=str(e.get("type", "value_error")))
        for e in exc.errors()
    ]
    body = ErrorResponse(error="The request is invalid; see detail for each field.", detail=details)
    return JSONResponse(status_code=422, content=body.model_dump())


async def _limit_exceeded(request: Request, exc: LimitExceeded) -> JSONResponse:
    body = ErrorResponse(
        error="The request is larger than this server accepts; split it or raise the limit in settings.",
        detail=[ErrorDetail(field=exc.field, message=exc.message, type="too_large")],
    )
    return JSONResponse(status_code=413, content=body.model_dump())


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(RequestValidationError, _validation_error)  # type: ignore[arg-type]
    app.add_exception_handler(LimitExceeded, _limit_exceeded)  # type: ignore[arg-type]


ERROR_RESPONSES: dict[int | str, dict] = {
    413: {"model": ErrorResponse, "description": "Over a size limit (body, text, objectives, key results)."},
    422: {"model": ErrorResponse, "description": "Invalid input: each detail names the field and the problem."},
}
