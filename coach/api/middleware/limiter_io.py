"""Talking to a `limits` limiter from the event loop, and the 429 reply, shared by the rate and failed-auth limits."""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from typing import TypeVar

import anyio
from limits import RateLimitItem
from limits.strategies import MovingWindowRateLimiter
from starlette.types import Receive, Scope, Send

from coach.api.errors import ErrorDetail
from coach.api.middleware.asgi_reply import send_error

T = TypeVar("T")


async def limiter_call(inline: bool, method: Callable[[RateLimitItem, str], T], item: RateLimitItem, client: str) -> T:
    """`method(item, client)` inline for in-memory counters, in a worker thread for a network storage."""
    if inline:
        return method(item, client)
    return await anyio.to_thread.run_sync(method, item, client)


async def seconds_to_wait(inline: bool, limiter: MovingWindowRateLimiter, item: RateLimitItem, client: str) -> int:
    stats = await limiter_call(inline, limiter.get_window_stats, item, client)
    return max(1, math.ceil(stats.reset_time - time.time()))


async def send_too_many(scope: Scope, receive: Receive, send: Send, retry_after: int, detail: ErrorDetail) -> None:
    await send_error(scope, receive, send, 429,
                     "Too many requests; slow down and retry after the number of seconds in Retry-After.",
                     detail, headers=[(b"retry-after", str(retry_after).encode())])
