"""API key authentication as pure ASGI middleware: 401 without a key, 403 with a wrong one.

Keys arrive as `X-API-Key: <key>` or `Authorization: Bearer <key>`. Health checks, the API docs
and CORS preflights (which by design carry no credentials) stay open. The matching key's short
id is put in `scope["state"]["api_key_id"]` for rate limiting and logs; the key itself never is.
Failed attempts are limited per client IP (`FailedAuthLimit`, OKR_COACH_AUTH_FAILURE_LIMIT).
"""

from __future__ import annotations

from starlette.types import ASGIApp, Receive, Scope, Send

from coach.api.errors import ErrorDetail
from coach.api.middleware.asgi_reply import send_error
from coach.api.middleware.failed_auth import FailedAuthLimit
from coach.core.keys import KeyVerifier

OPEN_PATHS = frozenset({"/healthz", "/readyz", "/openapi.json", "/docs", "/docs/oauth2-redirect", "/redoc"})


def presented_key(headers: list[tuple[bytes, bytes]]) -> str | None:
    """The key from `X-API-Key` or a Bearer `Authorization` header, if any."""
    for name, value in headers:
        if name == b"x-api-key" and value.strip():
            return value.strip().decode("latin-1")
        if name == b"authorization" and value[:7].lower() == b"bearer " and value[7:].strip():
            return value[7:].strip().decode("latin-1")
    return None


def is_cors_preflight(scope: Scope) -> bool:
    return scope["method"] == "OPTIONS" and any(name == b"access-control-request-method"
                                                for name, _ in scope["headers"])


class ApiKeyAuth:
    def __init__(self, app: ASGIApp, verifier: KeyVerifier, open_paths: frozenset[str] = OPEN_PATHS,
                 failures: FailedAuthLimit | None = None) -> None:
        self.app = app
        self.verifier = verifier
        self.open_paths = open_paths
        self.failures = failures

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or is_cors_preflight(scope):
            await self.app(scope, receive, send)
            return
        key = presented_key(scope["headers"])
        if scope["path"] in self.open_paths:  # open, but a valid key still shows more (e.g. /readyz's details)
            if key is not None and (key_id := self.verifier.identify(key)) is not None:
                scope.setdefault("state", {})["api_key_id"] = key_id
            await self.app(scope, receive, send)
            return
        if self.failures is not None and await self.failures.refuse_if_over(scope, receive, send):
            return
        key_id = self.verifier.identify(key) if key is not None else None
        if key_id is not None:
            scope.setdefault("state", {})["api_key_id"] = key_id
            await self.app(scope, receive, send)
            return
        if self.failures is not None:
            await self.failures.record_failure(scope)
        if key is None:
            await send_error(scope, receive, send, 401, "An API key is required.", ErrorDetail(
                field="header.X-API-Key", type="missing_api_key",
                message="send your key as 'X-API-Key: <key>' or 'Authorization: Bearer <key>'"),
                headers=[(b"www-authenticate", b'Bearer realm="okr-coach"')])
            return
        await send_error(scope, receive, send, 403, "The API key is not valid.", ErrorDetail(
            field="header.X-API-Key", type="invalid_api_key",
            message="this key is not configured on the server; check for typos or ask for a new key"))
