"""JSON error replies sent straight from pure ASGI middleware, in the API's one error shape.

These replies come before the app read the request body (401, 403, 429, 413). Two things go wrong
if the server just answers and moves on: a client that sends its whole body before reading
(Python's urllib, curl without Expect) gets a TCP reset instead of the reply when the server closes
with the body unread; and body bytes that arrive after a keep-alive reply cancel uvicorn's idle
timer, so the connection is never closed. So a request with a body is answered at once, then its
body is read and thrown away for a bounded time and amount (a lingering close, as nginx does), and
only then is the reply finished with `Connection: close`.
"""

from __future__ import annotations

from collections.abc import Iterable

import anyio
from starlette.types import Receive, Scope, Send

from coach.api.errors import ErrorDetail, error_json

LINGER_SECONDS = 5.0  # read the rest of a refused body for at most this long...
LINGER_BYTES = 64 * 1024 * 1024  # ...and at most this much, then close regardless


async def send_error(
    scope: Scope, receive: Receive, send: Send, status: int, error: str, detail: ErrorDetail,
    headers: Iterable[tuple[bytes, bytes]] = (), body_pending: bool | None = None,
) -> None:
    """Answer with `ErrorResponse` JSON without going through the framework (cheap, before routing).

    `body_pending`: whether request body bytes may still be on their way (default: the request has a body).
    """
    body = error_json(error, [detail])
    with_body = has_body(scope) if body_pending is None else body_pending
    await send({"type": "http.response.start", "status": status, "headers": [
        (b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()), *headers,
        *([(b"connection", b"close")] if with_body else [])]})
    if not with_body or expects_continue(scope):  # a client waiting for "100 Continue" sends no body
        await send({"type": "http.response.body", "body": body})
        return
    await send({"type": "http.response.body", "body": body, "more_body": True})  # the client can read it now
    await drain(receive)
    await send({"type": "http.response.body", "body": b""})


async def drain(receive: Receive) -> None:
    """Read and drop the rest of the request body, within `LINGER_SECONDS` and `LINGER_BYTES`."""
    drained = 0
    with anyio.move_on_after(LINGER_SECONDS):
        while drained <= LINGER_BYTES:
            message = await receive()
            if message["type"] != "http.request" or not message.get("more_body", False):
                return
            drained += len(message.get("body", b""))


def has_body(scope: Scope) -> bool:
    for name, value in scope["headers"]:
        if name == b"content-length":
            return value.strip() != b"0"
        if name == b"transfer-encoding":
            return True
    return False


def expects_continue(scope: Scope) -> bool:
    return any(name == b"expect" and value.lower() == b"100-continue" for name, value in scope["headers"])
