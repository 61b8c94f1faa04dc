"""The model answer cache: bounded in entries and age, in memory or shared through the real Redis."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest
import redis
from servers import free_port

from coach.llm import cache as cache_module
from coach.llm.cache import RedisResponseCache, ResponseCache, answer_cache


def test_memory_cache_forgets_the_least_recently_used_and_the_expired(monkeypatch: pytest.MonkeyPatch) -> None:
    clock = [1000.0]
    monkeypatch.setattr(cache_module.time, "monotonic", lambda: clock[0])
    cache = ResponseCache(2, ttl=60)
    cache.put("a", "1")
    cache.put("b", "2")
    assert cache.get("a") == "1"  # now "b" is the least recently used
    cache.put("c", "3")
    assert (cache.get("a"), cache.get("b"), cache.get("c")) == ("1", None, "3")
    clock[0] += 61
    assert cache.get("a") is None and cache.get("c") is None


@pytest.fixture
def shared(redis_url: str) -> Iterator[RedisResponseCache]:
    prefix = f"okr-coach-test:{uuid.uuid4().hex}:"  # a namespace of its own on the shared server
    yield RedisResponseCache(redis.Redis.from_url(redis_url), size=3, ttl=120, prefix=prefix)
    client = redis.Redis.from_url(redis_url)
    keys = list(client.scan_iter(f"{prefix}*"))
    if keys:
        client.delete(*keys)


def test_replicas_share_answers_through_redis_with_a_ttl(shared: RedisResponseCache, redis_url: str) -> None:
    other_replica = RedisResponseCache(redis.Redis.from_url(redis_url), size=3, ttl=120, prefix=shared.prefix)
    shared.put("k1", '{"answer": 1}')
    assert other_replica.get("k1") == '{"answer": 1}'
    assert 0 < redis.Redis.from_url(redis_url).ttl(f"{shared.prefix}k1") <= 120


def test_the_shared_cache_keeps_only_its_newest_entries(shared: RedisResponseCache) -> None:
    for n in range(5):
        shared.put(f"k{n}", str(n))
    assert [shared.get(f"k{n}") for n in range(5)] == [None, None, "2", "3", "4"]


def test_an_unreachable_redis_is_a_miss_not_an_error() -> None:
    cache = answer_cache(8, 60, f"redis://127.0.0.1:{free_port()}/0")
    cache.put("k", "v")
    assert cache.get("k") is None
