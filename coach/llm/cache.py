"""Caches of model answers keyed by (model, prompt, schema): duplicates cost nothing. Bounded in entries
and in age: in memory per process, or in Redis (OKR_COACH_REDIS_URL) shared by every replica."""

from __future__ import annotations

import hashlib
import json
import logging
import time
from collections import OrderedDict
from functools import lru_cache
from typing import TYPE_CHECKING, Protocol

from pydantic import BaseModel

from coach.llm.base import Message

if TYPE_CHECKING:
    import redis

log = logging.getLogger(__name__)
MAX_SHARED_ANSWER = 64_000  # characters; a larger answer is not worth a network round trip to share


class AnswerCache(Protocol):
    def get(self, key: str) -> str | None: ...
    def put(self, key: str, value: str) -> None: ...


def cache_key(model: str, messages: list[Message], schema: type[BaseModel]) -> str:
    """A digest of everything that determines the answer."""
    payload = json.dumps([model, messages, schema_json(schema)], sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


@lru_cache(maxsize=64)
def schema_json(schema: type[BaseModel]) -> str:
    """Generating a JSON schema takes milliseconds; the answer never changes for a class."""
    return json.dumps(schema.model_json_schema(), sort_keys=True)


class ResponseCache:
    """Validated answers as JSON, least recently used evicted first, none older than `ttl` seconds;
    size 0 disables it."""

    def __init__(self, size: int, ttl: float = float("inf")) -> None:
        self._size, self._ttl = size, ttl
        self._entries: OrderedDict[str, tuple[float, str]] = OrderedDict()

    def get(self, key: str) -> str | None:
        entry = self._entries.get(key)
        if entry is None:
            return None
        if entry[0] <= time.monotonic():
            del self._entries[key]
            return None
        self._entries.move_to_end(key)
        return entry[1]

    def put(self, key: str, value: str) -> None:
        if self._size <= 0:
            return
        self._entries[key] = (time.monotonic() + self._ttl, value)
        self._entries.move_to_end(key)
        while len(self._entries) > self._size:
            self._entries.popitem(last=False)


class RedisResponseCache:
    """The same, shared by every replica: each answer under its own key with a TTL, and an index (a sorted
    set by time) that trims the oldest beyond `size`. Redis failing is a miss, never an error: the model
    is asked instead. Calls are short and synchronous (a local round trip, half a second at most)."""

    def __init__(self, client: redis.Redis, size: int, ttl: float, prefix: str = "okr-coach:llm:") -> None:
        self._redis, self._size, self._ttl, self.prefix = client, size, max(1, round(ttl)), prefix

    def get(self, key: str) -> str | None:
        import redis

        try:
            value = self._redis.get(self.prefix + key)
        except redis.RedisError as exc:
            log.warning("shared answer cache unavailable", extra={"error": type(exc).__name__})
            return None
        return value.decode() if isinstance(value, bytes) else None

    def put(self, key: str, value: str) -> None:
        import redis

        if self._size <= 0 or len(value) > MAX_SHARED_ANSWER:
            return
        index, now = self.prefix + "index", time.time()
        try:
            with self._redis.pipeline() as pipe:
                pipe.set(self.prefix + key, value, ex=self._ttl)
                pipe.zadd(index, {key: now})
                pipe.zremrangebyscore(index, "-inf", now - self._ttl)
                pipe.zrange(index, 0, -self._size - 1)
                oldest = pipe.execute()[-1]
            if oldest:
                self._redis.delete(*(self.prefix + k.decode() for k in oldest))
                self._redis.zrem(index, *oldest)
        except redis.RedisError as exc:
            log.warning("shared answer cache unavailable", extra={"error": type(exc).__name__})


def answer_cache(size: int, ttl: float, redis_url: str | None) -> AnswerCache:
    """Redis when configured (imported only then), else memory."""
    if redis_url is None:
        return ResponseCache(size, ttl)
    import redis

    return RedisResponseCache(redis.Redis.from_url(redis_url, socket_timeout=0.5, socket_connect_timeout=0.5),
                              size, ttl)
