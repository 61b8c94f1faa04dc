"""Error replies: which field, what was wrong, what to do. Never a 500 for bad input."""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.exception_handlers import http_exception_handler
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel
from starlette.exceptions import HTTPException

from coach.check.limits import LimitExceeded


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


async def _http_error(request: Request, exc: HTTPException) -> Response:
    """A body that is not UTF-8 is invalid input like bad JSON (422), not FastAPI's bare 400."""
    if exc.status_code == 400 and isinstance(exc.__cause__, UnicodeDecodeError):
        body = ErrorResponse(error="The request is invalid; see detail for each field.", detail=[ErrorDetail(
            field="body", message="the body is not valid UTF-8; send JSON encoded as UTF-8", type="json_invalid")])
        return JSONResponse(status_code=422, content=body.model_dump())
    return await http_exception_handler(request, exc)


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(RequestValidationError, _validation_error)  # type: ignore[arg-type]
    app.add_exception_handler(LimitExceeded, _limit_exceeded)  # type: ignore[arg-type]
    app.add_exception_handler(HTTPException, _http_error)  # type: ignore[arg-type]


ERROR_RESPONSES: dict[int | str, dict] = {
    413: {"model": ErrorResponse, "description": "Over a size limit (body, text, objectives, key results)."},
    422: {"model": ErrorResponse, "description": "Invalid input: each detail names the field and the problem."},
}
