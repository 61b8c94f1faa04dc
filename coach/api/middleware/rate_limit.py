"""Per-client rate limiting as pure ASGI middleware: moving window from the `limits` library, 429 + Retry-After.

A client is its API key (its short id, set by `ApiKeyAuth`) or, without keys, its IP address
(behind a proxy, list it in OKR_COACH_TRUSTED_PROXIES so this is the real client). Counters live in
`rate_limit_storage_uri`: per process by default, Redis to share them between workers/replicas.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TypeVar

from limits import RateLimitItem, parse_many
from limits.storage import MemoryStorage, storage_from_string
from limits.strategies import MovingWindowRateLimiter
from starlette.types import ASGIApp, Receive, Scope, Send

from coach.api.errors import ErrorDetail
from coach.api.middleware.auth import OPEN_PATHS
from coach.api.middleware.limiter_io import limiter_call, seconds_to_wait, send_too_many

EXEMPT_PATHS = OPEN_PATHS | {"/metrics"}
T = TypeVar("T")


def client_identity(scope: Scope) -> str:
    key_id = scope.get("state", {}).get("api_key_id")
    if key_id:
        return f"key:{key_id}"
    client = scope.get("client")
    return f"ip:{client[0]}" if client else "ip:unknown"


class ThrottledMemoryStorage(MemoryStorage):
    """`limits`' in-memory storage, pruning expired events at most once a second.

    The stock one re-arms a 10 ms `threading.Timer` on every call once the last one has fired:
    under steady traffic that is a new thread every few requests, which we measured at +0.8 ms
    per request. Pruning only bounds memory (the window check reads timestamps), so once a
    second is plenty. The hook is private to `limits`; if it goes away the stock pruning runs.
    """

    STORAGE_SCHEME = ["okr-coach-memory"]  # noqa: RUF012 (limits types it so)  leave "memory://" to limits

    def __init__(self) -> None:
        self._next_pruning = 0.0
        super().__init__()

    def _MemoryStorage__schedule_expiry(self) -> None:
        if (now := time.monotonic()) >= self._next_pruning:
            self._next_pruning = now + 1.0
            super()._MemoryStorage__schedule_expiry()  # type: ignore[misc]


def build_limiter(storage_uri: str) -> MovingWindowRateLimiter:
    """A moving-window limiter on `storage_uri` ('memory://', 'redis://host:6379', ...)."""
    if storage_uri.startswith("memory://"):
        return MovingWindowRateLimiter(ThrottledMemoryStorage())
    return MovingWindowRateLimiter(storage_from_string(storage_uri))


def parse_rate_limit(spec: str, setting: str = "OKR_COACH_RATE_LIMIT") -> list[RateLimitItem]:
    """'120/minute' or '10/second;300/hour' into `limits` items, with the setting named on error."""
    try:
        return parse_many(spec)
    except ValueError as exc:
        raise ValueError(f"{setting}={spec!r} is not a rate like '120/minute' or "
                         f"'10/second;300/hour': {exc}") from exc


class RateLimit:
    """In-memory counters are checked inline (microseconds); a network storage (Redis) from a worker
    thread so the event loop never waits on it. (`limits.aio`'s memory storage hops to a thread on
    every hit, which cost more than the rest of the hardening together.)"""

    def __init__(self, app: ASGIApp, items: list[RateLimitItem], limiter: MovingWindowRateLimiter,
                 exempt_paths: frozenset[str] = EXEMPT_PATHS) -> None:
        self.app = app
        self.items = items
        self.limiter = limiter
        self.exempt_paths = exempt_paths
        self.inline = isinstance(limiter.storage, MemoryStorage)

    async def _call(self, method: Callable[[RateLimitItem, str], T], item: RateLimitItem, client: str) -> T:
        return await limiter_call(self.inline, method, item, client)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"] in self.exempt_paths:
            await self.app(scope, receive, send)
            return
        client = client_identity(scope)
        for item in self.items:
            if not await self._call(self.limiter.hit, item, client):
                await self._reject(scope, receive, send, item, client)
                return
        await self.app(scope, receive, send)

    async def _reject(self, scope: Scope, receive: Receive, send: Send, item: RateLimitItem, client: str) -> None:
        retry_after = await seconds_to_wait(self.inline, self.limiter, item, client)
        who = "API key" if client.startswith("key:") else "client address"
        await send_too_many(scope, receive, send, retry_after, ErrorDetail(
            field="rate_limit", type="rate_limited",
            message=f"the limit is {item} per {who}; retry in {retry_after} s"))
