"""Coach benchmarks (figures, not assertions), with the model mocked at the HTTP level by respx.

1. Overhead of one coach call with a zero-latency model: prompt, SDK, parsing, verification.
2. Throughput of a batch of coach calls against a model that takes 200 ms, at the default concurrency.

    python bench/bench_coach.py
"""

from __future__ import annotations

import asyncio
import json
import statistics
import time

import httpx
import respx

from coach.coaching.schemas import CoachRequest
from coach.coaching.session import coach_request
from coach.core.settings import Settings
from coach.llm import client_from_settings

BASE_URL = "http://llm.bench/v1"
DRAFT = ("Objective: Be known among indie studios\nKR: Increase brand awareness\n"
         "KR: Grow newsletter subscribers from 2,000 to 3,000 by Q3\nKR: Launch a new email campaign")
ANSWER = {
    "changes": [
        {"action": "rewrite", "objective": 0, "key_result": 0, "rationale": "measurable", "assumptions": [],
         "texts": ["Increase aided brand recall from [baseline] to [target] by [deadline]"]},
        {"action": "rewrite", "objective": 0, "key_result": 2, "rationale": "outcome", "assumptions": [],
         "texts": ["Increase email click-through rate from [baseline] to [target] by [deadline]"]},
    ],
    "kpi_links": [{"objective": 0, "key_result": 0, "kpi_id": "marketing.aided-brand-recall", "new_kpi_name": None,
                   "confidence": 0.8, "reason": "recall measures awareness"}],
    "findings": [],
}


def completion(latency: float):
    async def answer(request: httpx.Request) -> httpx.Response:
        if latency:
            await asyncio.sleep(latency)
        body = {"id": "b", "object": "chat.completion", "created": 0, "model": "bench",
                "choices": [{"index": 0, "finish_reason": "stop",
                             "message": {"role": "assistant", "content": json.dumps(ANSWER), "refusal": None}}],
                "usage": {"prompt_tokens": 900, "completion_tokens": 150, "total_tokens": 1050}}
        return httpx.Response(200, json=body)

    return answer


def settings() -> Settings:
    # No cache: every call pays for the model, as distinct drafts would.
    return Settings(llm="openai", llm_base_url=BASE_URL, llm_model="bench", llm_cache_size=0)


async def overhead(calls: int = 200) -> None:
    config = settings()
    client = client_from_settings(config)
    body = CoachRequest(text=DRAFT)
    times = []
    with respx.mock:
        respx.post(f"{BASE_URL}/chat/completions").mock(side_effect=completion(0.0))
        await coach_request(body, client=client, settings=config)  # warm-up
        for _ in range(calls):
            started = time.perf_counter()
            await coach_request(body, client=client, settings=config)
            times.append(time.perf_counter() - started)
    offline = Settings()
    started = time.perf_counter()
    for _ in range(calls):
        await coach_request(body, client=None, settings=offline)
    offline_ms = (time.perf_counter() - started) / calls * 1000
    print(f"overhead, zero-latency model: median {statistics.median(times) * 1000:.2f} ms, "
          f"p95 {statistics.quantiles(times, n=20)[-1] * 1000:.2f} ms per coach call ({calls} calls)")
    print(f"offline coach (no model): {offline_ms:.2f} ms per call")


async def throughput(calls: int = 80, latency: float = 0.2) -> None:
    config = settings()
    client = client_from_settings(config)
    body = CoachRequest(text=DRAFT)
    with respx.mock:
        respx.post(f"{BASE_URL}/chat/completions").mock(side_effect=completion(latency))
        started = time.perf_counter()
        results = await asyncio.gather(*(coach_request(body, client=client, settings=config) for _ in range(calls)))
        elapsed = time.perf_counter() - started
    verified = sum(s.verified for r in results for s in r.suggestions)
    print(f"throughput, {latency * 1000:.0f} ms model, concurrency {config.llm_concurrency}: {calls} calls in "
          f"{elapsed:.2f} s = {calls / elapsed:.1f} calls/s (ideal {config.llm_concurrency / latency:.0f}); "
          f"{verified} verified suggestions")


if __name__ == "__main__":
    asyncio.run(overhead())
    asyncio.run(throughput())
