"""Per-text caches whose memory has a ceiling: only short texts are kept, in a bounded number of entries.

The rubric sees the same key results again and again (a draft re-checked as someone types, one KPI
in many owners' sets), so caching per text pays; but an entry grows with its text (~100 bytes per
character once analysed), and unique long texts would make an entry-bounded cache grow without
end in bytes. Texts longer than CACHE_LIMIT are computed afresh each time, so a cache of N entries
holds at most N * CACHE_LIMIT characters' worth of results.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache, wraps
from typing import Any, TypeVar

CACHE_LIMIT = 240  # characters: longer than any typical objective or key result

Result = TypeVar("Result")


def short_text_cache(maxsize: int) -> Callable[[Callable[..., Result]], Callable[..., Result]]:
    """Like `functools.lru_cache(maxsize)` for a function of a text, but never keeping texts over CACHE_LIMIT."""

    def decorate(function: Callable[..., Result]) -> Callable[..., Result]:
        cached = lru_cache(maxsize=maxsize)(function)

        @wraps(function)
        def call(text: str, *args: Any, **kwargs: Any) -> Result:
            return cached(text, *args, **kwargs) if len(text) <= CACHE_LIMIT else function(text, *args, **kwargs)

        call.cache_clear = cached.cache_clear  # type: ignore[attr-defined]
        call.cache_info = cached.cache_info  # type: ignore[attr-defined]
        return call

    return decorate
