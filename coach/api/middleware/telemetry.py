"""Request ids, one JSON access-log line and Prometheus figures per request, as one pure ASGI middleware.

The request id comes from `X-Request-ID` when it is a sane token, else it is generated; it is
returned in the response header and attached to every log line written while serving. The
access line has method, path, route, status and duration, never the body, unless `log_drafts`.
"""

from __future__ import annotations

import logging
import re
import time
import uuid

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from coach.core.logs import request_id
from coach.core.metrics import request_counter, request_timer

log = logging.getLogger("coach.access")
_SANE_ID = re.compile(rb"[A-Za-z0-9._:-]{1,128}")


def incoming_request_id(headers: list[tuple[bytes, bytes]]) -> str | None:
    for name, value in headers:
        if name == b"x-request-id":
            return value.decode("ascii") if _SANE_ID.fullmatch(value) else None
    return None


class Telemetry:
    def __init__(self, app: ASGIApp, metrics: bool = True, log_drafts: bool = False) -> None:
        self.app = app
        self.metrics = metrics
        self.log_drafts = log_drafts

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        rid = incoming_request_id(scope["headers"]) or uuid.uuid4().hex
        token = request_id.set(rid)
        started = time.perf_counter()
        status = 500  # what the client gets if the app raises
        body = bytearray()

        async def send_with_id(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                message["headers"] = [*message.get("headers", ()), (b"x-request-id", rid.encode())]
            await send(message)

        async def receive_and_keep() -> Message:
            message = await receive()
            if message["type"] == "http.request":
                body.extend(message.get("body", b""))
            return message

        try:
            await self.app(scope, receive_and_keep if self.log_drafts else receive, send_with_id)
        finally:
            self._record(scope, status, time.perf_counter() - started, body)
            request_id.reset(token)

    def _record(self, scope: Scope, status: int, duration: float, body: bytearray) -> None:
        method = scope["method"]
        route = getattr(scope.get("route"), "path", "unrouted")  # a template, so label values stay few
        if self.metrics:
            request_counter(method, route, str(status)).inc()
            request_timer(method, route).observe(duration)
        if log.isEnabledFor(logging.INFO):
            extra = {"method": method, "path": scope["path"], "route": route, "status": status,
                     "duration_ms": round(duration * 1000, 3),
                     "api_key_id": scope.get("state", {}).get("api_key_id")}
            if self.log_drafts:
                extra["draft"] = body.decode("utf-8", "replace")
            # makeRecord + handle is log.info without findCaller's stack walk: the JSON lines carry
            # no source position, and this runs for every request.
            log.handle(log.makeRecord(log.name, logging.INFO, __file__, 0, "request", (), None, extra=extra))
