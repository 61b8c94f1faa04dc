"""Failed API-key attempts limited per client IP: past the limit, key checks from that IP get 429.

The per-key rate limit cannot see requests without a valid key, so without this an unauthenticated
client could send 401/403-bound requests as fast as it likes. Counters share the rate limiter's
storage (per process, or Redis for all workers). The IP is the TCP peer unless the request came
through a proxy listed in OKR_COACH_TRUSTED_PROXIES.
"""

from __future__ import annotations

from limits import RateLimitItem
from limits.storage import MemoryStorage
from limits.strategies import MovingWindowRateLimiter
from starlette.types import Receive, Scope, Send

from coach.api.errors import ErrorDetail
from coach.api.middleware.limiter_io import limiter_call, seconds_to_wait, send_too_many


class FailedAuthLimit:
    def __init__(self, items: list[RateLimitItem], limiter: MovingWindowRateLimiter) -> None:
        self.items = items
        self.limiter = limiter
        self.inline = isinstance(limiter.storage, MemoryStorage)

    async def refuse_if_over(self, scope: Scope, receive: Receive, send: Send) -> bool:
        """Answer 429 (and return True) when this client's failed attempts are over the limit.

        Checked before the key is, so an address that guessed too often learns nothing, not even
        that a key is right, until the window moves.
        """
        client = _identity(scope)
        for item in self.items:
            if not await limiter_call(self.inline, self.limiter.test, item, client):
                retry_after = await seconds_to_wait(self.inline, self.limiter, item, client)
                await send_too_many(scope, receive, send, retry_after, ErrorDetail(
                    field="header.X-API-Key", type="too_many_failed_auth",
                    message=f"too many requests with a missing or wrong API key from this address (the limit is "
                    f"{item}); retry in {retry_after} s with a valid key"))
                return True
        return False

    async def record_failure(self, scope: Scope) -> None:
        client = _identity(scope)
        for item in self.items:
            await limiter_call(self.inline, self.limiter.hit, item, client)


def _identity(scope: Scope) -> str:
    client = scope.get("client")
    return f"auth-failures:{client[0] if client else 'unknown'}"
