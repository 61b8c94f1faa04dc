"""JSON error replies sent straight from pure ASGI middleware, in the API's one error shape."""

from __future__ import annotations

from collections.abc import Iterable

from starlette.types import Send

from coach.api.errors import ErrorDetail, ErrorResponse


async def send_error(
    send: Send, status: int, error: str, detail: ErrorDetail, headers: Iterable[tuple[bytes, bytes]] = ()
) -> None:
    """Answer with `ErrorResponse` JSON without going through the framework (cheap, before routing)."""
    body = ErrorResponse(error=error, detail=[detail]).model_dump_json().encode()
    await send({"type": "http.response.start", "status": status, "headers": [
        (b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()), *headers]})
    await send({"type": "http.response.body", "body": body})
