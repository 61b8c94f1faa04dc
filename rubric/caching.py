"""Per-text caches whose memory has a ceiling: only short texts are kept, in a bounded number of entries.

The rubric sees the same key results again and again (a draft re-checked as someone types, one KPI
in many owners' sets), so caching per text pays; but an entry grows with its text (~100 bytes per
character once analysed), and unique long texts would make an entry-bounded cache grow without
end in bytes. Texts longer than CACHE_LIMIT are computed afresh each time, so a cache of N entries
holds at most N * CACHE_LIMIT characters' worth of results. Measured per 240-char entry: analysis
~11 KB, API description ~12 KB, local hits ~1 KB, word set ~1.5 KB, KPI mentions ~0.6 KB; with
16384 entries each, the caches together stay under ~450 MB however many distinct texts arrive
(~150 MB for typical 70-char key results), where unbounded entries once grew to gigabytes.
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

        @wraps(function)
        def call_one(text: str) -> Result:  # the common cases, without packing arguments
            return cached(text) if len(text) <= CACHE_LIMIT else function(text)

        @wraps(function)
        def call_two(text: str, other: Any) -> Result:
            return cached(text, other) if len(text) <= CACHE_LIMIT else function(text, other)

        code = function.__code__
        if not code.co_kwonlyargcount and code.co_argcount in (1, 2):
            call = call_one if code.co_argcount == 1 else call_two

        call.cache_clear = cached.cache_clear  # type: ignore[attr-defined]
        call.cache_info = cached.cache_info  # type: ignore[attr-defined]
        return call

    return decorate
