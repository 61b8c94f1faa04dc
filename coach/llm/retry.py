"""When to try the model again: transient failures only, with backoff, inside a total time budget."""

from __future__ import annotations

import email.utils
import time
from dataclasses import dataclass

import openai
from tenacity import (
    AsyncRetrying,
    RetryCallState,
    retry_if_exception,
    stop_after_attempt,
    stop_before_delay,
    wait_random_exponential,
)

_RETRY_STATUSES = frozenset({408, 409, 429})


def is_transient(exc: BaseException) -> bool:
    """Rate limits, server errors, timeouts and dropped connections are worth another try."""
    if isinstance(exc, openai.APIConnectionError):  # includes APITimeoutError
        return True
    return isinstance(exc, openai.APIStatusError) and (exc.status_code in _RETRY_STATUSES or exc.status_code >= 500)


def retry_after(exc: BaseException | None) -> float | None:
    """Seconds the server asked us to wait (`retry-after-ms`, `retry-after` seconds or HTTP date)."""
    if not isinstance(exc, openai.APIStatusError):
        return None
    headers = exc.response.headers
    try:
        if (ms := headers.get("retry-after-ms")) is not None:
            return max(0.0, float(ms) / 1000)
        if (value := headers.get("retry-after")) is None:
            return None
        return max(0.0, float(value))
    except ValueError:
        when = email.utils.parsedate_to_datetime(value) if value else None
        return max(0.0, when.timestamp() - time.time()) if when else None


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    max_attempts: int
    budget: float  # seconds for all attempts and waits together
    backoff_initial: float
    backoff_max: float

    def attempts(self) -> AsyncRetrying:
        """A tenacity loop: exponential jittered backoff, Retry-After honoured, never past the budget."""
        backoff = wait_random_exponential(multiplier=self.backoff_initial, max=self.backoff_max)

        def wait(state: RetryCallState) -> float:
            asked = retry_after(state.outcome.exception() if state.outcome else None)
            return asked if asked is not None else backoff(state)

        return AsyncRetrying(
            retry=retry_if_exception(is_transient),
            wait=wait,
            stop=stop_after_attempt(self.max_attempts) | stop_before_delay(self.budget),
            reraise=True,
        )
