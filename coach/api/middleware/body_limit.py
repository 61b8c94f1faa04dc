"""Reject oversized bodies before they are read into memory (FastAPI has no such limit itself)."""

from __future__ import annotations

import contextlib

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from coach.api.errors import ErrorDetail
from coach.api.middleware.asgi_reply import send_error


class BodySizeLimit:
    """Pure ASGI middleware: 413 when Content-Length or the streamed body exceeds `max_bytes`.

    A streamed (chunked) body is cut off in `receive`: the 413 is sent from here at once and the
    app's own reply to the aborted read (FastAPI turns any read error into a 400) is dropped.
    Either way the rest of the body is drained before the connection closes (see `send_error`).
    """

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.max_bytes):
            await self._reject(scope, receive, send)
            return
        received = 0
        replied = rejected = False

        async def limited_receive() -> Message:
            nonlocal received, rejected
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes and not replied:
                    rejected = True
                    await self._reject(scope, receive, send, body_pending=message.get("more_body", False))
                    raise _TooLarge
            return message

        async def guarded_send(message: Message) -> None:
            nonlocal replied
            if not rejected:
                replied = True
                await send(message)

        with contextlib.suppress(_TooLarge):  # already answered with the 413
            await self.app(scope, limited_receive, guarded_send)

    async def _reject(self, scope: Scope, receive: Receive, send: Send, body_pending: bool | None = None) -> None:
        await send_error(scope, receive, send, 413, "The request body is too large.", ErrorDetail(
            field="body", message=f"the limit is {self.max_bytes} bytes", type="too_large"), body_pending=body_pending)


class _TooLarge(Exception):
    pass
