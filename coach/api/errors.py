"""Error replies: which field, what was wrong, what to do. One shape for every status, never a 500 for bad input.

Every error the service answers, from a pure ASGI middleware (401, 413, 429), FastAPI's validation
(422), Starlette's routing (404, 405) or an unexpected exception (500), is an `ErrorResponse`
whose details carry a stable `type` code; a body that is not JSON also gets its line and column.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from http import HTTPStatus
from typing import Annotated

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import Response
from pydantic import AfterValidator, BaseModel, Field
from starlette.exceptions import HTTPException

from coach.check.limits import LimitExceeded


def _printable(text: str) -> str:
    """Lone surrogates (from JSON escapes such as \\ud800) cannot be encoded as UTF-8: show them escaped."""
    return text.encode("utf-8", "backslashreplace").decode("utf-8") if not text.isascii() else text


Printable = Annotated[str, AfterValidator(_printable)]


class ErrorDetail(BaseModel):
    field: Printable
    message: Printable
    type: str = Field(..., description="A stable code for programs, e.g. json_invalid, too_large, not_found.")
    line: int | None = Field(None, description="For a body that is not valid JSON: the 1-based line of the error.")
    column: int | None = Field(None, description="For a body that is not valid JSON: the 1-based column.")


class ErrorResponse(BaseModel):
    error: Printable
    detail: list[ErrorDetail]


def error_json(error: str, details: list[ErrorDetail]) -> bytes:
    """The error body as bytes (absent line/column left out rather than null)."""
    return ErrorResponse(error=error, detail=details).model_dump_json(exclude_none=True).encode()


def error_reply(status: int, error: str, details: list[ErrorDetail],
                headers: Mapping[str, str] | None = None) -> Response:
    return Response(error_json(error, details), status_code=status, media_type="application/json", headers=headers)


INVALID = "The request is invalid; see detail for each field."
_AT_LINE = re.compile(r"at line (\d+) column (\d+)")  # how pydantic's JSON parser says where


def _field(loc: tuple) -> str:
    parts = [str(p) for p in loc if p not in ("body",)]
    return ".".join(parts) or "body"


def _detail(error: dict, body: object) -> ErrorDetail:
    kind = str(error.get("type", "value_error"))
    message = str(error.get("msg", "invalid")).removeprefix("Value error, ")
    if kind != "json_invalid":  # a validator may name the field inside the value it checked (ctx "field")
        inner = str((error.get("ctx") or {}).get("field", ""))
        return ErrorDetail(field=_field((*error.get("loc", ()), *filter(None, [inner]))), message=message, type=kind)
    # FastAPI reports a JSON syntax error at a character offset (`loc` ends with it); pydantic in words.
    reason = str((error.get("ctx") or {}).get("error", message))
    loc = tuple(error.get("loc", ()))
    line = column = None
    if loc and isinstance(loc[-1], int) and isinstance(body, str):
        line = body.count("\n", 0, loc[-1]) + 1
        column = loc[-1] - (body.rfind("\n", 0, loc[-1]) + 1) + 1
    elif match := _AT_LINE.search(reason):
        line, column = int(match[1]), int(match[2])
        reason = reason[: match.start()].rstrip()
    reason = reason.removeprefix("Invalid JSON: ")
    where = f" at line {line}, column {column}" if line is not None else ""
    return ErrorDetail(field="body", type="json_invalid", line=line, column=column,
                       message=f"the body is not valid JSON: {reason}{where}; send one JSON object")


async def _validation_error(request: Request, exc: RequestValidationError) -> Response:
    return error_reply(422, INVALID, [_detail(e, exc.body) for e in exc.errors()])


async def _limit_exceeded(request: Request, exc: LimitExceeded) -> Response:
    return error_reply(413, "The request is larger than this server accepts; split it or raise the limit in settings.",
                       [ErrorDetail(field=exc.field, message=exc.message, type="too_large")])


# What a bare status from the framework means for the caller: the field at fault and what to do.
_HTTP_DEFAULTS: dict[int, tuple[str, str]] = {
    400: ("body", "the body could not be read; send JSON encoded as UTF-8, or a multipart upload"),
    404: ("path", "no such path {path!r}; GET /openapi.json (or /docs) lists the API"),
    405: ("method", "this path does not take this method; see the Allow header"),
    415: ("header.Content-Type", "send application/json"),
}


async def _http_error(request: Request, exc: HTTPException) -> Response:
    """Starlette's and our own HTTPExceptions in the one shape.

    A body that is not UTF-8, or JSON nested too deeply for the parser, is invalid input like any
    bad JSON (422), not FastAPI's bare 400 "There was an error parsing the body".
    """
    cause = exc.__cause__
    if exc.status_code == 400 and isinstance(cause, UnicodeDecodeError | RecursionError):
        message = ("the body is not valid UTF-8; send JSON encoded as UTF-8" if isinstance(cause, UnicodeDecodeError)
                   else "the JSON is nested too deeply to read; flatten it")
        return error_reply(422, INVALID, [ErrorDetail(field="body", message=message, type="json_invalid")])
    try:
        phrase = HTTPStatus(exc.status_code).phrase
    except ValueError:
        phrase = "Error"
    field, default = _HTTP_DEFAULTS.get(exc.status_code, ("request", phrase.lower()))
    given = str(exc.detail) if exc.detail and exc.detail != phrase else None
    code = re.sub(r"\W+", "_", phrase.lower()).strip("_")
    message = given or default.format(path=request.url.path)
    return error_reply(exc.status_code, given or f"{phrase}.", [ErrorDetail(field=field, message=message, type=code)],
                       headers=exc.headers)


async def _server_error(request: Request, exc: Exception) -> Response:
    """The catch-all: a JSON 500 (Starlette still re-raises, so the server logs the traceback)."""
    return error_reply(500, "The server failed to answer; this is a bug, not your input.", [ErrorDetail(
        field="server", type="internal_error",
        message="retry later; if it persists, report it with the time of the request and its X-Request-ID")])


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(RequestValidationError, _validation_error)  # type: ignore[arg-type]
    app.add_exception_handler(LimitExceeded, _limit_exceeded)  # type: ignore[arg-type]
    app.add_exception_handler(HTTPException, _http_error)  # type: ignore[arg-type]
    app.add_exception_handler(Exception, _server_error)


ERROR_RESPONSES: dict[int | str, dict] = {
    413: {"model": ErrorResponse, "description": "Over a size limit (body, text, objectives, key results)."},
    422: {"model": ErrorResponse, "description": "Invalid input: each detail names the field and the problem."},
}
